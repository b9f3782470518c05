/** Shared helpers for suites running inside the real extension host. */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'cline-companion.cline-companion';

export interface RecordedCall {
  method: string;
  args: unknown[];
  time: number;
}

export async function activateCompanion(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this host`);
  await ext.activate();
  return ext;
}

export async function standInCalls(): Promise<RecordedCall[]> {
  return (await vscode.commands.executeCommand<RecordedCall[]>('clineStandIn.calls')) ?? [];
}

export async function resetStandIn(): Promise<void> {
  await vscode.extensions.getExtension('saoudrizwan.claude-dev')?.activate();
  await vscode.commands.executeCommand('clineStandIn.reset');
}

export async function setStandInBehaviour(b: {
  throwFrom?: string[];
  delayMs?: number;
  missing?: string[];
  ownCodeActions?: boolean;
}): Promise<void> {
  await vscode.commands.executeCommand('clineStandIn.setBehaviour', b);
}

/** Polls until `check` returns a truthy value (the host is asynchronous; never sleep blindly). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/**
 * Turns the Git extension off again (the test hosts keep it off) and waits until it has closed every repository:
 * removing a `.git` folder under a repository it still has open makes its next `git check-ignore` end with an
 * uncaught EPIPE in this extension host, which mocha counts against whatever runs then.
 */
export async function turnGitOffAndWait(): Promise<void> {
  // false, as test/host/codeServer.ts writes it (undefined would remove the key and leave Git on: its default).
  await vscode.workspace.getConfiguration('git').update('enabled', false, vscode.ConfigurationTarget.Global);
  const git = vscode.extensions.getExtension<{ getAPI(version: 1): { repositories: unknown[] } }>('vscode.git');
  if (!git?.isActive) return;
  const api = git.exports.getAPI(1);
  await waitFor(() => api.repositories.length === 0, 'the Git extension to close its repositories', 15_000);
}
