/**
 * Where a document lives, as the prompt core wants it: the path relative to its own workspace folder
 * (the folder name in front when the workspace has several), or the absolute path outside every folder.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PromptFile } from '../../core/prompts';

export function promptFileFor(document: vscode.TextDocument): PromptFile {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  // Cline reads files from disk. Untitled documents and other schemes (git:, vscode-vfs:...) are not there,
  // and the prompt core inlines them whatever their size.
  const notOnDisk = document.isUntitled || document.uri.scheme !== 'file';
  const relativePath = folder
    ? path.posix.relative(folder.uri.path, document.uri.path)
    : notOnDisk
      ? path.posix.basename(document.uri.path)
      : document.uri.fsPath;
  return {
    relativePath,
    workspaceFolderName: folder?.name,
    multiRoot: folders.length > 1,
    languageId: document.languageId,
    isUntitled: notOnDisk,
    isDirty: document.isDirty,
    absolutePath: !folder && !notOnDisk ? document.uri.fsPath : undefined,
  };
}
