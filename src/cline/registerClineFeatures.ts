import * as vscode from 'vscode';
import type { Log } from '../log';

/** What the rest of the extension (the chat's "Continue in Cline") may ask of the Cline side. */
export interface ClineFeatures {
  /** Starts a Cline task with the same friendly failure handling as the commands. True if it reached Cline. */
  startTask(text: string, options?: { images?: string[]; source?: string }): Promise<boolean>;
}

/** Placeholder; the bridge, commands, lenses and quick fixes are registered here. */
export function registerClineFeatures(context: vscode.ExtensionContext, _log: Log): ClineFeatures {
  const startTask = async (text: string): Promise<boolean> => {
    const ext = vscode.extensions.getExtension<{ startNewTask(t?: string): Promise<void> }>('saoudrizwan.claude-dev');
    const api = await ext?.activate();
    await api?.startNewTask(text);
    return !!api;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('clineCompanion.startTask', async (text?: string) => {
      const task = text ?? (await vscode.window.showInputBox({ prompt: 'Task for Cline' }));
      if (task) await startTask(task);
    }),
  );
  return { startTask };
}
