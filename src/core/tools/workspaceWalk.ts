/**
 * Walks one workspace folder for `list_files` and the `@` index, showing only what {@link FileFilter.isListable}
 * allows and never leaving the folder: excluded, ignored and protected folders are not entered, and links are
 * never followed into (a link to a file is listed when its target is inside the folder and listable itself; a
 * link to a folder is listed but not entered, which also rules out loops).
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { FileFilter } from './fileFilter';
import { isInside, type WorkspaceRoot } from './workspacePaths';

export interface WalkEntry {
  /** Relative to the folder, `/`-separated. */
  relative: string;
  isDir: boolean;
}

export interface WalkFs {
  /** The entries of a folder with their types (node: `readdir(dir, { withFileTypes: true })`). */
  readdir(dir: string): Promise<Dirent[]>;
  realpath(p: string): Promise<string>;
  stat(p: string): Promise<Stats>;
}

export const nodeWalkFs: WalkFs = {
  readdir: (dir) => readdir(dir, { withFileTypes: true }),
  realpath: (p) => realpath(p),
  stat: (p) => stat(p),
};

/** Folders read at the same time. */
const READ_AHEAD = 8;

export interface WalkOptions {
  /** The folder to list, relative to the root (default: the root). Must be listable itself. */
  start?: string;
  /** Descend into sub-folders (default true). */
  recursive?: boolean;
  /** Stops the walk (quietly: the generator just ends) at the next folder. */
  signal?: AbortSignal;
  /** Stop after this many entries. */
  maxEntries?: number;
}

/**
 * Yields the listable files and folders under `start`, breadth first (a capped listing shows the top levels),
 * each folder's entries sorted by name. A folder that cannot be read is skipped.
 */
export async function* walkWorkspace(
  root: WorkspaceRoot,
  filter: FileFilter,
  fs: WalkFs,
  options: WalkOptions = {},
): AsyncGenerator<WalkEntry> {
  const { recursive = true, signal, maxEntries = Infinity } = options;
  if (maxEntries <= 0) return;
  const rootReal = await fs.realpath(root.fsPath).catch(() => undefined);
  if (rootReal === undefined) return;

  const start = (options.start ?? '')
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  if (start !== '' && start !== '.') {
    if (!filter.isListable(start, true)) return;
    // Whoever passes `start` has confined it already; checked again because the walk trusts it below.
    const startReal = await fs.realpath(path.join(root.fsPath, start)).catch(() => undefined);
    if (startReal === undefined || !isInside(startReal, rootReal)) return;
  }

  const queue: string[] = [start === '.' ? '' : start];
  // Folders are read a few at a time ahead of the one being listed: one at a time, the walk would mostly wait.
  const reads: (Promise<Dirent[] | undefined> | undefined)[] = [];
  const read = (index: number): Promise<Dirent[] | undefined> => {
    const dir = queue[index];
    return fs.readdir(dir ? path.join(root.fsPath, dir) : root.fsPath).catch(() => undefined); // gone, or no permission
  };
  let yielded = 0;
  for (let next = 0; next < queue.length; next++) {
    if (signal?.aborted) return;
    for (let ahead = next; ahead < Math.min(queue.length, next + READ_AHEAD); ahead++) reads[ahead] ??= read(ahead);
    const dir = queue[next];
    const entries = await reads[next];
    reads[next] = undefined; // let what was read go
    if (entries === undefined) continue;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      let isDir: boolean;
      let isLink = false;
      if (entry.isDirectory()) {
        isDir = true;
      } else if (entry.isFile()) {
        isDir = false;
      } else if (entry.isSymbolicLink()) {
        const target = await linkTarget(path.join(root.fsPath, relative), rootReal, filter, fs);
        if (target === undefined) continue;
        isDir = target.isDir;
        isLink = true;
      } else {
        continue; // sockets, FIFOs, devices: nothing a tool should open
      }
      if (!filter.isListable(relative, isDir)) continue;
      yield { relative, isDir };
      if (++yielded >= maxEntries) return;
      if (isDir && recursive && !isLink) queue.push(relative);
    }
  }
}

/** Where a link leads, if that is inside the folder and listable; undefined for a link out, dangling or refused. */
async function linkTarget(link: string, rootReal: string, filter: FileFilter, fs: WalkFs): Promise<{ isDir: boolean } | undefined> {
  try {
    const real = await fs.realpath(link);
    if (!isInside(real, rootReal) || real === rootReal) return undefined;
    const isDir = (await fs.stat(real)).isDirectory();
    const realRelative = path.relative(rootReal, real).split(path.sep).join('/');
    return filter.isListable(realRelative, isDir) ? { isDir } : undefined;
  } catch {
    return undefined;
  }
}
