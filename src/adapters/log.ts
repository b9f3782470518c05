/**
 * The "Cline Companion" log channel. Prompt text and chat content go only at trace level; the API
 * key never goes anywhere near it.
 */
import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(context: vscode.ExtensionContext): Log {
  const log = vscode.window.createOutputChannel('Cline Companion', { log: true });
  context.subscriptions.push(log);
  return log;
}
