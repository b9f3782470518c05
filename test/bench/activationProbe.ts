/**
 * Loaded by the real extension host as its "tests" (extensionTestsPath) by the activation bench:
 * times `await extension.activate()` (loading the bundle and running activate()) in a fresh window,
 * and prints one machine-readable line.
 */
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('cline-companion.cline-companion');
  if (!ext) throw new Error('Cline Companion is not loaded');
  if (ext.isActive) throw new Error('Cline Companion was already active: activation is not lazy');
  const started = performance.now();
  await ext.activate();
  const ms = performance.now() - started;
  console.log(`__COMPANION_BENCH__ ${JSON.stringify({ activateMs: ms })}`);
}
