/**
 * "Toggle Code Lenses": flips `clineCompanion.codeLens.enabled` in the user settings. When a workspace
 * setting overrides it, the user setting alone would change nothing visible, so we say so.
 */
import * as vscode from 'vscode';
import { SECTION, setting } from '../../adapters/settings/config';

export async function toggleCodeLens(stateArg?: unknown): Promise<boolean> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const current = setting('codeLens.enabled');
  // From code: `true`/`false` sets the state instead of flipping it.
  const next = typeof stateArg === 'boolean' ? stateArg : !current;
  await config.update('codeLens.enabled', next, vscode.ConfigurationTarget.Global);
  const inspected = config.inspect<boolean>('codeLens.enabled');
  const overridden = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (overridden !== undefined && overridden !== next) {
    void vscode.window
      .showWarningMessage(
        overridden
          ? vscode.l10n.t("Cline code lenses stay on: this workspace's settings set clineCompanion.codeLens.enabled to true.")
          : vscode.l10n.t("Cline code lenses stay off: this workspace's settings set clineCompanion.codeLens.enabled to false."),
        vscode.l10n.t('Open Workspace Settings'),
      )
      .then((pick) =>
        pick ? vscode.commands.executeCommand('workbench.action.openWorkspaceSettings', 'clineCompanion.codeLens.enabled') : undefined,
      );
  } else {
    vscode.window.setStatusBarMessage(
      `$(check) ${next ? vscode.l10n.t('Cline code lenses on') : vscode.l10n.t('Cline code lenses off')}`,
      3000,
    );
  }
  return next;
}
