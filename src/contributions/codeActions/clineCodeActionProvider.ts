/**
 * Light-bulb actions: "Fix with Cline" (a QuickFix) on errors and warnings, and "Explain with Cline" /
 * "Refactor with Cline" (refactor actions) on a selection. Runs on every cursor move, so it only looks at
 * what VS Code hands it: no symbol request, no file read. The commands do the real work when picked.
 */
import * as vscode from 'vscode';
import { codeActionSettings } from '../../adapters/settings/codeActionSettings';
import { CMD } from '../../core/commandIds';

const FIX_KIND = vscode.CodeActionKind.QuickFix.append('cline');
const EXPLAIN_KIND = vscode.CodeActionKind.Refactor.append('cline').append('explain');
const REFACTOR_KIND = vscode.CodeActionKind.RefactorRewrite.append('cline');

class ClineCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [FIX_KIND, EXPLAIN_KIND, REFACTOR_KIND],
  };

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!codeActionSettings.enabled()) return [];
    const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind) || kind.contains(context.only);
    const actions: vscode.CodeAction[] = [];

    const problems = context.diagnostics.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    if (problems.length > 0 && wants(FIX_KIND)) {
      const fix = new vscode.CodeAction(problems.length === 1 ? 'Fix with Cline' : `Fix ${problems.length} problems with Cline`, FIX_KIND);
      fix.diagnostics = problems;
      const span = problems.map((d) => d.range).reduce((a, b) => a.union(b));
      fix.command = { command: CMD.fix, title: fix.title, arguments: [document.uri, span] };
      actions.push(fix);
    }

    if (!range.isEmpty) {
      if (wants(EXPLAIN_KIND)) {
        const explain = new vscode.CodeAction('Explain with Cline', EXPLAIN_KIND);
        explain.command = { command: CMD.explain, title: explain.title, arguments: [document.uri, range] };
        actions.push(explain);
      }
      if (wants(REFACTOR_KIND)) {
        const refactor = new vscode.CodeAction('Refactor with Cline', REFACTOR_KIND);
        refactor.command = { command: CMD.refactor, title: refactor.title, arguments: [document.uri, range] };
        actions.push(refactor);
      }
    }
    return actions;
  }
}

export function registerCodeActions(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new ClineCodeActionProvider(), ClineCodeActionProvider.metadata);
}
