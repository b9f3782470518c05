/**
 * The Get Started walkthrough (package.json `contributes.walkthroughs`): the command that opens it, its
 * opening once after the first install, and the context keys that mark its steps done as the user does them.
 * Nothing here shows a notification: the walkthrough is an editor tab.
 */
import * as vscode from 'vscode';
import { ApiKeyStore } from '../../adapters/chat/apiKeyStore';
import { onSettingsChange, setting } from '../../adapters/settings/config';
import { CMD, CONTEXT_KEY, WALKTHROUGH_ID } from '../../core/commandIds';
import { firstRunDecision, WALKTHROUGH_DECIDED_KEY } from '../../core/walkthrough/firstRun';

/**
 * Opens the walkthrough, in front. Not in the background: VS Code (1.100) applies the walkthrough to show only
 * when its tab is first drawn, so a tab opened `inactive` shows VS Code's own walkthrough when clicked.
 */
async function openWalkthrough(extensionId: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false);
}

function setContext(key: string, value: boolean): void {
  void vscode.commands.executeCommand('setContext', key, value);
}

/**
 * The steps whose completion no other part reports: the code lenses' setting and whether a key exists.
 * (Cline's presence comes from the status bar, a first answer from the chat, task events and the queue from
 * the task side.) The key store is read only when the walkthrough opens through us or a key is stored or
 * removed, never at start-up: on some systems the first read of the OS keychain asks to unlock it.
 * Returns what to dispose and the check to run when the walkthrough opens.
 */
function trackStepProgress(context: vscode.ExtensionContext): { disposables: vscode.Disposable[]; checkKey: () => void } {
  const lensesOn = (): void => setContext(CONTEXT_KEY.codeLensOn, setting('codeLens.enabled') === true);
  const keys = new ApiKeyStore(context.secrets);
  const checkKey = (): void =>
    void keys.has().then(
      (has) => setContext(CONTEXT_KEY.hasApiKey, has),
      () => undefined,
    );
  lensesOn();
  return { disposables: [keys, keys.onDidChange(checkKey), onSettingsChange('codeLens.enabled', lensesOn)], checkKey };
}

/** Opens the walkthrough if this is the first activation after the first install (see core/walkthrough/firstRun.ts). */
function openOnFirstRun(context: vscode.ExtensionContext, open: () => void): void {
  // Automated tests in an extension host (the integration suites, also through @vscode/test-electron and its
  // long-lived profile) never want an editor opening under them; the UI tests run in Development mode.
  if (context.extensionMode === vscode.ExtensionMode.Test) return;
  const decision = firstRunDecision({
    decided: context.globalState.get<boolean>(WALKTHROUGH_DECIDED_KEY) === true,
    earlierStateKeys: context.globalState.keys(),
    // A machine-scoped setting: with a remote (and in code-server) only the remote settings count, as for VS Code's
    // own opening of walkthroughs on install.
    openOnInstall: vscode.workspace.getConfiguration().get<boolean>('workbench.welcomePage.walkthroughs.openOnInstall', true),
  });
  if (decision.remember) void context.globalState.update(WALKTHROUGH_DECIDED_KEY, true);
  if (!decision.open) return;
  // After activation, never inside it.
  setTimeout(open, 0);
}

/**
 * Registers the Get Started command and the step tracking, and opens the walkthrough on the first run.
 * Call it first in activate(): the first-run check reads globalState before anything else writes to it.
 */
export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable[] {
  const { disposables, checkKey } = trackStepProgress(context);
  const open = (): Promise<void> => {
    checkKey();
    return openWalkthrough(context.extension.id);
  };
  openOnFirstRun(context, () => void open());
  return [vscode.commands.registerCommand(CMD.openWalkthrough, open), ...disposables];
}
