/** The diagnostics VS Code holds (every language's, the Problems view's), as the tools' plain `ProblemInfo`. */
import * as vscode from 'vscode';
import type { ProblemInfo } from '../../core/tools/problems';

const SEVERITIES: Record<vscode.DiagnosticSeverity, ProblemInfo['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function toProblem(uri: vscode.Uri, d: vscode.Diagnostic): ProblemInfo {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    path: uri.fsPath,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: SEVERITIES[d.severity] ?? 'info',
    message: d.message,
    ...(d.source ? { source: d.source } : {}),
    ...(code !== undefined && code !== '' ? { code } : {}),
  };
}

/** Diagnostics VS Code holds for one file, or for every file (files on disk only). */
export function diagnostics(absolutePath?: string): ProblemInfo[] {
  if (absolutePath !== undefined) {
    const uri = vscode.Uri.file(absolutePath);
    return vscode.languages.getDiagnostics(uri).map((d) => toProblem(uri, d));
  }
  return vscode.languages
    .getDiagnostics()
    .filter(([uri]) => uri.scheme === 'file')
    .flatMap(([uri, list]) => list.map((d) => toProblem(uri, d)));
}
