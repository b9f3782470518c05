/**
 * get_problems: the diagnostics VS Code reports (the adapter reads them from `vscode.languages` and injects
 * them here as plain data), written for the model as `path:line:column: severity: message`.
 */
import * as l10n from '@vscode/l10n';

type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

/** One diagnostic, as the adapter hands it over. */
export interface ProblemInfo {
  /** The file's absolute path (its URI's fsPath). */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: ProblemSeverity;
  message: string;
  /** Who reports it: "ts", "eslint", … */
  source?: string;
  code?: string | number;
}

/** Most problems listed in one answer; errors come first, so a cut drops warnings before errors. */
export const MAX_PROBLEMS = 200;
/** Longest message kept: some checkers put a whole type dump in one. */
const MAX_MESSAGE_CHARS = 500;

export interface FormattedProblems {
  output: string;
  summary: string;
  truncated: boolean;
  /** Errors and warnings listed, and how many there were before the cut. */
  listed: number;
  total: number;
}

/**
 * Lists the errors and warnings (infos and hints are noise for a question about the code, only counted).
 * `displayPathOf` names a file as the model sees it, or returns undefined for one it must not see
 * (outside the workspace, `.clineignore`d, protected: a message may quote the file), which is skipped.
 * `scope` is what was asked for ("src/app.ts"), or undefined for the whole workspace.
 */
export function formatProblems(
  problems: readonly ProblemInfo[],
  displayPathOf: (absolutePath: string) => string | undefined,
  asked: string | undefined,
): FormattedProblems {
  // The model's words stay English; the summary is the user's.
  const scope = asked ?? 'the workspace';
  const shownScope = asked ?? l10n.t('the workspace');
  const visible = problems.flatMap((problem) => {
    const display = displayPathOf(problem.path);
    return display === undefined ? [] : [{ ...problem, display }];
  });
  const serious = visible
    .filter((p) => p.severity === 'error' || p.severity === 'warning')
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) || compareText(a.display, b.display) || a.line - b.line || a.column - b.column,
    );
  const minor = visible.length - serious.length;
  const errors = serious.filter((p) => p.severity === 'error').length;
  const warnings = serious.length - errors;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const files = new Set(serious.map((p) => p.display)).size;
  const summary = problemsSummary(shownScope, errors, warnings, files);

  if (serious.length === 0) {
    const minorNote = minor > 0 ? ` (${plural(minor, 'info or hint', 'infos or hints')} not listed)` : '';
    return { output: `No errors or warnings in ${scope}${minorNote}.`, summary, truncated: false, listed: 0, total: 0 };
  }
  const listed = serious.slice(0, MAX_PROBLEMS);
  const lines = [`${counts} in ${scope}:`, ...listed.map(formatProblem)];
  const truncated = listed.length < serious.length;
  if (truncated) {
    lines.push(`(${serious.length - listed.length} more not listed: ask for the problems of one file or folder with "path".)`);
  }
  return { output: lines.join('\n'), summary, truncated, listed: listed.length, total: serious.length };
}

function formatProblem(p: ProblemInfo & { display: string }): string {
  const message = oneLine(p.message, MAX_MESSAGE_CHARS);
  const origin =
    p.source !== undefined || p.code !== undefined ? ` [${[p.source, p.code].filter((x) => x !== undefined && x !== '').join(' ')}]` : '';
  return `${p.display}:${p.line}:${p.column}: ${p.severity}: ${message}${origin}`;
}

const severityRank = (severity: ProblemSeverity) => (severity === 'error' ? 0 : 1);
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The user's one line about the problems ("src/app.ts: 2 errors, 1 warning in 2 files"). */
function problemsSummary(scope: string, errors: number, warnings: number, files: number): string {
  const errorCount = errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', errors);
  const warningCount = warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', warnings);
  return files > 1
    ? l10n.t('{0}: {1}, {2} in {3} files', scope, errorCount, warningCount, files)
    : l10n.t('{0}: {1}, {2}', scope, errorCount, warningCount);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Multi-line messages (TypeScript's elaborations) joined, so every problem stays one line. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s*\r?\n\s*/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
