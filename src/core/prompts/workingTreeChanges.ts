/**
 * The working-tree changes as text for a prompt (`{{changes}}`) or a chat mention (`@changes`): per Git
 * repository, the staged diff, the diff not staged yet, and the untracked files by name (they are in no diff;
 * Cline and the chat's tools can read them). The Git adapter gathers the raw diffs; this only formats and
 * bounds them, so it is testable without Git.
 */

import { fencedCode } from './fence';
import { formatSize, utf8ByteLengthUpTo, utf8Prefix } from './contextBlock';

export interface RepositoryChanges {
  /** How the user knows the repository: its workspace folder's name, or its path inside the workspace. */
  name: string;
  /** `git diff --cached`: the index against HEAD. */
  staged: string;
  /** `git diff`: the working tree against the index. */
  unstaged: string;
  /** Repository-relative paths of untracked files (not ignored). */
  untracked: string[];
}

interface FormattedChanges {
  text: string;
  /** Whether `maxBytes` cut a diff (the text says so, and how to see the rest). */
  cut: boolean;
}

/** At most this many untracked files are named; the rest are counted. */
const MAX_UNTRACKED_LISTED = 200;

export function hasChanges(repo: RepositoryChanges): boolean {
  return repo.staged.trim() !== '' || repo.unstaged.trim() !== '' || repo.untracked.length > 0;
}

/** The untracked files as one line: names up to a limit, then a count. */
function untrackedLine(untracked: string[]): string {
  const listed = untracked.slice(0, MAX_UNTRACKED_LISTED).join(', ');
  const more = untracked.length > MAX_UNTRACKED_LISTED ? `, and ${untracked.length - MAX_UNTRACKED_LISTED} more` : '';
  return `Untracked files (new, not in the diff; read them from the workspace): ${listed}${more}`;
}

/**
 * The changes of every repository that has any, in order. The diffs share `maxBytes` (UTF-8): a diff that
 * does not fit is cut at a line end with a note that names its full size and the command that shows all of it.
 * With no repository changed, the text is empty (the caller says so to the user rather than sending nothing).
 */
export function formatChanges(repos: readonly RepositoryChanges[], maxBytes = Number.POSITIVE_INFINITY): FormattedChanges {
  const changed = repos.filter(hasChanges);
  const several = changed.length > 1;
  let left = maxBytes;
  let cut = false;
  const diffSection = (title: string, diff: string, command: string, repo: string): string | undefined => {
    if (diff.trim() === '') return undefined;
    const size = utf8ByteLengthUpTo(diff, Number.MAX_SAFE_INTEGER);
    if (size <= left) {
      left -= size;
      return `${title}:\n${fencedCode(diff, 'diff')}`;
    }
    cut = true;
    const prefix = utf8Prefix(diff, Math.max(0, left));
    // Cut at a line end, so no half line of a hunk is shown as if it were the change.
    const shown = prefix.slice(0, prefix.lastIndexOf('\n') + 1);
    left = 0;
    const where = several ? ` in ${repo}` : '';
    const note = `(${title} cut: ${formatSize(utf8ByteLengthUpTo(shown, Number.MAX_SAFE_INTEGER))} of ${formatSize(size)} shown. Run \`${command}\`${where} for all of it.)`;
    return shown === '' ? `${title}: ${note}` : `${title}:\n${fencedCode(shown, 'diff')}\n${note}`;
  };
  const sections = changed.map((repo) => {
    const parts = [
      diffSection('Staged', repo.staged, 'git diff --cached', repo.name),
      diffSection('Not staged', repo.unstaged, 'git diff', repo.name),
      repo.untracked.length > 0 ? untrackedLine(repo.untracked) : undefined,
    ].filter((part): part is string => part !== undefined);
    return [`Repository: ${repo.name}`, ...parts].join('\n');
  });
  return { text: sections.join('\n\n'), cut };
}
