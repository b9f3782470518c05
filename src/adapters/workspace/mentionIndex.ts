/**
 * The `@` list of the chat's composer: the special mentions that match, then files and folders of the
 * workspace by fuzzy path (core/tools' FileIndex). The index is built on the first `@` (a chat that never
 * mentions a file walks nothing), with the same filters as the tools, and kept current by a file watcher
 * created then and disposed with the chat. When a filter changes (a .gitignore edited, a setting) or folders
 * come and go, the index starts over on the next `@`.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MentionSuggestion } from '../../protocol/chatProtocol';
import { FileIndex } from '../../core/tools/fileIndex';
import { displayPath, isInside } from '../../core/tools/workspacePaths';
import { nodeWalkFs } from '../../core/tools/workspaceWalk';
import type { FileFilters } from './fileFilters';
import { workspaceRoots } from './workspaceRoots';

/** The special mentions, in the order the list shows them; `changes` needs a trusted workspace (it reads Git). */
const specials = (): readonly (MentionSuggestion & { name: string; needsTrust?: true })[] => [
  { kind: 'selection', name: 'selection', label: '@selection', detail: vscode.l10n.t('The selection in the editor') },
  { kind: 'problems', name: 'problems', label: '@problems', detail: vscode.l10n.t('Errors and warnings of the active file') },
  {
    kind: 'problemsWorkspace',
    name: 'problems:workspace',
    label: '@problems:workspace',
    detail: vscode.l10n.t('Errors and warnings of the workspace'),
  },
  { kind: 'changes', name: 'changes', label: '@changes', detail: vscode.l10n.t('Uncommitted changes (Git)'), needsTrust: true },
];

/** Most files and folders in one answer (the list shows a screenful; typing narrows it). */
const MAX_SUGGESTIONS = 50;

/** The specials whose name starts with what was typed (all of them for a bare `@`). */
function matchingSpecials(query: string, trusted: boolean): MentionSuggestion[] {
  const typed = query.trim().toLowerCase();
  return specials()
    .filter((s) => (trusted || !s.needsTrust) && s.name.startsWith(typed))
    .map(({ kind, label, detail }) => ({
      kind,
      label,
      detail,
    }));
}

export class MentionIndex implements vscode.Disposable {
  private index: FileIndex | undefined;
  private watcher: vscode.Disposable | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly filters: FileFilters) {
    this.disposables.push(
      filters.onDidChange(() => this.forget()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.forget()),
    );
  }

  /** The list for what follows the `@`. Files and folders only in a trusted workspace with a folder open. */
  async suggest(query: string): Promise<MentionSuggestion[]> {
    const trusted = vscode.workspace.isTrusted;
    const specials = matchingSpecials(query, trusted);
    if (!trusted || workspaceRoots().length === 0) return specials;
    const index = this.current();
    await index.ready();
    const files = index.suggest(query.trim(), MAX_SUGGESTIONS).map(({ path: shown, isDir }): MentionSuggestion => {
      const slash = shown.lastIndexOf('/');
      return {
        kind: isDir ? 'folder' : 'file',
        path: shown,
        label: `@${shown}${isDir ? '/' : ''}`,
        detail: slash === -1 ? (isDir ? 'folder' : 'file') : shown.slice(0, slash),
      };
    });
    return [...specials, ...files];
  }

  private current(): FileIndex {
    this.watch();
    this.index ??= new FileIndex({ roots: workspaceRoots(), filterFor: (root) => this.filters.filterFor(root), fs: nodeWalkFs });
    return this.index;
  }

  private forget(): void {
    this.index?.dispose();
    this.index = undefined;
  }

  /** A watched path as the index names it; undefined outside the workspace's folders on disk. */
  private shown(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    const roots = workspaceRoots();
    const root = [...roots].sort((a, b) => b.fsPath.length - a.fsPath.length).find((r) => isInside(uri.fsPath, r.fsPath));
    if (!root) return undefined;
    const relative = path.relative(root.fsPath, uri.fsPath).split(path.sep).join('/');
    return relative ? displayPath({ root, relative }, roots) : undefined;
  }

  /** Started with the first `@`, so a chat without mentions watches nothing. Changes of content do not matter. */
  private watch(): void {
    if (this.watcher) return;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.watcher = vscode.Disposable.from(
      watcher,
      watcher.onDidCreate((uri) => void this.added(uri)),
      watcher.onDidDelete((uri) => {
        const shown = this.shown(uri);
        if (shown !== undefined) this.index?.remove(shown);
      }),
    );
  }

  private async added(uri: vscode.Uri): Promise<void> {
    const shown = this.shown(uri);
    const index = this.index;
    if (shown === undefined || !index) return;
    try {
      // Through a link (the index checks where it leads); a path already gone again is no entry.
      const isDir = (await stat(uri.fsPath)).isDirectory();
      await index.add(shown, isDir);
    } catch {
      // gone, or unreadable: nothing to suggest
    }
  }

  dispose(): void {
    this.forget();
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
