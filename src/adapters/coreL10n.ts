/**
 * The pure cores (src/core/, and the status bar's look) cannot import `vscode`, so they translate with
 * `@vscode/l10n`, which speaks English until it is given a bundle. This hands it VS Code's bundle for the display
 * language (none in English). Each host bundle (dist/extension.js, and the lazily loaded dist/chat.js and
 * dist/tasks.js) carries its own copy of `@vscode/l10n`, so each calls this once when it starts, before it builds
 * any words.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export function configureCoreL10n(): void {
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
}
