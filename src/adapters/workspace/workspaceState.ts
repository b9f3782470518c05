/**
 * Whether the chat may use the workspace tools and file mentions now (the protocol's `WorkspaceState`), and an
 * event when that changes: the workspace was trusted, folders were opened or closed, or
 * `clineCompanion.chat.tools.enabled` changed. The host checks it on every use; the view only shows it.
 */
import * as vscode from 'vscode';
import type { WorkspaceState } from '../../protocol/chatProtocol';
import { setting } from '../settings/config';
import { workspaceRoots } from './workspaceRoots';

export function workspaceState(): WorkspaceState {
  const trusted = vscode.workspace.isTrusted;
  return { trusted, tools: trusted && setting('chat.tools.enabled'), hasFolder: workspaceRoots().length > 0 };
}

/** Calls `listener` with the new state when it changed (not on every event that might change it). */
export function onWorkspaceStateChange(listener: (state: WorkspaceState) => void): vscode.Disposable {
  let last = JSON.stringify(workspaceState());
  const check = () => {
    const state = workspaceState();
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    listener(state);
  };
  return vscode.Disposable.from(
    vscode.workspace.onDidGrantWorkspaceTrust(check),
    vscode.workspace.onDidChangeWorkspaceFolders(check),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('clineCompanion.chat.tools.enabled') && check()),
  );
}
