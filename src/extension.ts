import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('clineCompanion.startTask', async (text?: string) => {
      const task = text ?? (await vscode.window.showInputBox({ prompt: 'Task for Cline' }));
      if (!task) return;
      const ext = vscode.extensions.getExtension<{ startNewTask(t?: string): Promise<void> }>('saoudrizwan.claude-dev');
      const api = await ext?.activate();
      await api?.startNewTask(task);
    }),
  );
}

export function deactivate(): void {}
