/**
 * search_text's fast path: the ripgrep binary VS Code ships, run with `--json` over one workspace folder.
 *
 * ripgrep already honours .gitignore (and .ignore) itself; the folder's FileFilter adds its .clineignore,
 * excludes and protected patterns as `--glob` excludes. Globs are a speed-up,
 * not the safety: every file ripgrep reports is checked again (confined to the folder by its real path, and
 * through the FileFilter) before one line of it is passed on, so nothing protected or ignored comes back
 * even where a glob translation missed it.
 */
import { spawn } from 'node:child_process';
import * as nodePath from 'node:path';
import type { FileFilter } from './fileFilter';
import { globArgumentMatcher } from './toolDefinitions';
import { resolveWorkspacePath, type PathFs, type WorkspaceRoot } from './workspacePaths';

/**
 * Where VS Code keeps ripgrep under its `appRoot` (`vscode.env.appRoot`), most likely first:
 * - `@vscode/ripgrep-<platform>-<arch>/bin/rg`: newer builds (the `@vscode/ripgrep` package only resolves it);
 * - `@vscode/ripgrep/bin/rg`: older builds, where the package held the binary itself;
 * each in `node_modules.asar.unpacked` (desktop builds pack node_modules into an asar archive, but a binary
 * cannot be run from inside one: it is unpacked beside it) and in plain `node_modules` (code-server, dev builds).
 */
export function ripgrepCandidates(appRoot: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string[] {
  const path = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  const binary = platform === 'win32' ? 'rg.exe' : 'rg';
  const packages = [`@vscode/ripgrep-${platform}-${arch}`, '@vscode/ripgrep'];
  const folders = ['node_modules.asar.unpacked', 'node_modules'];
  return folders.flatMap((folder) => packages.map((pkg) => path.join(appRoot, folder, pkg, 'bin', binary)));
}

/**
 * The first ripgrep binary that exists under VS Code's `appRoot`, or undefined (search_text then scans with
 * JavaScript and says so). `exists` should check for an executable file; a check that throws counts as missing.
 */
export async function findRipgrep(
  appRoot: string,
  exists: (path: string) => Promise<boolean> | boolean,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): Promise<string | undefined> {
  if (!appRoot) return undefined;
  for (const candidate of ripgrepCandidates(appRoot, platform, arch)) {
    try {
      if (await exists(candidate)) return candidate;
    } catch {
      // unreadable: try the next one
    }
  }
  return undefined;
}

/** One line ripgrep reports: a match, or a line of context around one. */
export interface SearchLine {
  /** Relative to the folder, `/`-separated. */
  relative: string;
  /** 1-based. */
  line: number;
  /** The line without its line break. */
  text: string;
  /** For a match: the character offset in `text` where the first match starts. */
  matchStart?: number;
}

export interface RipgrepSearch {
  rgPath: string;
  root: WorkspaceRoot;
  filter: FileFilter;
  /** For the confinement of each reported file. */
  fs: PathFs;
  query: string;
  isRegex: boolean;
  /** The tool's `glob` argument (already in the form globArgumentMatcher takes). */
  glob?: string;
  /** Stop after this many matching lines (over all files), once the last one's context is through. */
  maxResults: number;
  /** Lines of context before and after each match. */
  context?: number;
  signal?: AbortSignal;
  /** Called in order for every line that passed the checks. Returning false stops the search. */
  onLine(line: SearchLine): boolean | void;
}

export type RipgrepResult =
  | { ok: true; matches: number; stoppedEarly: boolean }
  /** `badQuery`: ripgrep refused the pattern (the message says why); `failed`: it could not run. */
  | { ok: false; kind: 'badQuery' | 'failed'; message: string };

/** The arguments for one search (exported for the tests, which check what is and is not passed). */
export function ripgrepArguments(search: Omit<RipgrepSearch, 'rgPath' | 'fs' | 'onLine' | 'root'>): string[] {
  const args = [
    '--json',
    '--no-config', // a user's RIPGREP_CONFIG_PATH must not change what we search or print
    '--hidden', // dotfiles are code too (.github/, .eslintrc); the filter excludes .git and secrets
    '--no-follow', // never follow a link, in or out of the workspace
    // Ignore files as VS Code's own search reads them: .gitignore and .ignore inside the folder, even
    // outside a git repository, but not the parents' nor the user's global ones.
    '--no-require-git',
    '--no-ignore-parent',
    '--no-ignore-global',
    '--smart-case',
    `--max-count=${search.maxResults}`,
    `--context=${search.context ?? 1}`,
  ];
  if (!search.isRegex) args.push('--fixed-strings');
  // ripgrep lets a later --glob win over an earlier one: the model's include first, then every exclude.
  if (search.glob !== undefined) args.push(`--glob=${search.glob}`);
  for (const glob of search.filter.ripgrepExcludeGlobs()) args.push(`--glob=${glob}`);
  // Protected names match in any case (`.ENV`); the model's glob is checked again, case-sensitively, after.
  args.push('--glob-case-insensitive');
  // `-e` so that a query starting with "-" is not an option; "." so that ripgrep never reads its stdin.
  args.push('-e', search.query, '--', '.');
  return args;
}

/**
 * Runs ripgrep in the folder and hands each line that survives the checks to `onLine`, in ripgrep's order
 * (files in parallel; lines of one file in order). Kills ripgrep once `maxResults` matches are through, or
 * when `signal` aborts (then resolves with what it had, stoppedEarly).
 */
export async function searchWithRipgrep(search: RipgrepSearch): Promise<RipgrepResult> {
  const { root, filter, fs, signal } = search;
  if (signal?.aborted) return { ok: true, matches: 0, stoppedEarly: true };
  const child = spawn(search.rgPath, ripgrepArguments(search), {
    cwd: root.fsPath,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const exit = new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 4096) stderr += chunk;
  });
  let stopped = false;
  const stop = () => {
    stopped = true;
    child.kill();
  };
  signal?.addEventListener('abort', stop, { once: true });

  /** Per reported file: whether its lines may be passed on (decided once, at its first line). */
  const allowed = new Map<string, Promise<boolean>>();
  // The model's glob, as search_text defines it, whatever ripgrep's reading of it (and its case folding).
  const globMatches = search.glob === undefined ? () => true : globArgumentMatcher(search.glob);
  const isAllowed = (relative: string) => {
    let decision = allowed.get(relative);
    if (!decision) {
      decision = globMatches(relative) ? fileMayBeShown(relative, root, filter, fs) : Promise.resolve(false);
      allowed.set(relative, decision);
    }
    return decision;
  };

  let matches = 0;
  /** After the last match wanted: its lines of context still come, then ripgrep is stopped. */
  let lastMatch: SearchLine | undefined;
  try {
    let pending = '';
    // Reading with `for await` holds ripgrep back (through the pipe) while a file is being checked.
    for await (const chunk of child.stdout.setEncoding('utf8') as AsyncIterable<string>) {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const jsonLine of lines) {
        if (stopped) break; // aborted while this chunk was being passed on
        const event = parseEvent(jsonLine);
        if (lastMatch && !(event?.matchStart === undefined && event?.relative === lastMatch.relative && event.line > lastMatch.line)) {
          stop();
          break;
        }
        if (!event || !(await isAllowed(event.relative))) continue;
        if (event.matchStart !== undefined) matches++;
        if (search.onLine(event) === false) {
          stop();
          break;
        }
        if (matches >= search.maxResults && event.matchStart !== undefined) lastMatch = event;
      }
      if (stopped) break;
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    if (!stopped && child.exitCode === null) child.kill();
  }
  const { code, error } = await exit;
  // eslint-disable-next-line no-restricted-syntax -- for the log and the model's note on the slower scan, not the user
  if (error) return { ok: false, kind: 'failed', message: `ripgrep could not run (${errorText(error)})` };
  // 0: matches, 1: none, 2: an error. A bad pattern fails before any file is read; an unreadable file
  // (permission denied) also gives 2, but with the other files searched: keep what was found.
  if (!stopped && code === 2 && matches === 0 && /regex|pattern|syntax/i.test(stderr)) {
    return { ok: false, kind: 'badQuery', message: stderr.trim().slice(0, 1000) };
  }
  if (!stopped && code !== 0 && code !== 1 && code !== 2) {
    // eslint-disable-next-line no-restricted-syntax -- for the log and the model's note on the slower scan, not the user
    return { ok: false, kind: 'failed', message: `ripgrep failed (exit code ${code}): ${stderr.trim().slice(0, 500)}` };
  }
  return { ok: true, matches, stoppedEarly: stopped };
}

/**
 * The defence behind the globs: the file must resolve (by its real path) inside this folder and be listable
 * (not .clineignored, excluded or protected) under its path as reported AND its real path.
 */
async function fileMayBeShown(relative: string, root: WorkspaceRoot, filter: FileFilter, fs: PathFs): Promise<boolean> {
  const resolved = await resolveWorkspacePath(relative, [root], fs);
  if (!resolved.ok || !resolved.exists) return false;
  return filter.isListable(resolved.relative, false) && filter.isListable(resolved.realRelative, false);
}

/** A `match` or `context` event of `rg --json`, or undefined for anything else (begin, end, summary, garbage). */
function parseEvent(jsonLine: string): SearchLine | undefined {
  if (!jsonLine.startsWith('{')) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(jsonLine);
  } catch {
    return undefined;
  }
  if (!isObject(event) || (event.type !== 'match' && event.type !== 'context') || !isObject(event.data)) return undefined;
  const { path, lines, line_number: line, submatches } = event.data;
  const relative = textOf(path);
  const rawText = textOf(lines);
  if (relative === undefined || rawText === undefined || typeof line !== 'number') return undefined;
  const text = rawText.replace(/\r?\n$/, '');
  const parsed: SearchLine = { relative: relative.replace(/\\/g, '/').replace(/^\.\//, ''), line, text };
  if (event.type === 'match') {
    const first = Array.isArray(submatches) && isObject(submatches[0]) ? submatches[0].start : undefined;
    parsed.matchStart = typeof first === 'number' ? charOffset(rawText, first) : 0;
  }
  return parsed;
}

/** ripgrep writes text as `{text}`, or as `{bytes}` (base64) when it is not valid UTF-8. */
function textOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.text === 'string') return value.text;
  if (typeof value.bytes === 'string') return Buffer.from(value.bytes, 'base64').toString('utf8');
  return undefined;
}

/** ripgrep's offsets count UTF-8 bytes; JavaScript strings count UTF-16 units. */
function charOffset(text: string, byteOffset: number): number {
  if (byteOffset <= 0) return 0;
  return Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function errorText(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? error.message;
}
