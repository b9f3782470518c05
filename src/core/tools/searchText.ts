/**
 * search_text: matching lines of the workspace's files, `path:line: text`, with a line of context around
 * each (`path-line- text`), groups separated by `--` as grep and ripgrep print them.
 *
 * ripgrep (the one VS Code ships) does the work when it is there; otherwise a JavaScript scan over the same
 * walk as list_files finds the same lines, slower, and the answer says so. Both skip what the folder's
 * FileFilter refuses (.clineignore, excludes, protected files), binary files and symbolic links.
 */
import * as l10n from '@vscode/l10n';
import * as nodePath from 'node:path';
import { formatSize } from '../prompts/contextBlock';
import type { FileFilter } from './fileFilter';
import { looksBinary, MAX_FILE_BYTES, type ReadFs } from './readFile';
import { searchWithRipgrep, type SearchLine } from './ripgrep';
import { globArgumentMatcher, MAX_SEARCH_RESULTS, type SearchTextArgs } from './toolDefinitions';
import type { ToolOutcome, ToolRead } from './toolTypes';
import { displayPath, type PathFs, type WorkspaceRoot } from './workspacePaths';
import { walkWorkspace, type WalkFs } from './workspaceWalk';

/** Longest line shown: a match in a minified file shows a window around the match. */
const MAX_SEARCH_LINE_CHARS = 300;
/** Most text one answer holds, whatever maxResults says. */
const MAX_OUTPUT_BYTES = 64 * 1024;
/** Lines of context before and after each match. */
const CONTEXT_LINES = 1;

export const SLOW_SCAN_NOTE = 'ripgrep not found: searched with a slower scan.';

export interface SearchTextDeps {
  roots: readonly WorkspaceRoot[];
  filterFor(root: WorkspaceRoot): Promise<FileFilter>;
  fs: PathFs & WalkFs & ReadFs;
  /** VS Code's ripgrep, or undefined to scan with JavaScript. */
  ripgrepPath?: string;
}

/** Searches every workspace folder in order until `maxResults` matching lines are found. */
export async function searchText(args: SearchTextArgs, deps: SearchTextDeps, signal: AbortSignal): Promise<ToolOutcome> {
  if (deps.roots.length === 0) return { status: 'refused', output: 'No workspace folder is open.', summary: l10n.t('no workspace folder') };
  const results = new SearchResults(args.maxResults);
  let note = deps.ripgrepPath === undefined ? SLOW_SCAN_NOTE : undefined;
  for (const root of deps.roots) {
    if (results.full || signal.aborted) break;
    const filter = await deps.filterFor(root);
    const onLine = (line: SearchLine) => results.add(displayPath({ root, relative: line.relative }, deps.roots), line);
    if (note === undefined && deps.ripgrepPath !== undefined) {
      const found = await searchWithRipgrep({
        rgPath: deps.ripgrepPath,
        root,
        filter,
        fs: deps.fs,
        query: args.query,
        isRegex: args.isRegex,
        glob: args.glob,
        maxResults: args.maxResults - results.matches,
        context: CONTEXT_LINES,
        signal,
        onLine,
      });
      if (found.ok) continue;
      if (found.kind === 'badQuery') return badQuery(args, found.message);
      // ripgrep is there but cannot run (no permission, wrong architecture): scan, and say why.
      note = `${found.message}: searched with a slower scan.`;
    }
    const pattern = compileQuery(args.query, args.isRegex);
    if (!pattern.ok) return badQuery(args, pattern.error);
    await scanFolder(root, filter, deps.fs, { regex: pattern.regex, isRegex: args.isRegex }, args.glob, results, onLine, signal);
  }
  if (signal.aborted) return { status: 'failed', output: 'The search was cancelled.', summary: l10n.t('cancelled') };
  return results.outcome(args, note);
}

function badQuery(args: SearchTextArgs, message: string): ToolOutcome {
  const output = `Invalid regular expression ${JSON.stringify(args.query)}: ${message}`;
  return { status: 'refused', output, summary: l10n.t('invalid regular expression') };
}

// ---- the JavaScript scan ----

type CompiledQuery = { ok: true; regex: RegExp } | { ok: false; error: string };

/**
 * The query as ripgrep reads it with `--smart-case`: case-insensitive unless it has a capital letter
 * (for a regex, outside its escapes, so `\W` or `\S` do not count).
 */
export function compileQuery(query: string, isRegex: boolean): CompiledQuery {
  const source = isRegex ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const letters = isRegex ? query.replace(/\\[pP]\{[^}]*\}|\\./g, '') : query;
  const flags = letters === letters.toLowerCase() ? 'i' : '';
  try {
    return { ok: true, regex: new RegExp(source, `${flags}u`) };
  } catch {
    // Unicode mode is stricter about escapes (`\-` outside a class); ripgrep accepts those.
    try {
      return { ok: true, regex: new RegExp(source, flags) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error) };
    }
  }
}

/** Files read at once by the scan: enough to overlap the file system's latency, few enough to bound memory. */
const SCAN_CONCURRENCY = 8;

/**
 * Scans one folder's files as ripgrep would: every file the walk lists (the filter applied), not a link,
 * matching the glob, not binary; lines split on `\n` (a `\r` before it dropped).
 */
async function scanFolder(
  root: WorkspaceRoot,
  filter: FileFilter,
  fs: PathFs & WalkFs & ReadFs,
  query: { regex: RegExp; isRegex: boolean },
  glob: string | undefined,
  results: SearchResults,
  onLine: (line: SearchLine) => void,
  signal: AbortSignal,
): Promise<void> {
  const rootReal = await fs.realpath(root.fsPath).catch(() => undefined);
  if (rootReal === undefined) return;
  const globMatches = glob === undefined ? () => true : globArgumentMatcher(glob);
  const scanFile = async (relative: string) => {
    const segments = relative.split('/');
    // One realpath per file: the file is exactly where the walk says, so it is inside the folder and not
    // reached through a link (ripgrep runs with --no-follow, and a link swapped in meanwhile is not read).
    const real = await fs.realpath(nodePath.join(root.fsPath, ...segments)).catch(() => undefined);
    if (real !== nodePath.join(rootReal, ...segments)) return;
    const text = await readText(fs, real);
    // A literal that is nowhere in the text is on none of its lines: most files end here, unsplit.
    if (text === undefined || results.full || (!query.isRegex && !query.regex.test(text))) return;
    searchLines(relative, text, query.regex, results, onLine);
  };
  const running = new Set<Promise<void>>();
  for await (const entry of walkWorkspace(root, filter, fs, { recursive: true, signal })) {
    if (results.full || signal.aborted) break;
    if (entry.isDir || !globMatches(entry.relative) || !filter.isListable(entry.relative, false)) continue;
    const task = scanFile(entry.relative).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= SCAN_CONCURRENCY) await Promise.race(running);
  }
  await Promise.all(running);
}

/** The matching lines of one file with their context, as ripgrep's `--context` gives them. */
function searchLines(relative: string, text: string, regex: RegExp, results: SearchResults, onLine: (line: SearchLine) => void): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let lastSent = 0;
  for (let i = 0; i < lines.length && !results.full; i++) {
    const line = lines[i].replace(/\r$/, '');
    const at = line.search(regex);
    if (at === -1) continue;
    for (let c = Math.max(i - CONTEXT_LINES, lastSent); c < i; c++) {
      onLine({ relative, line: c + 1, text: lines[c].replace(/\r$/, '') });
    }
    onLine({ relative, line: i + 1, text: line, matchStart: at });
    lastSent = i + 1;
    // Context after: lines up to the next match are handled by that match's context before.
    for (let c = i + 1; c <= Math.min(i + CONTEXT_LINES, lines.length - 1); c++) {
      const next = lines[c].replace(/\r$/, '');
      if (next.search(regex) !== -1) break;
      onLine({ relative, line: c + 1, text: next });
      lastSent = c + 1;
    }
  }
}

/** A file's text, or undefined when it is binary, too large or unreadable (skipped, as ripgrep skips it). */
async function readText(fs: ReadFs, path: string): Promise<string | undefined> {
  try {
    if ((await fs.stat(path)).size > MAX_FILE_BYTES) return undefined;
    const bytes = await fs.readFile(path);
    return looksBinary(bytes) ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

// ---- results ----

interface ShownLine {
  text: string;
  isMatch: boolean;
}

/** The lines found, by file, until `maxResults` matching lines; written out sorted by path and line. */
class SearchResults {
  private readonly files = new Map<string, Map<number, ShownLine>>();
  matches = 0;

  constructor(private readonly maxResults: number) {}

  get full(): boolean {
    return this.matches >= this.maxResults;
  }

  add(display: string, line: SearchLine): void {
    let lines = this.files.get(display);
    if (!lines) {
      lines = new Map();
      this.files.set(display, lines);
    }
    const isMatch = line.matchStart !== undefined;
    const known = lines.get(line.line);
    if (known?.isMatch) return;
    if (isMatch) {
      if (this.full) return;
      this.matches++;
    } else if (known) {
      return;
    }
    lines.set(line.line, { text: clipLine(line.text, line.matchStart), isMatch });
  }

  outcome(args: SearchTextArgs, note: string | undefined): ToolOutcome {
    const quoted = JSON.stringify(args.query);
    // The user's one-line summary names a long query by its start.
    const shortQuoted = JSON.stringify(args.query.length > 60 ? `${args.query.slice(0, 60)}…` : args.query);
    const what = `${args.isRegex ? 'the regular expression ' : ''}${quoted}${args.glob !== undefined ? ` in files matching ${JSON.stringify(args.glob)}` : ''}`;
    const head = note !== undefined ? [note] : [];
    // Files that only got context (their matches were refused after the cut) are not listed.
    const files = [...this.files]
      .filter(([, lines]) => [...lines.values()].some((l) => l.isMatch))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const fileCount = files.length;
    const slower = note !== undefined;
    if (this.matches === 0) {
      return {
        status: 'done',
        output: [...head, `No matches for ${what}.`].join('\n'),
        summary: slower ? l10n.t('{0}: no matches (slower scan)', shortQuoted) : l10n.t('{0}: no matches', shortQuoted),
      };
    }
    const body: string[] = [];
    const reads: ToolRead[] = [];
    let bytes = 0;
    let cutBySize = false;
    outer: for (const [display, lines] of files) {
      const numbers = [...lines.keys()].sort((a, b) => a - b);
      let previous: number | undefined;
      for (const n of numbers) {
        const { text, isMatch } = lines.get(n)!;
        const separator = body.length > 0 && (previous === undefined || n !== previous + 1) ? ['--'] : [];
        const line = `${display}${isMatch ? ':' : '-'}${n}${isMatch ? ':' : '-'} ${text}`;
        const size = Buffer.byteLength(line) + 4;
        if (bytes + size > MAX_OUTPUT_BYTES) {
          cutBySize = true;
          break outer;
        }
        body.push(...separator, line);
        bytes += size;
        previous = n;
      }
      reads.push({ path: display, startLine: numbers[0], endLine: numbers[numbers.length - 1] });
    }
    const count = `${this.matches} ${this.matches === 1 ? 'match' : 'matches'} in ${fileCount} ${fileCount === 1 ? 'file' : 'files'}`;
    const notes: string[] = [];
    if (this.full) {
      notes.push(
        `(Stopped at ${this.matches} matches; there may be more. Narrow the search with "glob" or a more specific query${this.maxResults < MAX_SEARCH_RESULTS ? `, or ask for more with "maxResults" (up to ${MAX_SEARCH_RESULTS})` : ''}.)`,
      );
    }
    if (cutBySize) notes.push(`(Cut at ${formatSize(MAX_OUTPUT_BYTES)} of text: narrow the search to see the rest.)`);
    return {
      status: 'done',
      output: [...head, `${count} for ${what}:`, ...body, ...notes].join('\n'),
      summary: searchSummary(shortQuoted, this.matches, fileCount, slower),
      truncated: this.full || cutBySize || undefined,
      reads,
    };
  }
}

/** A line of at most MAX_SEARCH_LINE_CHARS, around the match when the match is far in. */
function clipLine(text: string, matchStart: number | undefined): string {
  if (text.length <= MAX_SEARCH_LINE_CHARS) return text;
  const from = matchStart !== undefined && matchStart > MAX_SEARCH_LINE_CHARS - 100 ? matchStart - 100 : 0;
  const slice = text.slice(from, from + MAX_SEARCH_LINE_CHARS);
  return `${from > 0 ? '…' : ''}${slice}${from + MAX_SEARCH_LINE_CHARS < text.length ? '…' : ''}`;
}

/** The user's one line about a search (the model's output says the same in its own English words). */
function searchSummary(query: string, matches: number, files: number, slower: boolean): string {
  const found = matches === 1 ? l10n.t('1 match') : l10n.t('{0} matches', matches);
  const inFiles = files === 1 ? l10n.t('1 file') : l10n.t('{0} files', files);
  return slower ? l10n.t('{0}: {1} in {2} (slower scan)', query, found, inFiles) : l10n.t('{0}: {1} in {2}', query, found, inFiles);
}
