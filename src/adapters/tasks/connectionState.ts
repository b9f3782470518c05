/**
 * Where Connect Cline Task Events installed our forwarders: global state for the global hooks folder,
 * workspace state for the workspace's `.clinerules/hooks` folders. Small and separate from the task
 * service, so start-up can check it without loading the task model.
 */
import type * as vscode from 'vscode';

export interface Connection {
  dirs: string[];
}

export const GLOBAL_CONNECTION_KEY = 'clineCompanion.taskEvents.global';
export const WORKSPACE_CONNECTION_KEY = 'clineCompanion.taskEvents.workspace';

export function rememberedConnection(context: vscode.ExtensionContext): { global?: Connection; workspace?: Connection } {
  const valid = (c: Connection | undefined) => (c && Array.isArray(c.dirs) && c.dirs.length > 0 ? c : undefined);
  return {
    global: valid(context.globalState.get<Connection>(GLOBAL_CONNECTION_KEY)),
    workspace: valid(context.workspaceState.get<Connection>(WORKSPACE_CONNECTION_KEY)),
  };
}
