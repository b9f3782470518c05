/**
 * One {@link FileFilter} per workspace folder, built on first use from the folder's `.clineignore` and
 * `.gitignore`, its `files.exclude` and `search.exclude`, and `chat.tools.protectedFiles`; kept until one of
 * those changes (a watcher on the two files, the settings, the folders), then built again on the next use.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FileFilter } from '../../core/tools/fileFilter';
import type { WorkspaceRoot } from '../../core/tools/workspacePaths';
import { setting } from '../settings/config';
import { folderOf } from './workspaceRoots';

/** The settings a filter is built from (besides ours). */
const EXCLUDE_SETTINGS = ['files.exclude', 'search.exclude'] as const;

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined; // missing (the usual case) or unreadable: no rules from it
  }
}

/**
 * The globs an exclude setting turns on. A conditional entry (`{ "when": "$(basename).ts" }`) depends on
 * sibling files, which a glob cannot say: it is left out (these settings hide noise; secrets are protected
 * by other rules).
 */
function enabledGlobs(folder: vscode.WorkspaceFolder | undefined, key: (typeof EXCLUDE_SETTINGS)[number]): string[] {
  const [section, name] = key.split('.');
  const value = vscode.workspace.getConfiguration(section, folder?.uri).get<Record<string, unknown>>(name) ?? {};
  return Object.entries(value)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

export class FileFilters implements vscode.Disposable {
  private readonly filters = new Map<string, Promise<FileFilter>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** A filter was dropped: what was listed with it may be out of date. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watching = false;

  filterFor(root: WorkspaceRoot): Promise<FileFilter> {
    this.watch();
    let filter = this.filters.get(root.fsPath);
    if (!filter) {
      filter = this.build(root);
      this.filters.set(root.fsPath, filter);
    }
    return filter;
  }

  private async build(root: WorkspaceRoot): Promise<FileFilter> {
    const folder = folderOf(root);
    const [clineignore, gitignore] = await Promise.all([
      readOptional(path.join(root.fsPath, '.clineignore')),
      readOptional(path.join(root.fsPath, '.gitignore')),
    ]);
    return new FileFilter({
      clineignore,
      gitignore,
      excludeGlobs: EXCLUDE_SETTINGS.flatMap((key) => enabledGlobs(folder, key)),
      protectedPatterns: setting('chat.tools.protectedFiles', folder?.uri),
    });
  }

  private invalidate(): void {
    this.filters.clear();
    this.changed.fire();
  }

  /** Started on first use: a chat that never reads the workspace watches nothing. */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    // One watcher for every folder's two files (a pattern without a base matches in all folders).
    const watcher = vscode.workspace.createFileSystemWatcher('**/{.clineignore,.gitignore}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.invalidate()),
      watcher.onDidChange(() => this.invalidate()),
      watcher.onDidDelete(() => this.invalidate()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if ([...EXCLUDE_SETTINGS, 'clineCompanion.chat.tools.protectedFiles'].some((key) => e.affectsConfiguration(key))) this.invalidate();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.invalidate()),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
