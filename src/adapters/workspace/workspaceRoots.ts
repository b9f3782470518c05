/** The workspace folders the tools and mentions may read: those on the local file system, as plain data. */
import * as vscode from 'vscode';
import type { WorkspaceRoot } from '../../core/tools/workspacePaths';

/**
 * The open folders with a `file:` URI (a virtual folder, e.g. from GitHub Repositories, has no path on disk
 * that could be confined, so the tools leave it out), in the window's order.
 */
export function workspaceRoots(): WorkspaceRoot[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => ({ name: f.name, fsPath: f.uri.fsPath }));
}

/** The VS Code folder of a root (for its resource-scoped settings and watchers). */
export function folderOf(root: WorkspaceRoot): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file' && f.uri.fsPath === root.fsPath);
}
