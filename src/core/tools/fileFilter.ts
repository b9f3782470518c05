/**
 * Which files of one workspace folder the read-only tools and the `@` index may see (issue 10, section 3):
 *
 * - `.clineignore` (Cline's own convention, gitignore syntax): invisible to every tool, `read_file` included.
 * - `.gitignore`, `files.exclude`, `search.exclude` and `.git/`: left out of the index, `list_files` and
 *   `search_text` (noise, not secrets: `read_file` may still open them by path).
 * - protected files (`chat.tools.protectedFiles`, secrets): left out of listings and searches silently;
 *   `read_file` asks the user first (the caller does that).
 *
 * Paths are relative to the folder, `/`-separated, without a leading `./`. A folder that matches hides all
 * that is under it, in every category (as git and VS Code do), so each check looks at the path's ancestors too.
 */
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export interface FilterSources {
  /** Contents of `<root>/.clineignore` and `<root>/.gitignore` (undefined when missing). */
  clineignore?: string;
  gitignore?: string;
  /**
   * Contents of the `.gitignore` files of sub-folders, by the folder's relative path (`packages/app`): each
   * applies, as in git, to what is under its folder.
   */
  nestedGitignores?: Readonly<Record<string, string>>;
  /** `files.exclude` and `search.exclude` globs whose value is true (VS Code glob syntax, relative to the root). */
  excludeGlobs: readonly string[];
  /** `chat.tools.protectedFiles` patterns (see SETTING_DEFAULTS['chat.tools.protectedFiles']). */
  protectedPatterns: readonly string[];
}

/** Globs matched against a path and each of its ancestors, compiled into one regular expression per kind. */
class GlobSet {
  /** Matched against each whole prefix of the path (`a`, `a/b`, `a/b/c.ts`). */
  private readonly pathRe: RegExp | undefined;
  /** Matched against each segment: patterns without a `/` when `basenames` is set (`.env` at any depth). */
  private readonly segmentRe: RegExp | undefined;

  constructor(patterns: readonly string[], options: { basenames: boolean; nocase: boolean }) {
    const pathSources: string[] = [];
    const segmentSources: string[] = [];
    for (const raw of patterns) {
      let pattern = normalizeGlob(raw);
      // Every check looks at the ancestors too, so `x/**` says no more than `x`; and `**/name` is a name at any
      // depth: kept as a segment pattern, as the regular expressions picomatch makes for `**` are slow.
      while (pattern.endsWith('/**')) pattern = pattern.slice(0, -3);
      let segment = options.basenames && !pattern.includes('/');
      while (pattern.startsWith('**/') && !pattern.slice(3).includes('/')) {
        pattern = pattern.slice(3);
        segment = true;
      }
      if (!pattern) continue;
      const re = compile(pattern, options.nocase);
      if (!re) continue;
      (segment ? segmentSources : pathSources).push(re.source);
    }
    const flags = options.nocase ? 'i' : '';
    this.pathRe = pathSources.length ? new RegExp(pathSources.map((s) => `(?:${s})`).join('|'), flags) : undefined;
    this.segmentRe = segmentSources.length ? new RegExp(segmentSources.map((s) => `(?:${s})`).join('|'), flags) : undefined;
  }

  /** Folders already checked (a walk asks about every file of a folder): bounded, as a workspace may be huge. */
  private readonly folderCache = new Map<string, boolean>();

  /** Whether the path or one of its ancestors matches. */
  matches(relative: string): boolean {
    if (!this.pathRe && !this.segmentRe) return false;
    const slash = relative.lastIndexOf('/');
    if (slash > 0 && this.folderMatches(relative.slice(0, slash))) return true;
    return this.matchesItself(relative, relative.slice(slash + 1));
  }

  private matchesItself(relative: string, name: string): boolean {
    return (this.segmentRe?.test(name) ?? false) || (this.pathRe?.test(relative) ?? false);
  }

  private folderMatches(folder: string): boolean {
    let result = this.folderCache.get(folder);
    if (result === undefined) {
      result = this.matches(folder);
      if (this.folderCache.size >= FOLDER_CACHE_SIZE) this.folderCache.clear();
      this.folderCache.set(folder, result);
    }
    return result;
  }
}

const FOLDER_CACHE_SIZE = 20_000;

function compile(pattern: string, nocase: boolean): RegExp | undefined {
  try {
    return picomatch.makeRe(pattern, { dot: true, nocase, windows: false });
  } catch {
    return undefined; // a pattern picomatch cannot read matches nothing rather than breaking every tool
  }
}

/** `./a/`, `/a` → `a`: VS Code globs are relative to the folder whatever their spelling. */
function normalizeGlob(raw: string): string {
  let pattern = raw.trim().replace(/\\/g, '/');
  while (pattern.startsWith('./')) pattern = pattern.slice(2);
  pattern = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
  return pattern;
}

/** A path as the checks take it: `/`-separated, no `./` prefix, no trailing `/`; '' for the folder itself. */
function normalizeRelative(relative: string): string {
  if (!/^\.\/|\\|\/$/.test(relative)) return relative === '.' ? '' : relative; // the common case, checked fast
  let path = relative.replace(/\\/g, '/');
  while (path.startsWith('./')) path = path.slice(2);
  path = path.replace(/\/+$/, '');
  return path === '.' ? '' : path;
}

/** An empty, `.` or `..` segment, or a leading `/`. */
const MALFORMED = /(?:^|\/)\.{0,2}(?:\/|$)/;
/** A `.git` segment (the repository's, or a submodule's), in any case. */
const GIT_FOLDER = /(?:^|\/)\.git(?:\/|$)/i;

/** A path that is not a plain relative path (`/x`, `../x`, `a//b`): never given out, whatever the rules say. */
function isMalformed(path: string): boolean {
  return MALFORMED.test(path);
}

/** gitignore rules, or undefined when there are none. `ignore` is case-insensitive by default: kept (fails closed). */
function gitignoreRules(text: string | undefined): Ignore | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return ignore().add(text);
}

function ignoredBy(rules: Ignore | undefined, path: string, isDir: boolean): boolean {
  return rules !== undefined && rules.ignores(isDir ? `${path}/` : path);
}

export class FileFilter {
  private readonly clineignore: Ignore | undefined;
  private readonly gitignore: Ignore | undefined;
  private readonly nestedGitignores = new Map<string, Ignore>();
  private readonly excludes: GlobSet;
  private readonly protectedSet: GlobSet;

  constructor(private readonly sources: FilterSources) {
    this.clineignore = gitignoreRules(sources.clineignore);
    this.gitignore = gitignoreRules(sources.gitignore);
    for (const [folder, text] of Object.entries(sources.nestedGitignores ?? {})) {
      const key = normalizeRelative(folder);
      const rules = gitignoreRules(text);
      if (rules && key !== '' && !isMalformed(key)) this.nestedGitignores.set(key, rules);
    }
    // VS Code globs match the whole relative path (`*.js` is the folder's top level only), case-sensitively.
    this.excludes = new GlobSet(sources.excludeGlobs, { basenames: false, nocase: false });
    // Secrets: a pattern without `/` matches a name at any depth, and case never matters (`.ENV` is a secret too).
    this.protectedSet = new GlobSet(sources.protectedPatterns, { basenames: true, nocase: true });
  }

  /** `.clineignore` (Cline's own convention, gitignore syntax): invisible to EVERY tool, read_file included. */
  isClineIgnored(relative: string, isDir: boolean): boolean {
    const path = normalizeRelative(relative);
    if (path === '') return false;
    if (isMalformed(path)) return true;
    return ignoredBy(this.clineignore, path, isDir);
  }

  /** .gitignore, files.exclude, search.exclude (and `.git/`): skipped by the index, list_files and search_text. */
  isExcluded(relative: string, isDir: boolean): boolean {
    const path = normalizeRelative(relative);
    if (path === '') return false;
    if (isMalformed(path)) return true;
    return GIT_FOLDER.test(path) || this.excludes.matches(path) || this.gitignored(path, isDir);
  }

  /** protected (secrets): list_files and search_text skip silently; read_file must ask (the caller handles it). */
  isProtected(relative: string): boolean {
    const path = normalizeRelative(relative);
    if (path === '') return false;
    if (isMalformed(path)) return true;
    return this.protectedSet.matches(path);
  }

  /** Not clineignored, not excluded, not protected: what list/search/index may show. */
  isListable(relative: string, isDir: boolean): boolean {
    const path = normalizeRelative(relative);
    if (path === '') return true;
    if (isMalformed(path)) return false;
    return (
      !GIT_FOLDER.test(path) &&
      !this.protectedSet.matches(path) &&
      !this.excludes.matches(path) &&
      !ignoredBy(this.clineignore, path, isDir) &&
      !this.gitignored(path, isDir)
    );
  }

  /** By the folder's .gitignore, or the .gitignore of a sub-folder the path is under (relative to that folder). */
  private gitignored(path: string, isDir: boolean): boolean {
    if (ignoredBy(this.gitignore, path, isDir)) return true;
    if (this.nestedGitignores.size === 0) return false;
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
      const rules = this.nestedGitignores.get(path.slice(0, slash));
      if (rules && ignoredBy(rules, path.slice(slash + 1), isDir)) return true;
    }
    return false;
  }

  /**
   * Values for ripgrep's `--glob` (each starts with `!`) that leave out what {@link isListable} refuses, as far
   * as globs can say it: run ripgrep in the folder with `--glob-case-insensitive` to match protected names in
   * any case. Best effort (negated gitignore lines are dropped, so it may leave out more): check every path
   * ripgrep reports with `isListable` anyway.
   */
  ripgrepExcludeGlobs(): string[] {
    const globs = new Set<string>(['!.git']);
    // ripgrep reads globs as gitignore lines: without `/` a name at any depth, with `/` anchored to the folder.
    const anchored = (pattern: string): string => (pattern.startsWith('**/') ? pattern : `/${pattern}`);
    for (const raw of this.sources.excludeGlobs) {
      const pattern = normalizeGlob(raw);
      if (pattern) globs.add(`!${anchored(pattern)}`);
    }
    for (const raw of this.sources.protectedPatterns) {
      const pattern = normalizeGlob(raw);
      if (pattern) globs.add(`!${pattern.includes('/') ? anchored(pattern) : pattern}`);
    }
    for (const text of [this.sources.clineignore, this.sources.gitignore]) {
      for (const line of gitignoreLines(text)) globs.add(`!${line}`);
    }
    for (const [folder, rules] of Object.entries(this.sources.nestedGitignores ?? {})) {
      const base = normalizeRelative(folder);
      if (base === '' || isMalformed(base)) continue;
      for (const line of gitignoreLines(rules)) {
        // A line with a `/` before its end is anchored to its folder; without, it matches at any depth below it.
        const body = line.replace(/\/$/, '');
        const anchoredLine = body.includes('/');
        globs.add(`!/${base}/${anchoredLine ? body.replace(/^\//, '') : `**/${body}`}`);
      }
    }
    return [...globs];
  }
}

/** The ignoring lines of a gitignore text (no comments, blanks or `!` re-inclusions). */
function gitignoreLines(text: string | undefined): string[] {
  if (!text) return [];
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    lines.push(line);
  }
  return lines;
}
