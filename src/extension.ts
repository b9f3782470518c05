/**
 * Composition root: builds the services and registers the contributions. No logic lives here.
 * Activation must stay cheap (budget 15 ms): nothing here touches Cline, the network or the disk;
 * each capability does its work on first use.
 */
import * as vscode from 'vscode';
import { createLog } from './log';
import { registerClineFeatures } from './cline/registerClineFeatures';
import { registerChat } from './chat/registerChat';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = createLog(context);
  const cline = registerClineFeatures(context, log);
  registerChat(context, log, cline);
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {}
