/**
 * What a command acts on (an `EditorTarget`: a document, a range and what we know about it) and how it
 * becomes the plain `PromptContext` the prompt core renders. Targets come from a selection, the symbol
 * around the cursor, a TODO comment, the diagnostics at a line, or the whole file.
 */
import * as vscode from 'vscode';
import { kindsFromNames, symbolKindName } from '../../core/scanners/symbolLenses';
import { scanTodos, type TodoMatch } from '../../core/scanners/todoScanner';
import type { DiagnosticSeverityName, PromptContext, PromptDiagnostic, PromptSymbol, PromptTodo } from '../../core/prompts';
import { documentSymbols } from './documentSymbols';
import { promptFileFor } from './promptFileFor';
import { innermostSymbolAt } from './symbolAt';

export interface EditorTarget {
  document: vscode.TextDocument;
  /** The code is exactly the text of this range. */
  range: vscode.Range;
  /** The user's raw selection, when they had one. */
  selection?: string;
  symbol?: PromptSymbol;
  todo?: PromptTodo;
}

/** A TODO's surrounding code when it is not inside a symbol (or the symbol is huge): this many lines each side. */
const TODO_CONTEXT_LINES = 10;
/** A symbol longer than this is too much "surrounding code" for a TODO or a quick fix. */
const MAX_CONTEXT_SYMBOL_LINES = 200;

const SEVERITY: Record<vscode.DiagnosticSeverity, DiagnosticSeverityName> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** Lines `startLine..endLine` (0-based, inclusive), whole. */
export function wholeLines(document: vscode.TextDocument, startLine: number, endLine: number): vscode.Range {
  const last = Math.max(0, document.lineCount - 1);
  const start = Math.min(Math.max(0, startLine), last);
  const end = Math.min(Math.max(start, endLine), last);
  return new vscode.Range(start, 0, end, document.lineAt(end).text.length);
}

/** 0-based first and last line a range really covers (a selection ending at column 0 does not cover that line). */
export function coveredLines(range: vscode.Range): { startLine: number; endLine: number } {
  const endLine = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  return { startLine: range.start.line, endLine };
}

export function fileTarget(document: vscode.TextDocument): EditorTarget {
  return { document, range: wholeLines(document, 0, document.lineCount - 1) };
}

export function selectionTarget(document: vscode.TextDocument, range: vscode.Range): EditorTarget {
  return { document, range, selection: document.getText(range) };
}

/** `kinds` setting names ("function", "class"...) → kind numbers. */
export function symbolKindSet(names: readonly string[]): Set<number> {
  return kindsFromNames(names).kinds;
}

/** The innermost symbol of one of `kinds` around `line`, as a target; undefined when there is none. */
export async function symbolTargetAt(
  document: vscode.TextDocument,
  line: number,
  kinds: ReadonlySet<number>,
): Promise<EditorTarget | undefined> {
  const found = innermostSymbolAt(await documentSymbols(document.uri), line, kinds);
  if (!found) return undefined;
  const { symbol, path } = found;
  return {
    document,
    range: wholeLines(document, symbol.range.startLine, symbol.range.endLine),
    symbol: { name: path.join('.'), kind: symbolKindName(symbol.kind) },
  };
}

export function todosIn(document: vscode.TextDocument, tags: readonly string[]): TodoMatch[] {
  return scanTodos(document.getText(), { tags, languageId: document.languageId });
}

/**
 * A TODO with its surrounding code: the function (or class) holding it when that is not huge, else a
 * window of lines around it.
 */
export async function todoTarget(document: vscode.TextDocument, todo: TodoMatch, kinds: ReadonlySet<number>): Promise<EditorTarget> {
  const around = await symbolTargetAt(document, todo.line, kinds);
  const fits = around && around.range.end.line - around.range.start.line < MAX_CONTEXT_SYMBOL_LINES;
  return {
    document,
    range: fits ? around.range : wholeLines(document, todo.line - TODO_CONTEXT_LINES, todo.line + TODO_CONTEXT_LINES),
    symbol: fits ? around.symbol : undefined,
    todo: { tag: todo.tag, text: todo.text, line: todo.line + 1 },
  };
}

/** Errors and warnings of a document, optionally only those starting on `line`. */
export function problemsAt(document: vscode.TextDocument, line?: number): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(document.uri)
    .filter(
      (d) =>
        d.severity <= vscode.DiagnosticSeverity.Warning && (line === undefined || (d.range.start.line <= line && d.range.end.line >= line)),
    );
}

/**
 * The code around some diagnostics: the symbol holding them when not huge, else their lines plus a few
 * around, so Cline sees the problem in context.
 */
export async function problemTarget(document: vscode.TextDocument, range: vscode.Range, kinds: ReadonlySet<number>): Promise<EditorTarget> {
  const { startLine, endLine } = coveredLines(range);
  const around = await symbolTargetAt(document, startLine, kinds);
  if (
    around &&
    around.range.start.line <= startLine &&
    around.range.end.line >= endLine &&
    around.range.end.line - around.range.start.line < MAX_CONTEXT_SYMBOL_LINES
  ) {
    return around;
  }
  return { document, range: wholeLines(document, startLine - 3, endLine + 3) };
}

function diagnosticCode(code: vscode.Diagnostic['code']): string | number | undefined {
  if (code === undefined) return undefined;
  return typeof code === 'object' ? code.value : code;
}

export function promptContextFor(target: EditorTarget): PromptContext {
  const { document, range } = target;
  const { startLine, endLine } = coveredLines(range);
  const diagnostics: PromptDiagnostic[] = vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.range.start.line >= startLine && d.range.start.line <= endLine)
    .map((d) => {
      const entry: PromptDiagnostic = { severity: SEVERITY[d.severity], message: d.message, line: d.range.start.line + 1 };
      const code = diagnosticCode(d.code);
      if (code !== undefined) entry.code = code;
      if (d.source) entry.source = d.source;
      return entry;
    });
  const context: PromptContext = {
    file: promptFileFor(document),
    range: { startLine: startLine + 1, endLine: endLine + 1 },
    code: document.getText(range),
    diagnostics,
  };
  if (target.selection !== undefined) context.selection = target.selection;
  if (target.symbol) context.symbol = target.symbol;
  if (target.todo) context.todo = target.todo;
  return context;
}
