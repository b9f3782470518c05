import assert from 'node:assert/strict';
import {
  computeSymbolLenses,
  kindsFromNames,
  SymbolKind,
  symbolKindName,
  type LensSymbol,
  type SymbolLensOptions,
} from '../../../src/core/scanners/symbolLenses';
import { countSymbols, symbolsByCount, symbolsForLines } from '../../bench/codelensBench';

function sym(
  name: string,
  kind: number,
  startLine: number,
  endLine: number,
  children: LensSymbol[] = [],
  nameLine = startLine,
): LensSymbol {
  return { name, kind, range: { startLine, endLine }, selectionRange: { startLine: nameLine, startCharacter: 4 }, children };
}

const options = (overrides: Partial<SymbolLensOptions> = {}): SymbolLensOptions => ({
  kinds: ['function', 'method', 'constructor', 'class'],
  minLines: 1,
  maxPerFile: 100,
  actions: ['explain'],
  ...overrides,
});

const names = (symbols: LensSymbol[], opts: SymbolLensOptions): string[] =>
  computeSymbolLenses(symbols, opts).map((p) => p.symbolPath.join('.'));

describe('codelens/symbolLenses', () => {
  const tree: LensSymbol[] = [
    sym('helper', SymbolKind.Function, 0, 9),
    sym('Parser', SymbolKind.Class, 11, 60, [
      sym('buffer', SymbolKind.Property, 12, 12),
      sym('constructor', SymbolKind.Constructor, 14, 18),
      sym('parse', SymbolKind.Method, 20, 40, [sym('step', SymbolKind.Function, 22, 30), sym('tmp', SymbolKind.Variable, 31, 31)]),
      sym('peek', SymbolKind.Method, 42, 42),
    ]),
    sym('VERSION', SymbolKind.Constant, 62, 62),
    sym('Shape', SymbolKind.Interface, 64, 70),
  ];

  it('gives one placement per eligible symbol, nested ones included, in document order', () => {
    const placements = computeSymbolLenses(tree, options());
    assert.deepEqual(
      placements.map((p) => [p.line, p.symbolPath.join('.'), p.kind, p.name]),
      [
        [0, 'helper', SymbolKind.Function, 'helper'],
        [11, 'Parser', SymbolKind.Class, 'Parser'],
        [14, 'Parser.constructor', SymbolKind.Constructor, 'constructor'],
        [20, 'Parser.parse', SymbolKind.Method, 'parse'],
        [22, 'Parser.parse.step', SymbolKind.Function, 'step'],
        [42, 'Parser.peek', SymbolKind.Method, 'peek'],
      ],
    );
    assert.deepEqual(placements[3].range, { startLine: 20, endLine: 40 });
  });

  it('filters by kind names, case-insensitively, still visiting children of other kinds', () => {
    assert.deepEqual(names(tree, options({ kinds: ['Method'] })), ['Parser.parse', 'Parser.peek']);
    assert.deepEqual(names(tree, options({ kinds: ['interface', 'constant'] })), ['VERSION', 'Shape']);
    assert.deepEqual(names(tree, options({ kinds: [] })), []);
  });

  it('skips symbols shorter than minLines', () => {
    assert.deepEqual(names(tree, options({ minLines: 5 })), [
      'helper',
      'Parser',
      'Parser.constructor',
      'Parser.parse',
      'Parser.parse.step',
    ]);
    assert.deepEqual(names(tree, options({ minLines: 12 })), ['Parser', 'Parser.parse']);
  });

  it('stops at maxPerFile, keeping the first in document order', () => {
    assert.deepEqual(names(tree, options({ maxPerFile: 3 })), ['helper', 'Parser', 'Parser.constructor']);
    assert.deepEqual(names(tree, options({ maxPerFile: 0 })), []);
  });

  it('orders by line even when the provider does not', () => {
    const shuffled = [tree[1], tree[0]];
    assert.deepEqual(names(shuffled, options({ kinds: ['function', 'class'] })), ['helper', 'Parser', 'Parser.parse.step']);
  });

  it('places the lens on the name line, and keeps one row per line (the outer symbol)', () => {
    const decorated = [
      sym('Component', SymbolKind.Class, 0, 20, [], 2), // decorators on lines 0-1
      sym('handler', SymbolKind.Variable, 22, 30, [sym('handler', SymbolKind.Function, 22, 30)]),
    ];
    const placements = computeSymbolLenses(decorated, options({ kinds: ['class', 'function', 'variable'] }));
    assert.deepEqual(
      placements.map((p) => [p.line, p.kind]),
      [
        [2, SymbolKind.Class],
        [22, SymbolKind.Variable],
      ],
    );
  });

  it('offers nothing without actions', () => {
    assert.deepEqual(computeSymbolLenses(tree, options({ actions: [] })), []);
  });

  it('maps kind names and numbers', () => {
    assert.equal(symbolKindName(SymbolKind.Struct), 'struct');
    assert.equal(SymbolKind.Struct, 22);
    assert.equal(symbolKindName(SymbolKind.EnumMember), 'enumMember');
    assert.equal(symbolKindName(99), 'symbol');
    const { kinds, unknown } = kindsFromNames(['function', ' Class ', 'enummember', 'gadget']);
    assert.deepEqual(
      [...kinds].sort((a, b) => a - b),
      [SymbolKind.Class, SymbolKind.Function, SymbolKind.EnumMember],
    );
    assert.deepEqual(unknown, ['gadget']);
  });

  describe('speed', () => {
    const median = (run: () => void): number => {
      for (let i = 0; i < 10; i++) run();
      const samples: number[] = [];
      for (let i = 0; i < 21; i++) {
        const start = performance.now();
        run();
        samples.push(performance.now() - start);
      }
      return samples.sort((a, b) => a - b)[10];
    };
    const everything = options({ maxPerFile: Number.MAX_SAFE_INTEGER, minLines: 3 });

    it('handles a 20,000-line file in under 5 ms', () => {
      const symbols = symbolsForLines(20_000);
      assert.ok(countSymbols(symbols) > 2000);
      const ms = median(() => computeSymbolLenses(symbols, everything));
      assert.ok(ms < 5, `${ms.toFixed(2)} ms`);
    });

    it('handles 1,000 symbols in under 10 ms', () => {
      const symbols = symbolsByCount(1000);
      assert.equal(countSymbols(symbols), 1000);
      assert.equal(computeSymbolLenses(symbols, everything).length, 1000);
      const ms = median(() => computeSymbolLenses(symbols, everything));
      assert.ok(ms < 10, `${ms.toFixed(2)} ms`);
    });
  });
});
