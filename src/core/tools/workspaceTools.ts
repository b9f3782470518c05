/**
 * The read-only workspace tools behind the chat's rounds loop: the {@link ToolRunner} that checks each call
 * the model makes (arguments, confinement, .clineignore, binary, protected files) before it may run, and runs
 * it. Pure: VS Code's parts (folders, filters, diagnostics, symbols, ripgrep's path, trust) are injected by
 * the adapter as a {@link WorkspaceAccess}.
 *
 * Every problem is an outcome, never an exception: a path outside the workspace, an ignored file or a bad
 * argument goes back to the model as the tool result, so the answer can go on.
 */
import * as l10n from '@vscode/l10n';
import * as nodePath from 'node:path';
import type { FileFilter } from './fileFilter';
import { listFiles, type ListTarget } from './listFiles';
import { formatProblems, type ProblemInfo } from './problems';
import { binaryRefusal, errorCode, looksBinary, notFound, readFileOutcome, unreadableReason, type ReadFs } from './readFile';
import { searchText } from './searchText';
import { formatSymbols, type SymbolInfo } from './symbols';
import { parseToolArguments, tools, type GetProblemsArgs, type ListFilesArgs, type ReadFileArgs } from './toolDefinitions';
import type { PreparedCall, ToolCallInput, ToolDefinition, ToolName, ToolOutcome, ToolRunner } from './toolTypes';
import { displayPath, isInside, resolveWorkspacePath, type PathFs, type ResolvedPath, type WorkspaceRoot } from './workspacePaths';
import type { WalkFs } from './workspaceWalk';

export interface WorkspaceAccess {
  roots(): readonly WorkspaceRoot[];
  /** The filter of a root (the adapter caches it and rebuilds it when .clineignore/.gitignore or settings change). */
  filterFor(root: WorkspaceRoot): Promise<FileFilter>;
  /** The current diagnostics of one file (by absolute path), or of every file when no path is given. */
  diagnostics(absPath?: string): ProblemInfo[];
  /** A file's outline, or undefined when no symbol provider knows its language. */
  symbols(absPath: string): Promise<SymbolInfo[] | undefined>;
  ripgrepPath(): string | undefined;
  /** false in Restricted Mode or with chat.tools.enabled off: definitions() is empty and prepare refuses. */
  enabled(): boolean;
  fs: PathFs & WalkFs & ReadFs;
}

export const TOOLS_OFF =
  'The workspace tools are off (the workspace is in Restricted Mode, or clineCompanion.chat.tools.enabled is false). Answer without them.';

/** A path of a call, confined and checked: where it is, how it is shown, and the filters that decide about it. */
interface Located {
  resolved: Extract<ResolvedPath, { ok: true }>;
  display: string;
  isDir: boolean;
  /** The filter of the folder the path was named in, and that of the folder its real path lies in (often the same). */
  filter: FileFilter;
  realFilter: FileFilter;
}

type Checked<T> = { ok: true; value: T } | { ok: false; outcome: ToolOutcome };

export class WorkspaceTools implements ToolRunner {
  constructor(private readonly access: WorkspaceAccess) {}

  definitions(): ToolDefinition[] {
    return this.access.enabled() ? [...tools] : [];
  }

  async prepare(call: ToolCallInput): Promise<PreparedCall> {
    try {
      return await this.check(call);
    } catch (error) {
      // A bug or an unexpected file-system error must not end the answer: it becomes the tool's result.
      const code = errorCode(error);
      return {
        ok: false,
        outcome: failed(
          `The ${call.name} call could not be checked: ${code}.`,
          l10n.t('The {0} call could not be checked: {1}.', call.name, code),
        ),
      };
    }
  }

  private async check(call: ToolCallInput): Promise<PreparedCall> {
    if (!this.access.enabled())
      return refusedCall(
        TOOLS_OFF,
        l10n.t('The workspace tools are off (the workspace is in Restricted Mode, or {0} is false).', 'clineCompanion.chat.tools.enabled'),
      );
    const parsed = parseToolArguments(call.name, call.arguments);
    if (!parsed.ok) return refusedCall(parsed.error);
    const { call: typed } = parsed;
    switch (typed.name) {
      case 'read_file':
        return this.prepareReadFile(typed.args);
      case 'list_files':
        return this.prepareListFiles(typed.args);
      case 'search_text': {
        const args = typed.args;
        return this.ready('search_text', (signal) =>
          searchText(
            args,
            {
              roots: this.access.roots(),
              filterFor: (root) => this.access.filterFor(root),
              fs: this.access.fs,
              ripgrepPath: this.access.ripgrepPath(),
            },
            signal,
          ),
        );
      }
      case 'get_problems':
        return this.prepareProblems(typed.args);
      case 'get_symbols':
        return this.prepareSymbols(typed.args.path);
    }
  }

  private async prepareReadFile(args: ReadFileArgs): Promise<PreparedCall> {
    const located = await this.locate(args.path);
    if (!located.ok) return { ok: false, outcome: located.outcome };
    const { resolved, display } = located.value;
    const fs = this.access.fs;
    const reason = await unreadableReason(fs, resolved.real, display);
    if (reason !== undefined) return refusedCall(reason);
    // Checked before asking: a binary file is refused whatever the user would answer.
    if (looksBinary(await fs.readFile(resolved.real)))
      return refusedCall(binaryRefusal(display), l10n.t('{0}: binary file, not read', display));
    const range = { startLine: args.startLine, endLine: args.endLine };
    return this.ready('read_file', () => readFileOutcome(fs, resolved.real, display, range), this.protectedPath(located.value));
  }

  private async prepareListFiles(args: ListFilesArgs): Promise<PreparedCall> {
    const roots = this.access.roots();
    let targets: ListTarget[];
    if (args.path === undefined) {
      if (roots.length === 0) return refusedCall('No workspace folder is open.', l10n.t('No workspace folder is open.'));
      targets = await Promise.all(roots.map(async (root) => ({ root, start: '', filter: await this.access.filterFor(root) })));
    } else {
      const located = await this.locate(args.path);
      if (!located.ok) return { ok: false, outcome: located.outcome };
      const { resolved, display, isDir, filter } = located.value;
      if (!isDir)
        return refusedCall(
          `${display} is a file, not a folder: use read_file to read it.`,
          l10n.t('{0} is a file, not a folder.', display),
        );
      targets = [{ root: resolved.root, start: resolved.relative, filter }];
    }
    return this.ready('list_files', (signal) => listFiles(targets, args, roots, this.access.fs, signal));
  }

  private async prepareProblems(args: GetProblemsArgs): Promise<PreparedCall> {
    const roots = this.access.roots();
    let scope: Located | undefined;
    if (args.path !== undefined) {
      const located = await this.locate(args.path);
      if (!located.ok) return { ok: false, outcome: located.outcome };
      scope = located.value;
    }
    return this.ready(
      'get_problems',
      async () => {
        const filters = new Map<WorkspaceRoot, FileFilter>();
        for (const root of roots) filters.set(root, await this.access.filterFor(root));
        const problems = scope === undefined || scope.isDir ? this.access.diagnostics() : this.access.diagnostics(scope.resolved.absolute);
        const inScope = scope === undefined ? problems : problems.filter((p) => isInsideScope(p.path, scope));
        // A file the user allowed by name is shown; otherwise protected and ignored files' problems are left out
        // (a message can quote the file: "Unexpected token 'sk-…'").
        const allowed = scope !== undefined && !scope.isDir ? scope : undefined;
        const displayPathOf = (absolute: string) => problemPath(absolute, roots, filters, allowed);
        const formatted = formatProblems(inScope, displayPathOf, scope?.display);
        return {
          status: 'done',
          output: formatted.output,
          summary: formatted.summary,
          truncated: formatted.truncated || undefined,
        };
      },
      scope && !scope.isDir ? this.protectedPath(scope) : undefined,
    );
  }

  private async prepareSymbols(path: string): Promise<PreparedCall> {
    const located = await this.locate(path);
    if (!located.ok) return { ok: false, outcome: located.outcome };
    const { resolved, display, isDir } = located.value;
    if (isDir)
      return refusedCall(
        `${display} is a folder: get_symbols takes a file (use list_files for a folder).`,
        l10n.t('{0} is a folder, not a file.', display),
      );
    return this.ready(
      'get_symbols',
      async () => {
        const formatted = formatSymbols(display, await this.access.symbols(resolved.real));
        return {
          status: 'done',
          output: formatted.output,
          summary: formatted.summary,
          truncated: formatted.truncated || undefined,
          reads: [{ path: display }],
        };
      },
      // An outline names what is in the file (a .env's keys): protected like its text.
      this.protectedPath(located.value),
    );
  }

  /**
   * Confines a path the model named and checks that it exists and is not .clineignored (by its path as
   * named AND its real path). Missing and ignored paths get the same answer, so the model cannot tell an
   * ignored file exists.
   */
  private async locate(path: string): Promise<Checked<Located>> {
    const roots = this.access.roots();
    const resolved = await resolveWorkspacePath(path, roots, this.access.fs);
    if (!resolved.ok) return { ok: false, outcome: refused(refusalText(path, resolved.reason)) };
    const display = displayPath(resolved, roots);
    const isDir = resolved.exists ? await this.isDirectory(resolved.real) : undefined;
    if (isDir === undefined) return { ok: false, outcome: notFoundOutcome(display) };
    const filter = await this.access.filterFor(resolved.root);
    const realFilter = resolved.realRoot === resolved.root ? filter : await this.access.filterFor(resolved.realRoot);
    if (filter.isClineIgnored(resolved.relative, isDir) || realFilter.isClineIgnored(resolved.realRelative, isDir)) {
      return { ok: false, outcome: notFoundOutcome(display) };
    }
    return { ok: true, value: { resolved, display, isDir, filter, realFilter } };
  }

  /** Whether the path is a folder; undefined when it cannot be read at all. */
  private async isDirectory(path: string): Promise<boolean | undefined> {
    try {
      return (await this.access.fs.stat(path)).isDirectory();
    } catch {
      return undefined;
    }
  }

  /** The path to ask about when the file is protected (by its name as given or its real path), else undefined. */
  private protectedPath(located: Located): string | undefined {
    const { resolved, filter, realFilter, display } = located;
    return filter.isProtected(resolved.relative) || realFilter.isProtected(resolved.realRelative) ? display : undefined;
  }

  private ready(name: ToolName, run: (signal: AbortSignal) => Promise<ToolOutcome>, protectedPath?: string): PreparedCall {
    return {
      ok: true,
      name,
      ...(protectedPath !== undefined ? { protectedPath } : {}),
      run: async (signal) => {
        try {
          return await run(signal);
        } catch (error) {
          if (signal.aborted) return failed(`The ${name} call was cancelled.`, l10n.t('cancelled'));
          const code = errorCode(error);
          return failed(`The ${name} call failed: ${code}.`, l10n.t('The {0} call failed: {1}.', name, code));
        }
      },
    };
  }
}

/** `"../x" is outside the workspace.`: the confinement's reason, said about the path the model wrote. */
function refusalText(path: string, reason: string): string {
  const quoted = JSON.stringify(path.length > 200 ? `${path.slice(0, 200)}…` : path);
  return /^(outside|not )/.test(reason) ? `${quoted} is ${reason}.` : `${quoted}: ${reason}.`;
}

/**
 * `output` is the model's (English); `summary` the user's line. Without one, the user sees the model's words: the
 * path checks' and argument checks' reasons, which name tools and arguments the way the model wrote them.
 */
function refused(output: string, summary = output): ToolOutcome {
  return { status: 'refused', output, summary };
}

/** A path that is missing and one `.clineignore` hides are answered alike, so the model cannot tell them apart. */
function notFoundOutcome(display: string): ToolOutcome {
  return refused(notFound(display), l10n.t('{0}: file not found or ignored.', display));
}

function refusedCall(output: string, summary = output): PreparedCall {
  return { ok: false, outcome: refused(output, summary) };
}

function failed(output: string, summary = output): ToolOutcome {
  return { status: 'failed', output, summary };
}

function isInsideScope(absolute: string, scope: Located): boolean {
  return isInside(absolute, scope.resolved.absolute) || isInside(absolute, scope.resolved.real);
}

/**
 * How a diagnostic's file is shown, or undefined to leave it out: outside every workspace folder, or
 * .clineignored or protected (unless it is the file the user allowed).
 */
function problemPath(
  absolute: string,
  roots: readonly WorkspaceRoot[],
  filters: ReadonlyMap<WorkspaceRoot, FileFilter>,
  allowed: Located | undefined,
): string | undefined {
  if (allowed && (absolute === allowed.resolved.absolute || absolute === allowed.resolved.real)) return allowed.display;
  // The deepest folder that holds the file (folders may be nested).
  const root = roots.filter((r) => isInside(absolute, r.fsPath)).sort((a, b) => b.fsPath.length - a.fsPath.length)[0];
  if (!root) return undefined;
  const relative = nodePath.relative(root.fsPath, absolute).split(nodePath.sep).join('/');
  const filter = filters.get(root);
  if (!filter || filter.isClineIgnored(relative, false) || filter.isProtected(relative)) return undefined;
  return displayPath({ root, relative }, roots);
}
