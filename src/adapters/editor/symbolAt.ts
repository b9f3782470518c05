/**
 * The innermost symbol around a line, from the plain symbol tree the lens core uses. Pure.
 */
import type { LensSymbol } from '../../core/scanners/symbolLenses';

export interface SymbolAtLine {
  symbol: LensSymbol;
  /** Names from the outermost container down to the symbol ("Cart", "total"). */
  path: string[];
}

/**
 * The deepest symbol whose range holds `line` and whose kind is in `kinds` (any kind when undefined).
 * Containers of another kind are walked through: a method inside a namespace is still found.
 */
export function innermostSymbolAt(symbols: readonly LensSymbol[], line: number, kinds?: ReadonlySet<number>): SymbolAtLine | undefined {
  let found: SymbolAtLine | undefined;
  const walk = (nodes: readonly LensSymbol[], path: string[]): void => {
    for (const node of nodes) {
      if (line < node.range.startLine || line > node.range.endLine) continue;
      const here = [...path, node.name];
      if (!kinds || kinds.has(node.kind)) found = { symbol: node, path: here };
      if (node.children?.length) walk(node.children, here);
    }
  };
  walk(symbols, []);
  return found;
}
