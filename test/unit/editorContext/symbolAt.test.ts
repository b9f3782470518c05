import assert from 'node:assert/strict';
import { SymbolKind, type LensSymbol } from '../../../src/core/scanners/symbolLenses';
import { innermostSymbolAt } from '../../../src/adapters/editor/symbolAt';

const sym = (name: string, kind: number, startLine: number, endLine: number, children: LensSymbol[] = []): LensSymbol => ({
  name,
  kind,
  range: { startLine, endLine },
  selectionRange: { startLine, startCharacter: 0 },
  children,
});

const tree = [
  sym('billing', SymbolKind.Namespace, 0, 40, [
    sym('Cart', SymbolKind.Class, 2, 30, [
      sym('items', SymbolKind.Property, 3, 3),
      sym('total', SymbolKind.Method, 10, 20, [sym('sum', SymbolKind.Variable, 11, 11)]),
    ]),
  ]),
  sym('helper', SymbolKind.Function, 42, 50),
];
const CODE_KINDS = new Set<number>([SymbolKind.Function, SymbolKind.Method, SymbolKind.Constructor, SymbolKind.Class]);

describe('innermostSymbolAt', () => {
  it('finds the deepest symbol of the wanted kinds, with its path through containers of other kinds', () => {
    const found = innermostSymbolAt(tree, 11, CODE_KINDS);
    assert.equal(found?.symbol.name, 'total');
    assert.deepEqual(found?.path, ['billing', 'Cart', 'total']);
  });
  it('falls back to the enclosing wanted symbol', () => {
    assert.equal(innermostSymbolAt(tree, 3, CODE_KINDS)?.symbol.name, 'Cart');
    assert.equal(innermostSymbolAt(tree, 45, CODE_KINDS)?.symbol.name, 'helper');
  });
  it('any kind when none is given; nothing outside every symbol', () => {
    assert.equal(innermostSymbolAt(tree, 11)?.symbol.name, 'sum');
    assert.equal(innermostSymbolAt(tree, 41, CODE_KINDS), undefined);
    assert.equal(innermostSymbolAt(tree, 1, CODE_KINDS), undefined);
  });
});
