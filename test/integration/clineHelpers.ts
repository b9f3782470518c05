/** Helpers for the Cline-side suites (bridge, commands, lenses, quick fixes) in the real extension host. */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CommandServices } from '../../src/contributions/commands/commandServices';
import type { CommandResult } from '../../src/core/commandResult';
import type { TestHooks } from '../../src/wiring/testHooks';
import { activateCompanion, standInCalls, waitFor, type RecordedCall } from './helpers';

/** The internals activate() hands out in test mode, on the API's `testHooks` property. */
export async function testHooks(): Promise<TestHooks> {
  const ext = await activateCompanion();
  const exports = ext.exports as { testHooks?: TestHooks } | undefined;
  if (!exports?.testHooks) throw new Error('the extension did not hand out its test hooks');
  return exports.testHooks;
}

export async function clineInternals(): Promise<CommandServices> {
  const internals = (await testHooks()).cline.internals;
  if (!internals) throw new Error('the extension did not hand out the Cline internals');
  return internals;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test host opened no folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function run(command: string, ...args: unknown[]): Promise<CommandResult> {
  const result = await vscode.commands.executeCommand<CommandResult>(command, ...args);
  assert.ok(result && typeof result === 'object', `${command} returned no result`);
  return result;
}

/** Waits until the stand-in has `count` calls, then a little longer to be sure no extra one arrives. */
export async function exactCalls(count: number, settleMs = 150): Promise<RecordedCall[]> {
  await waitFor(async () => (await standInCalls()).length >= count, `${count} stand-in call(s)`);
  await new Promise((r) => setTimeout(r, settleMs));
  const calls = await standInCalls();
  assert.equal(calls.length, count, `expected exactly ${count} call(s), got ${JSON.stringify(calls.map((c) => c.method))}`);
  return calls;
}

/** Sets user settings for the duration of `fn`, then puts the old values back. */
export async function withSettings<T>(settings: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('clineCompanion');
  const before = Object.fromEntries(Object.keys(settings).map((k) => [k, config.inspect(k)?.globalValue]));
  try {
    for (const [k, v] of Object.entries(settings)) await config.update(k, v, vscode.ConfigurationTarget.Global);
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) await config.update(k, v, vscode.ConfigurationTarget.Global);
  }
}

/** The context block rules: path, language, 1-based lines, then the code in a fence longer than any backtick run inside. */
export function assertContextBlock(text: string, expected: { path: string; language: string; lines: string; code: string }): void {
  assert.ok(text.includes(`File: ${expected.path}`), `no "File: ${expected.path}" in:\n${text}`);
  assert.ok(text.includes(`Language: ${expected.language}`), `no language ${expected.language} in:\n${text}`);
  assert.ok(text.includes(`Lines: ${expected.lines}`), `no "Lines: ${expected.lines}" in:\n${text}`);
  const longestRun = Math.max(0, ...(expected.code.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const body = expected.code.endsWith('\n') ? expected.code : `${expected.code}\n`;
  assert.ok(text.includes(`${fence}${expected.language}\n${body}${fence}`), `the code is not fenced with ${fence} in:\n${text}`);
}

export async function openInEditor(uri: vscode.Uri, selection?: vscode.Range): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  if (selection) editor.selection = new vscode.Selection(selection.start, selection.end);
  return editor;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
