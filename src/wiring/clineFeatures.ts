/**
 * The Cline side of the extension, assembled: the bridge, the dispatcher with its prompt memory and
 * failure notifications, the commands, code lenses, quick fixes and the status bar item.
 * Registration only: nothing here activates Cline, reads files or asks for symbols (activation budget
 * 15 ms); all of that happens on first use.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Log } from '../adapters/log';
import { registerCodeActions } from '../contributions/codeActions/clineCodeActionProvider';
import { registerCodeLenses } from '../contributions/codelens/registerCodeLenses';
import { CMD } from '../core/commandIds';
import { registerClineCommands } from '../contributions/commands/clineCommands';
import type { CommandServices } from '../contributions/commands/commandServices';
import { showClineActions } from '../contributions/commands/showClineActions';
import { TemplateCatalog } from '../adapters/prompts/templateCatalog';
import { registerTemplateCommands } from '../contributions/commands/templateCommands';
import { toggleCodeLens } from '../contributions/commands/toggleCodeLens';
import { createClineStatusBar } from '../contributions/statusBar/clineStatusBar';
import { ClineBridge } from '../adapters/cline/clineBridge';
import { ClineOwnCodeActionsTracker } from '../adapters/cline/clineOwnCodeActionsTracker';
import { ClineDispatcher } from '../adapters/cline/clineDispatcher';
import { ClineFailureNotifier } from '../adapters/cline/clineFailureNotifier';
import { clineSettings } from '../adapters/settings/clineSettings';
import type { ExtensionDirHints } from '../core/cline/findExtensionOnDisk';
import { registerTaskFeatures, type TaskFeatures } from './taskFeatures';
import { PromptMemory } from '../core/cline/promptMemory';

/** What the rest of the extension (the chat's "Continue in Cline") may ask of the Cline side. */
export interface ClineFeatures {
  /** Starts a Cline task with the same friendly failure handling as the commands. True if it reached Cline. */
  startTask(text: string, options?: { images?: string[]; source?: string }): Promise<boolean>;
  /** The parts behind the commands, for the integration tests (test hooks) and diagnostics. */
  readonly internals?: CommandServices;
  /** Cline's tasks and the queue, and the public API made from them. */
  readonly tasks: TaskFeatures;
}

function extensionDirHints(context: vscode.ExtensionContext): ExtensionDirHints {
  const appRoot = vscode.env.appRoot;
  return {
    installedExtensionPaths: vscode.extensions.all
      .filter((e) => e.packageJSON?.isBuiltin !== true && !(appRoot && e.extensionPath.startsWith(appRoot)))
      .map((e) => e.extensionPath),
    globalStoragePath: context.globalStorageUri.fsPath,
    homeDir: os.homedir(),
    envExtensionsDir: process.env.VSCODE_EXTENSIONS,
  };
}

export function registerClineFeatures(context: vscode.ExtensionContext, log: Log): ClineFeatures {
  const bridge = new ClineBridge(log, {
    timeoutSeconds: clineSettings.timeoutSeconds,
    revealView: clineSettings.revealView,
    extensionDirHints: () => extensionDirHints(context),
  });
  const memory = new PromptMemory(context.globalState, clineSettings.historySize);
  const notifier = new ClineFailureNotifier(log, () => bridge.showInExtensionsView());
  const dispatcher = new ClineDispatcher(bridge, memory, notifier, log);
  const templates = new TemplateCatalog(log);
  const tasks = registerTaskFeatures(context, log, { dispatcher, bridge });
  const services: CommandServices = { bridge, dispatcher, memory, notifier, templates, log, tasks };
  const lenses = registerCodeLenses(templates, log, () => tasks.connected);
  let lensesWithQueue = tasks.connected;
  // Cline's own light-bulb actions, so ours do not repeat them. Nothing is asked until the light bulb asks.
  const clineOwnCodeActions = new ClineOwnCodeActionsTracker();

  context.subscriptions.push(
    bridge,
    ...registerClineCommands(services),
    ...registerTemplateCommands(services),
    vscode.commands.registerCommand(CMD.toggleCodeLens, (state?: unknown) => toggleCodeLens(state)),
    vscode.commands.registerCommand(CMD.showActions, () => showClineActions(services)),
    lenses,
    // TODO lenses offer "Add to Queue" only while task events are connected.
    tasks.onDidChange(() => {
      if (tasks.connected === lensesWithQueue) return;
      lensesWithQueue = tasks.connected;
      lenses.refresh();
    }),
    clineOwnCodeActions,
    registerCodeActions(templates, clineOwnCodeActions),
    createClineStatusBar(bridge, tasks),
  );

  return {
    async startTask(text, options = {}) {
      const result = await dispatcher.dispatch({
        method: 'startNewTask',
        text,
        images: options.images,
        source: options.source ?? 'chat',
        keep: { key: 'task', text },
      });
      return result.ok;
    },
    internals: services,
    tasks,
  };
}
