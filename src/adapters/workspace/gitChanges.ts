/**
 * The working-tree changes of every Git repository in the workspace, read through the API of VS Code's
 * built-in Git extension (`vscode.git`), so they are what the Source Control view shows and no Git binary of
 * our own is run. Used by `{{changes}}` (Review Changes with Cline) and the chat's `@changes`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RepositoryChanges } from '../../core/prompts';

/** The part of the Git extension's API (git.d.ts, version 1) used here. */
interface GitChange {
  uri: vscode.Uri;
  status: number;
}
interface GitRepository {
  rootUri: vscode.Uri;
  state: { workingTreeChanges: GitChange[]; untrackedChanges?: GitChange[] };
  diff(cached?: boolean): Promise<string>;
  status(): Promise<void>;
}
interface GitApi {
  state: 'uninitialized' | 'initialized';
  onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  repositories: GitRepository[];
}
interface GitExtension {
  enabled: boolean;
  onDidChangeEnablement: vscode.Event<boolean>;
  getAPI(version: 1): GitApi;
}

/** `Status.UNTRACKED` of git.d.ts. */
const STATUS_UNTRACKED = 7;
/** How long to wait for the Git extension to start (just turned on) or to find the repositories of a new window. */
const INITIALIZE_TIMEOUT_MS = 5000;

/** Resolves when `fire` calls back or after the timeout, whichever comes first. */
function waitUntil(subscribe: (fire: () => void) => vscode.Disposable): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, INITIALIZE_TIMEOUT_MS);
    const listener = subscribe(done);
    function done(): void {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}

export type ChangesRead =
  | { ok: true; repos: RepositoryChanges[] }
  | {
      ok: false;
      /**
       * `untrusted`: Restricted Mode (Git does not run there); `gitMissing`: no Git extension; `gitDisabled`:
       * `git.enabled` is off (or Git is not installed); `noRepository`: none in the workspace.
       */
      reason: 'untrusted' | 'gitMissing' | 'gitDisabled' | 'noRepository';
      message: string;
    };

async function gitApi(): Promise<GitApi | Extract<ChangesRead, { ok: false }>> {
  if (!vscode.workspace.isTrusted) {
    return {
      ok: false,
      reason: 'untrusted',
      message: vscode.l10n.t('Git does not run in Restricted Mode: trust this workspace to read its changes.'),
    };
  }
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  const missing = vscode.l10n.t("VS Code's built-in Git extension is not available in this window.");
  if (!extension) return { ok: false, reason: 'gitMissing', message: missing };
  let exports: GitExtension | undefined;
  try {
    exports = extension.isActive ? extension.exports : await extension.activate();
  } catch (error) {
    return { ok: false, reason: 'gitMissing', message: `${missing} (${error instanceof Error ? error.message : String(error)})` };
  }
  // `git.enabled` just turned on: the extension starts in the background, and says so with an event.
  if (exports && !exports.enabled && vscode.workspace.getConfiguration('git').get<boolean>('enabled') === true) {
    await waitUntil((fire) => exports.onDidChangeEnablement((enabled) => enabled && fire()));
  }
  if (!exports?.enabled) {
    return {
      ok: false,
      reason: 'gitDisabled',
      message: vscode.l10n.t('Git is turned off in VS Code (the setting git.enabled), or Git is not installed.'),
    };
  }
  const api = exports.getAPI(1);
  if (api.state === 'uninitialized') await waitUntil((fire) => api.onDidChangeState((state) => state === 'initialized' && fire()));
  return api;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The repository's name for the user: its workspace folder's name when it is one (or holds one), else its
 * path inside the folder (with the folder's name first when the workspace has several).
 */
function repositoryName(root: string, folders: readonly vscode.WorkspaceFolder[]): string | undefined {
  for (const folder of folders) {
    const folderPath = folder.uri.fsPath;
    if (isInside(folderPath, root)) return folder.name;
    if (isInside(root, folderPath)) {
      const relative = path.relative(folderPath, root).split(path.sep).join('/');
      return folders.length > 1 ? `${folder.name}/${relative}` : relative;
    }
  }
  return undefined; // a repository Git opened for a file outside the workspace
}

async function readRepository(repo: GitRepository, name: string): Promise<RepositoryChanges> {
  // The Git extension refreshes its state some time after files change; the user asks about now.
  await repo.status().catch(() => undefined);
  const [staged, unstaged] = await Promise.all([repo.diff(true), repo.diff(false)]);
  const untracked = [...(repo.state.untrackedChanges ?? []), ...repo.state.workingTreeChanges]
    .filter((change) => change.status === STATUS_UNTRACKED)
    .map((change) => path.relative(repo.rootUri.fsPath, change.uri.fsPath).split(path.sep).join('/'));
  return { name, staged, unstaged, untracked: [...new Set(untracked)].sort() };
}

/** The changes of every repository of the workspace's folders (changed or not), or why there are none to read. */
export async function readWorkingTreeChanges(): Promise<ChangesRead> {
  const api = await gitApi();
  if ('ok' in api) return api;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const named = api.repositories
    .map((repo) => ({ repo, name: repositoryName(repo.rootUri.fsPath, folders) }))
    .filter((entry): entry is { repo: GitRepository; name: string } => entry.name !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (named.length === 0)
    return { ok: false, reason: 'noRepository', message: vscode.l10n.t('No Git repository is open in this workspace.') };
  return { ok: true, repos: await Promise.all(named.map(({ repo, name }) => readRepository(repo, name))) };
}
