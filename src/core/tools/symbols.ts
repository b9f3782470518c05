/**
 * get_symbols: a file's outline from its language's symbol provider (the adapter runs
 * `vscode.executeDocumentSymbolProvider` and injects the result here as plain data).
 */
import * as l10n from '@vscode/l10n';

/** One symbol, as the adapter hands it over; lines are 1-based. */
export interface SymbolInfo {
  /** Lower-case kind name: "class", "method", "function", … */
  kind: string;
  name: string;
  startLine: number;
  endLine: number;
  children?: readonly SymbolInfo[];
}

/** Most outline lines in one answer (a generated file can have tens of thousands of symbols). */
export const MAX_SYMBOLS = 500;
/** Deeper nesting than this is not an outline any more (and a malicious provider could recurse). */
const MAX_DEPTH = 12;
const MAX_NAME_CHARS = 200;

export interface FormattedSymbols {
  output: string;
  summary: string;
  truncated: boolean;
  count: number;
}

/**
 * `class Cart (lines 3-40)` with children indented under their parent. `undefined` symbols: the language has
 * no symbol provider (or its extension is not ready), which the model is told, so it reads the file instead.
 */
export function formatSymbols(displayPath: string, symbols: readonly SymbolInfo[] | undefined): FormattedSymbols {
  if (symbols === undefined) {
    return {
      output: `No outline is available for ${displayPath}: no language support provides symbols for it. Use read_file instead.`,
      summary: l10n.t('{0}: no outline', displayPath),
      truncated: false,
      count: 0,
    };
  }
  const lines: string[] = [];
  let total = 0;
  const visit = (list: readonly SymbolInfo[], depth: number) => {
    for (const symbol of [...list].sort((a, b) => a.startLine - b.startLine)) {
      total++;
      if (lines.length < MAX_SYMBOLS) lines.push(`${'  '.repeat(depth)}${formatSymbol(symbol)}`);
      if (symbol.children?.length && depth + 1 < MAX_DEPTH) visit(symbol.children, depth + 1);
    }
  };
  visit(symbols, 0);
  if (total === 0) {
    return { output: `${displayPath} has no symbols.`, summary: l10n.t('{0}: no symbols', displayPath), truncated: false, count: 0 };
  }
  const truncated = total > lines.length;
  const header = `Outline of ${displayPath} (${total} ${total === 1 ? 'symbol' : 'symbols'}):`;
  const note = truncated ? [`(${total - lines.length} more symbols not listed: read the file for the rest.)`] : [];
  return {
    output: [header, ...lines, ...note].join('\n'),
    summary: total === 1 ? l10n.t('{0}: 1 symbol', displayPath) : l10n.t('{0}: {1} symbols', displayPath, total),
    truncated,
    count: total,
  };
}

function formatSymbol(symbol: SymbolInfo): string {
  const name = symbol.name.replace(/\s+/g, ' ').trim();
  const shown = name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS)}…` : name;
  const range = symbol.endLine > symbol.startLine ? `lines ${symbol.startLine}-${symbol.endLine}` : `line ${symbol.startLine}`;
  return `${symbol.kind} ${shown} (${range})`;
}
