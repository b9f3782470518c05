/**
 * Cline's own code actions in this window (src/core/cline/clineOwnCodeActions.ts says how they are inferred):
 * Cline active and its commands registered. Forgotten when extensions change (Cline installed, updated,
 * enabled, disabled), so the next light bulb checks again.
 */
import * as vscode from 'vscode';
import { CLINE_EXTENSION_ID } from '../../core/cline/clineApi';
import { ClineOwnCodeActions } from '../../core/cline/clineOwnCodeActions';

export class ClineOwnCodeActionsTracker extends ClineOwnCodeActions implements vscode.Disposable {
  private readonly subscription = vscode.extensions.onDidChange(() => this.forget());

  constructor() {
    super({
      clineActive: () => vscode.extensions.getExtension(CLINE_EXTENSION_ID)?.isActive === true,
      registeredCommands: () => vscode.commands.getCommands(true),
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
