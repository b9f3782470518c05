/**
 * Symbols → where to put code lenses. Pure: the provider turns `vscode.DocumentSymbol`s into the plain
 * `LensSymbol` tree below and the placements back into `CodeLens`es.
 *
 * Runs on every lens request, so it is one linear walk with no allocation beyond the result.
 */

/** `vscode.SymbolKind` numbering, copied so this core needs no `vscode` import. */
export const SymbolKind = {
  File: 0,
  Module: 1,
  Namespace: 2,
  Package: 3,
  Class: 4,
  Method: 5,
  Property: 6,
  Field: 7,
  Constructor: 8,
  Enum: 9,
  Interface: 10,
  Function: 11,
  Variable: 12,
  Constant: 13,
  String: 14,
  Number: 15,
  Boolean: 16,
  Array: 17,
  Object: 18,
  Key: 19,
  Null: 20,
  EnumMember: 21,
  Struct: 22,
  Event: 23,
  Operator: 24,
  TypeParameter: 25,
} as const;

/** Setting names ("function", "enumMember"...) → kind numbers. Names are matched case-insensitively. */
const KIND_BY_NAME: ReadonlyMap<string, number> = new Map(Object.entries(SymbolKind).map(([name, kind]) => [name.toLowerCase(), kind]));
const NAME_BY_KIND: readonly string[] = Object.keys(SymbolKind).map((name) => name[0].toLowerCase() + name.slice(1));

/** "function", "enumMember"... for a kind number; "symbol" for a number we do not know. */
export function symbolKindName(kind: number): string {
  return NAME_BY_KIND[kind] ?? 'symbol';
}

/** Kind numbers for setting names, plus the names we did not recognise (for the caller to report). */
export function kindsFromNames(names: readonly string[]): { kinds: Set<number>; unknown: string[] } {
  const kinds = new Set<number>();
  const unknown: string[] = [];
  for (const name of names) {
    const kind = KIND_BY_NAME.get(name.trim().toLowerCase());
    if (kind === undefined) unknown.push(name);
    else kinds.add(kind);
  }
  return { kinds, unknown };
}

/** Lines in the same numbering as the caller's symbols (0-based when they come from `vscode`). */
interface LensLineRange {
  startLine: number;
  endLine: number;
}

export interface LensSymbol {
  name: string;
  kind: number;
  range: LensLineRange;
  selectionRange: { startLine: number; startCharacter: number; endLine?: number; endCharacter?: number };
  children?: readonly LensSymbol[];
}

export interface SymbolLensOptions {
  /** Kind names to show lenses on: "function", "method", "constructor", "class"... */
  kinds: readonly string[];
  /** Skip symbols spanning fewer lines than this (a one-line getter needs no "Refactor"). */
  minLines: number;
  /** At most this many rows per file, the first ones in document order. */
  maxPerFile: number;
  /** Template ids the lenses offer; none means no lenses at all. */
  actions: readonly string[];
}

export interface SymbolLensPlacement {
  /** The line of the symbol's name (its selection range): lenses sit right above the declaration. */
  line: number;
  /** Names from the outermost container down to the symbol itself. */
  symbolPath: string[];
  range: LensLineRange;
  kind: number;
  name: string;
}

/**
 * One placement per eligible symbol (nested symbols included), in document order, at most `maxPerFile`.
 * Two symbols whose names sit on the same line share one row (the outer one wins), so lenses never repeat
 * on a line (for example `export default { ... }` or a variable holding an arrow function).
 */
export function computeSymbolLenses(symbols: readonly LensSymbol[], options: SymbolLensOptions): SymbolLensPlacement[] {
  if (options.actions.length === 0 || options.maxPerFile <= 0) return [];
  const wanted: boolean[] = [];
  for (const kind of kindsFromNames(options.kinds).kinds) wanted[kind] = true;
  if (wanted.length === 0) return [];

  const minLines = Math.max(1, options.minLines);
  const found: SymbolLensPlacement[] = [];
  const path: string[] = [];

  const walk = (nodes: readonly LensSymbol[]): void => {
    for (const node of nodes) {
      const lines = node.range.endLine - node.range.startLine + 1;
      if (wanted[node.kind] === true && lines >= minLines) {
        found.push({
          line: node.selectionRange.startLine,
          symbolPath: [...path, node.name],
          range: { startLine: node.range.startLine, endLine: node.range.endLine },
          kind: node.kind,
          name: node.name,
        });
      }
      // Children are visited even when their parent is filtered out: methods of a class without lenses still get theirs.
      if (node.children !== undefined && node.children.length > 0) {
        path.push(node.name);
        walk(node.children);
        path.pop();
      }
    }
  };
  walk(symbols);

  // Providers usually return symbols in order, but nothing guarantees it; the sort is stable, so outer
  // symbols stay ahead of the inner ones that share their line.
  if (!isSortedByLine(found)) found.sort((a, b) => a.line - b.line);

  const result: SymbolLensPlacement[] = [];
  let lastLine = Number.NEGATIVE_INFINITY;
  for (const placement of found) {
    if (placement.line === lastLine) continue;
    lastLine = placement.line;
    result.push(placement);
    if (result.length >= options.maxPerFile) break;
  }
  return result;
}

function isSortedByLine(placements: readonly SymbolLensPlacement[]): boolean {
  for (let i = 1; i < placements.length; i++) if (placements[i].line < placements[i - 1].line) return false;
  return true;
}
