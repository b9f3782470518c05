/**
 * Composition root: builds the services and registers the contributions. No logic lives here.
 * Activation must stay cheap (budget 15 ms): nothing here touches Cline, the network or the disk;
 * each capability does its work on first use.
 */
import * as vscode from 'vscode';
import { createLog } from './adapters/log';
import { registerClineFeatures } from './wiring/clineFeatures';
import { registerChat } from './wiring/chatFeatures';
import type { TestHooks } from './wiring/testHooks';

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const started = performance.now();
  const log = createLog(context);
  const cline = registerClineFeatures(context, log);
  const chat = registerChat(context, log, (prompt) => cline.startTask(prompt, { source: 'chat' }));
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return context.extensionMode === vscode.ExtensionMode.Test ? { context, chat, cline, activationMs } : undefined;
}

export function deactivate(): void {}
