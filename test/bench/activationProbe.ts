/**
 * Loaded by the real extension host as its "tests" (extensionTestsPath) by the activation bench, in
 * a fresh window: reports the wall time of our activate() (measured inside it) and of the whole
 * `extension.activate()` (the host loading the bundle, then activate()), as one machine-readable line.
 */
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('cline-companion.cline-companion');
  if (!ext) throw new Error('Cline Companion is not loaded');
  if (ext.isActive) throw new Error('Cline Companion was already active: activation is not lazy');
  const started = performance.now();
  const hooks = ((await ext.activate()) as { testHooks?: { activationMs?: number } } | undefined)?.testHooks;
  const loadAndActivateMs = performance.now() - started;
  if (typeof hooks?.activationMs !== 'number') throw new Error('activate() did not report its time (test hooks missing)');
  console.log(`__COMPANION_BENCH__ ${JSON.stringify({ activateMs: hooks.activationMs, loadAndActivateMs })}`);
}
