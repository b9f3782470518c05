/**
 * Composition root: builds the services and registers the contributions. No logic lives here.
 * Activation must stay cheap (budget 15 ms): nothing here touches Cline, the network or the disk;
 * each capability does its work on first use.
 */
import * as vscode from 'vscode';
import { configureCoreL10n } from './adapters/coreL10n';
import { createLog } from './adapters/log';
import { registerClineFeatures } from './wiring/clineFeatures';
import { registerChat } from './wiring/chatFeatures';
import { registerWalkthrough } from './contributions/walkthrough/walkthrough';
import type { ClineCompanionApi } from '../api/cline-companion';
import type { TestHooks } from './wiring/testHooks';

/** Returns the public API (api/cline-companion.d.ts). In test mode only, the internals ride along on `testHooks`. */
export function activate(context: vscode.ExtensionContext): ClineCompanionApi & { testHooks?: TestHooks } {
  const started = performance.now();
  // Before anything builds words: the pure cores translate with @vscode/l10n, given VS Code's bundle here.
  configureCoreL10n();
  const log = createLog(context);
  // First: it reads globalState (is this the first run?) before anything else writes there.
  context.subscriptions.push(...registerWalkthrough(context));
  const cline = registerClineFeatures(context, log);
  const chat = registerChat(context, log, (prompt) => cline.startTask(prompt, { source: 'chat' }));
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  const api = cline.tasks.api;
  // A separate object, so the internals never show on the API another extension gets.
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  const testHooks: TestHooks = {
    context,
    cline,
    activationMs,
    get chat() {
      return chat.load();
    },
  };
  return Object.assign(Object.create(api) as ClineCompanionApi, { testHooks });
}

export function deactivate(): void {}
