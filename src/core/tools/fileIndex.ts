/**
 * The index of workspace files and folders behind the `@` suggestions: built lazily on first use from a walk of
 * every workspace folder (so it sees only what {@link FileFilter.isListable} allows and never goes through a
 * link out), then kept current by a watcher through {@link FileIndex.add} and {@link FileIndex.remove}.
 *
 * Compact by design (50,000 files in well under 30 MB): parallel arrays of the display paths, their lower-cased
 * twins (the same string when already lower-case) and a flags array, plus one map from path to slot. Removed
 * slots are emptied, and compacted away once there are many; there is no object per file.
 */
import * as path from 'node:path';
import type { FileFilter } from './fileFilter';
import { fuzzyScore, prepareQuery } from './fuzzyMatch';
import { displayPath, isInside, type WorkspaceRoot } from './workspacePaths';
import { walkWorkspace, type WalkFs } from './workspaceWalk';

export interface FileSuggestion {
  /** As {@link displayPath} gives it: relative, `/`-separated, the folder's name first when there are several. */
  path: string;
  isDir: boolean;
  score: number;
}

export interface FileIndexOptions {
  roots: readonly WorkspaceRoot[];
  /** The filter of a folder (its .gitignore and .clineignore, the settings), asked once per build. */
  filterFor(root: WorkspaceRoot): FileFilter | Promise<FileFilter>;
  fs: WalkFs;
  /** Most entries kept over all folders (default {@link DEFAULT_MAX_ENTRIES}): a bigger workspace is indexed in part. */
  maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 200_000;

const DIR = 1;

export class FileIndex {
  private paths: string[] = [];
  private lowers: string[] = [];
  private flags: number[] = [];
  private readonly slots = new Map<string, number>();
  private emptySlots = 0;
  private filters = new Map<WorkspaceRoot, { filter: FileFilter; real: string }>();
  private building: Promise<void> | undefined;
  private built = false;
  /** Paths removed while the build runs: the walk may still come across them, so they are removed again at the end. */
  private readonly removedWhileBuilding = new Set<string>();
  private abort = new AbortController();
  private truncated = false;
  /** Changes with every change of the entries (it invalidates {@link lastMatches}). */
  private version = 0;
  /** The slots that matched the last query. */
  private lastMatches: { query: string; version: number; slots: Int32Array } | undefined;

  constructor(private readonly options: FileIndexOptions) {}

  /** Builds the index once (the first call starts it, every call waits for it). */
  ready(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  get isReady(): boolean {
    return this.built;
  }

  /** Entries indexed. */
  get size(): number {
    return this.slots.size;
  }

  /** True when the workspace had more than `maxEntries` listable entries, so that some are missing. */
  get isTruncated(): boolean {
    return this.truncated;
  }

  /** Forgets everything; the next {@link ready} builds again (the filter's sources changed, a folder was added). */
  reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.paths = [];
    this.lowers = [];
    this.flags = [];
    this.slots.clear();
    this.emptySlots = 0;
    this.filters = new Map();
    this.building = undefined;
    this.built = false;
    this.truncated = false;
    this.removedWhileBuilding.clear();
    this.lastMatches = undefined;
    this.version++;
  }

  /** Stops a build under way. */
  dispose(): void {
    this.abort.abort();
  }

  /**
   * A file or folder appeared (the watcher's path, in {@link displayPath} form). Indexed only if listable, and
   * for a link only if it leads to a listable place inside its folder; a folder is walked, as a folder moved in
   * comes as one event. Before the build started it does nothing (the build will see it).
   */
  async add(displayed: string, isDir: boolean): Promise<void> {
    if (!this.building) return;
    const signal = this.abort.signal; // a reset meanwhile makes this add moot
    const shown = normalizeDisplayed(displayed);
    this.removedWhileBuilding.delete(shown);
    if (!this.built) await this.filtersLoaded();
    const located = this.locate(shown);
    if (!located || signal.aborted) return;
    const { root, relative } = located;
    const entry = this.filters.get(root);
    if (!entry || relative === '' || !entry.filter.isListable(relative, isDir)) return;
    const kind = await this.inspect(root, relative, entry);
    if (kind === undefined || signal.aborted || !this.hasRoom() || !this.parentsIndexed(root, relative, entry)) return;
    this.put(shown, kind.isDir);
    if (kind.isDir && !kind.isLink) {
      for await (const found of walkWorkspace(root, entry.filter, this.options.fs, { start: relative, signal })) {
        if (!this.hasRoom()) break;
        this.put(this.display(root, found.relative), found.isDir);
      }
    }
  }

  /** A file or folder disappeared: removes it and, for a folder, everything under it. */
  remove(displayed: string): void {
    if (!this.building) return;
    const shown = normalizeDisplayed(displayed);
    if (!this.built) this.removedWhileBuilding.add(shown);
    this.removeNow(shown);
  }

  /**
   * The best entries for `query` (what follows the `@`), best first; ties go to the shorter path. An empty query
   * gives the shortest paths. Answers from what is indexed so far: await {@link ready} first.
   */
  suggest(query: string, limit: number): FileSuggestion[] {
    if (limit <= 0) return [];
    const prepared = prepareQuery(query);
    const top = new TopList(limit);
    const { paths, lowers } = this;
    // Typing adds characters: the paths that match "serv" are among those that matched "ser", so while the
    // index is unchanged only those are scored again.
    const previous = this.lastMatches;
    const narrowed = previous !== undefined && previous.version === this.version && prepared.lower.startsWith(previous.query);
    const candidates = narrowed ? previous.slots : undefined;
    const count = candidates ? candidates.length : paths.length;
    const matches = new Int32Array(count);
    let matched = 0;
    for (let c = 0; c < count; c++) {
      const i = candidates ? candidates[c] : c;
      const candidate = paths[i];
      if (candidate === '') continue;
      const score = fuzzyScore(prepared, candidate, lowers[i]);
      if (score === undefined) continue;
      matches[matched++] = i;
      top.offer(i, score, candidate);
    }
    this.lastMatches = { query: prepared.lower, version: this.version, slots: matches.subarray(0, matched) };
    return top.items().map(({ slot, score }) => ({ path: paths[slot], isDir: (this.flags[slot] & DIR) !== 0, score }));
  }

  private async build(): Promise<void> {
    const signal = this.abort.signal;
    const limit = this.options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    await this.loadFilters();
    for (const root of this.options.roots) {
      const entry = this.filters.get(root);
      if (!entry) continue;
      const remaining = limit - this.slots.size;
      let count = 0;
      for await (const found of walkWorkspace(root, entry.filter, this.options.fs, { signal, maxEntries: remaining + 1 })) {
        if (++count > remaining) {
          this.truncated = true;
          break;
        }
        this.put(this.display(root, found.relative), found.isDir);
      }
      if (signal.aborted || this.truncated) break;
    }
    if (signal.aborted) return;
    for (const removed of this.removedWhileBuilding) this.removeNow(removed);
    this.removedWhileBuilding.clear();
    this.built = true;
  }

  private filtersReady: Promise<void> | undefined;

  private filtersLoaded(): Promise<void> {
    return this.filtersReady ?? Promise.resolve();
  }

  private loadFilters(): Promise<void> {
    const filters = this.filters;
    this.filtersReady = Promise.all(
      this.options.roots.map(async (root) => {
        const real = await this.options.fs.realpath(root.fsPath).catch(() => undefined);
        if (real === undefined) return;
        filters.set(root, { filter: await this.options.filterFor(root), real });
      }),
    ).then(() => undefined);
    return this.filtersReady;
  }

  /** Whether one more entry fits under `maxEntries` (if not, the index says it is truncated). */
  private hasRoom(): boolean {
    if (this.slots.size < (this.options.maxEntries ?? DEFAULT_MAX_ENTRIES)) return true;
    this.truncated = true;
    return false;
  }

  /** The folder and folder-relative path of a displayed path; undefined when it names no folder. */
  private locate(normalized: string): { root: WorkspaceRoot; relative: string } | undefined {
    const roots = this.options.roots;
    if (roots.length === 1) return { root: roots[0], relative: normalized };
    const slash = normalized.indexOf('/');
    const name = slash === -1 ? normalized : normalized.slice(0, slash);
    const root = roots.find((r) => r.name === name);
    return root ? { root, relative: slash === -1 ? '' : normalized.slice(slash + 1) } : undefined;
  }

  private display(root: WorkspaceRoot, relative: string): string {
    return displayPath({ root, relative }, this.options.roots);
  }

  /**
   * What is really there: a folder, a file, or a link to a listable place inside the folder (a link to a folder
   * is not walked). Nothing below a link is indexed, as the walk does not go through links either.
   */
  private async inspect(
    root: WorkspaceRoot,
    relative: string,
    entry: { filter: FileFilter; real: string },
  ): Promise<{ isDir: boolean; isLink: boolean } | undefined> {
    const fs = this.options.fs;
    try {
      const parent = path.dirname(relative);
      if (parent !== '.') {
        const parentReal = await fs.realpath(path.join(root.fsPath, parent));
        const expected = path.join(entry.real, parent);
        if (!isInside(parentReal, expected) || !isInside(expected, parentReal)) return undefined;
      }
      const real = await fs.realpath(path.join(root.fsPath, relative));
      if (!isInside(real, entry.real)) return undefined;
      const isDir = (await fs.stat(real)).isDirectory();
      const realRelative = path.relative(entry.real, real).split(path.sep).join('/');
      const isLink = realRelative !== relative;
      if (isLink && (realRelative === '' || !entry.filter.isListable(realRelative, isDir))) return undefined;
      return { isDir, isLink };
    } catch {
      return undefined; // gone already
    }
  }

  /** Whether the entry's folders are indexed as folders, adding the missing ones (a watcher may report only the file). */
  private parentsIndexed(root: WorkspaceRoot, relative: string, entry: { filter: FileFilter }): boolean {
    const segments = relative.split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      const displayed = this.display(root, parent);
      const slot = this.slots.get(displayed);
      if (slot === undefined) {
        if (!entry.filter.isListable(parent, true)) return false;
        this.put(displayed, true);
      } else if ((this.flags[slot] & DIR) === 0) {
        return false;
      }
    }
    return true;
  }

  private put(displayed: string, isDir: boolean): void {
    this.version++;
    const existing = this.slots.get(displayed);
    if (existing !== undefined) {
      this.flags[existing] = isDir ? DIR : 0;
      return;
    }
    const lower = displayed.toLowerCase();
    this.slots.set(displayed, this.paths.length);
    this.paths.push(displayed);
    this.lowers.push(lower === displayed ? displayed : lower);
    this.flags.push(isDir ? DIR : 0);
  }

  private removeNow(normalized: string): void {
    const slot = this.slots.get(normalized);
    // Nothing is indexed under a path that is not indexed as a folder (parents are always indexed first), so
    // only a folder costs a scan: a watcher may report thousands of deleted files one by one.
    if (slot === undefined) return;
    const wasDir = (this.flags[slot] & DIR) !== 0;
    this.emptySlot(normalized, slot);
    if (wasDir) {
      const prefix = normalized + '/';
      for (let i = 0; i < this.paths.length; i++) {
        if (this.paths[i].startsWith(prefix)) this.emptySlot(this.paths[i], i);
      }
    }
    if (this.emptySlots > 1024 && this.emptySlots > this.paths.length / 4) this.compact();
  }

  private emptySlot(displayed: string, slot: number): void {
    this.version++;
    this.slots.delete(displayed);
    this.paths[slot] = '';
    this.lowers[slot] = '';
    this.flags[slot] = 0;
    this.emptySlots++;
  }

  private compact(): void {
    const paths: string[] = [];
    const lowers: string[] = [];
    const flags: number[] = [];
    for (let i = 0; i < this.paths.length; i++) {
      if (this.paths[i] === '') continue;
      this.slots.set(this.paths[i], paths.length);
      paths.push(this.paths[i]);
      lowers.push(this.lowers[i]);
      flags.push(this.flags[i]);
    }
    this.paths = paths;
    this.lowers = lowers;
    this.flags = flags;
    this.emptySlots = 0;
    this.version++;
  }
}

/** A watcher's path as the index keeps it: `/`-separated, no trailing `/`. */
function normalizeDisplayed(displayed: string): string {
  return displayed.replace(/\\/g, '/').replace(/\/+$/, '');
}

/** The best `limit` (slot, score) pairs seen: higher score first, then the shorter path, then the path's order. */
class TopList {
  private readonly slots: number[] = [];
  private readonly scores: number[] = [];
  private readonly paths: string[] = [];

  constructor(private readonly limit: number) {}

  offer(slot: number, score: number, candidate: string): void {
    const count = this.slots.length;
    if (count === this.limit && !better(score, candidate, this.scores[count - 1], this.paths[count - 1])) return;
    let at = count === this.limit ? count - 1 : count;
    while (at > 0 && better(score, candidate, this.scores[at - 1], this.paths[at - 1])) {
      this.slots[at] = this.slots[at - 1];
      this.scores[at] = this.scores[at - 1];
      this.paths[at] = this.paths[at - 1];
      at--;
    }
    this.slots[at] = slot;
    this.scores[at] = score;
    this.paths[at] = candidate;
  }

  items(): { slot: number; score: number }[] {
    return this.slots.map((slot, i) => ({ slot, score: this.scores[i] }));
  }
}

function better(score: number, candidate: string, otherScore: number, other: string): boolean {
  if (score !== otherScore) return score > otherScore;
  if (candidate.length !== other.length) return candidate.length < other.length;
  return candidate < other;
}
