/**
 * list_files: the entries of a workspace folder as workspace-relative paths, folders marked with a trailing
 * `/`, one level or the whole tree, optionally through a glob; capped with a note.
 *
 * The walk (workspaceWalk) applies the folder's FileFilter (.clineignore, excludes, protected files) and never
 * follows a link, so what is listed is what search_text searches and the `@` index offers.
 */
import * as l10n from '@vscode/l10n';
import type { FileFilter } from './fileFilter';
import { globArgumentMatcher, type ListFilesArgs } from './toolDefinitions';
import type { ToolOutcome } from './toolTypes';
import { displayPath, type WorkspaceRoot } from './workspacePaths';
import { walkWorkspace, type WalkFs } from './workspaceWalk';

/** Most entries in one answer. */
export const MAX_LIST_ENTRIES = 500;
/** Most entries walked for one answer (a glob over a huge tree): the walk stops there and the answer says so. */
const MAX_WALKED_ENTRIES = 200_000;

/** A folder to list: a workspace folder, and the folder inside it ('' for the workspace folder itself). */
export interface ListTarget {
  root: WorkspaceRoot;
  start: string;
  filter: FileFilter;
}

interface Entry {
  shown: string;
  isDir: boolean;
}

/**
 * Lists the targets (one folder, or every workspace folder when the model named none). With several
 * workspace folders and no path, a listing that is not recursive shows the folders themselves.
 */
export async function listFiles(
  targets: readonly ListTarget[],
  args: ListFilesArgs,
  roots: readonly WorkspaceRoot[],
  fs: WalkFs,
  signal: AbortSignal,
): Promise<ToolOutcome> {
  const recursive = args.recursive ?? args.glob !== undefined;
  const globMatches = args.glob === undefined ? undefined : globArgumentMatcher(args.glob);
  const listedName = targets.length === 1 ? folderName(targets[0], roots) : 'the workspace folders';
  const entries: Entry[] = [];
  let more = false;
  let walked = 0;

  if (targets.length > 1 && !recursive) {
    entries.push(...targets.map((t) => ({ shown: `${t.root.name}/`, isDir: true })));
  } else {
    outer: for (const target of targets) {
      const prefix = target.start === '' ? '' : `${target.start}/`;
      const walk = walkWorkspace(target.root, target.filter, fs, {
        start: target.start,
        recursive,
        signal,
        maxEntries: MAX_WALKED_ENTRIES - walked,
      });
      for await (const entry of walk) {
        walked++;
        if (signal.aborted) break outer;
        // The glob reads paths relative to the folder listed, as the tool's description says.
        const below = entry.relative.startsWith(prefix) ? entry.relative.slice(prefix.length) : entry.relative;
        if (globMatches && !globMatches(below)) continue;
        if (entries.length === MAX_LIST_ENTRIES) {
          more = true;
          break outer;
        }
        const shown = displayPath({ root: target.root, relative: entry.relative }, roots);
        entries.push({ shown: entry.isDir ? `${shown}/` : shown, isDir: entry.isDir });
      }
    }
  }
  if (signal.aborted) return { status: 'failed', output: 'The listing was cancelled.', summary: l10n.t('cancelled') };

  const stoppedWalking = !more && walked >= MAX_WALKED_ENTRIES;
  // One level: folders first, as the Explorer shows them; a tree: by path, so each folder's content follows it.
  entries.sort((a, b) => (recursive ? 0 : Number(b.isDir) - Number(a.isDir)) || compareText(a.shown, b.shown));
  const how = [recursive ? 'recursive' : undefined, args.glob !== undefined ? `matching ${JSON.stringify(args.glob)}` : undefined]
    .filter(Boolean)
    .join(', ');
  const described = `${listedName}${how ? ` (${how})` : ''}`;
  const count = `${entries.length}${more ? '+' : ''} ${entries.length === 1 ? 'entry' : 'entries'}`;
  const notes: string[] = [];
  if (more) notes.push(`(Cut at ${MAX_LIST_ENTRIES} entries: list a subfolder with "path", or narrow it with "glob".)`);
  if (stoppedWalking) notes.push(`(Stopped after looking at ${MAX_WALKED_ENTRIES} entries: list a subfolder with "path".)`);
  const output =
    entries.length === 0
      ? `${described}: nothing to list${args.glob !== undefined ? ' (no entry matches the glob)' : ''}. Ignored, excluded and protected files are not listed.`
      : [`${described}: ${count}`, ...entries.map((e) => e.shown), ...notes].join('\n');
  return {
    status: 'done',
    output,
    summary: listSummary(listedName, recursive, args.glob, entries.length, more),
    truncated: more || stoppedWalking || undefined,
    reads: targets.map((t) => ({ path: folderName(t, roots) })),
  };
}

/** `src/`, or `.`/the folder's name for a workspace folder itself. */
function folderName(target: ListTarget, roots: readonly WorkspaceRoot[]): string {
  const shown = displayPath({ root: target.root, relative: target.start }, roots);
  return target.start === '' ? shown : `${shown}/`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The user's one line about a listing (the model's output says the same in its own English words). */
function listSummary(listed: string, recursive: boolean, glob: string | undefined, entries: number, more: boolean): string {
  const count = more ? l10n.t('{0}+ entries', entries) : entries === 1 ? l10n.t('1 entry') : l10n.t('{0} entries', entries);
  const matching = glob === undefined ? undefined : JSON.stringify(glob);
  if (recursive && matching !== undefined) return l10n.t('{0} (recursive, matching {1}): {2}', listed, matching, count);
  if (recursive) return l10n.t('{0} (recursive): {1}', listed, count);
  if (matching !== undefined) return l10n.t('{0} (matching {1}): {2}', listed, matching, count);
  return `${listed}: ${count}`;
}
