/** Turns the editor's selection (or a given range) into a context chip for the chat: `path:lines`. */
import * as vscode from 'vscode';
import type { ContextChip } from '../../protocol/chatProtocol';

export async function chipFromEditor(uri?: vscode.Uri, range?: vscode.Range): Promise<ContextChip | undefined> {
  let document: vscode.TextDocument | undefined;
  let target: vscode.Range | undefined = range;
  if (uri instanceof vscode.Uri) {
    document = await vscode.workspace.openTextDocument(uri);
  } else {
    const editor = vscode.window.activeTextEditor;
    document = editor?.document;
    if (!target && editor && !editor.selection.isEmpty) target = editor.selection;
  }
  if (!document || !target || target.isEmpty) return undefined;
  const code = document.getText(target);
  if (!code.trim()) return undefined;
  const start = target.start.line + 1;
  // A selection ending at column 0 of a line does not include that line.
  const end = target.end.character === 0 && target.end.line > target.start.line ? target.end.line : target.end.line + 1;
  const relative = document.isUntitled
    ? document.uri.path
    : vscode.workspace.asRelativePath(
        document.uri,
        vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1,
      );
  const lines = start === end ? `${start}` : `${start}-${end}`;
  return {
    id: `${document.uri.toString()}#${lines}`,
    label: `${relative}:${lines}`,
    language: document.languageId,
    code,
  };
}
