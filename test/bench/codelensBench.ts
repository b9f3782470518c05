/**
 * Code lens cores under load: symbol → lens placement, and the TODO scanner's throughput.
 * Inputs are generated (deterministically) to look like real TypeScript, so the numbers mean something.
 */
import { performance } from 'node:perf_hooks';
import { computeSymbolLenses, SymbolKind, type LensSymbol, type SymbolLensOptions } from '../../src/core/scanners/symbolLenses';
import { scanTodos } from '../../src/core/scanners/todoScanner';
import { median, type BenchRow } from './benchRow';

const LENS_OPTIONS: SymbolLensOptions = {
  kinds: ['function', 'method', 'constructor', 'class'],
  minLines: 3,
  // No cap, so the whole tree is walked: the worst case.
  maxPerFile: Number.MAX_SAFE_INTEGER,
  actions: ['explain', 'refactor', 'writeTests'],
};

function symbol(name: string, kind: number, startLine: number, endLine: number, children: LensSymbol[] = []): LensSymbol {
  return {
    name,
    kind,
    range: { startLine, endLine },
    selectionRange: { startLine, startCharacter: 2, endLine: startLine, endCharacter: 2 + name.length },
    children,
  };
}

/** The outline of a ~20,000-line TypeScript file: classes with fields, a constructor and methods, plus functions. */
export function symbolsForLines(totalLines: number): LensSymbol[] {
  const roots: LensSymbol[] = [];
  let line = 0;
  let n = 0;
  while (line < totalLines - 400) {
    const classStart = line;
    const members: LensSymbol[] = [];
    line += 2;
    for (let f = 0; f < 4; f++) members.push(symbol(`field${f}`, SymbolKind.Property, line, line++));
    members.push(symbol('constructor', SymbolKind.Constructor, line, (line += 6)));
    line += 2;
    for (let m = 0; m < 12; m++) {
      const length = 3 + ((n++ * 7) % 25);
      const locals = [symbol(`tmp${m}`, SymbolKind.Variable, line + 1, line + 1)];
      members.push(symbol(`method${m}`, SymbolKind.Method, line, line + length, locals));
      line += length + 2;
    }
    roots.push(symbol(`Class${roots.length}`, SymbolKind.Class, classStart, line++, members));
    for (let f = 0; f < 3; f++) {
      const length = 2 + ((n++ * 5) % 30);
      roots.push(symbol(`helper${roots.length}_${f}`, SymbolKind.Function, line, line + length));
      line += length + 2;
    }
    roots.push(symbol(`CONSTANT_${roots.length}`, SymbolKind.Variable, line, line++));
  }
  return roots;
}

/** Exactly `count` symbols: classes of 9 methods each (10 symbols per class). */
export function symbolsByCount(count: number): LensSymbol[] {
  const roots: LensSymbol[] = [];
  let line = 0;
  let made = 0;
  while (made < count) {
    const start = line++;
    made++;
    const methods: LensSymbol[] = [];
    for (let m = 0; m < 9 && made < count; m++, made++) {
      methods.push(symbol(`m${m}`, SymbolKind.Method, line, line + 8));
      line += 10;
    }
    roots.push(symbol(`C${roots.length}`, SymbolKind.Class, start, line++, methods));
  }
  return roots;
}

export function countSymbols(symbols: readonly LensSymbol[]): number {
  return symbols.reduce((sum, s) => sum + 1 + countSymbols(s.children ?? []), 0);
}

/** Ordinary TypeScript: imports, JSDoc, classes, template literals, regexes, strings with `//` and quotes. */
const PLAIN: ((i: number) => string)[] = [
  (i) => `import { helper${i} } from './helpers/helper${i % 50}';\nimport type { Options${i % 9} } from "../types";\n`,
  (i) =>
    `/**\n * Computes the value for item ${i}.\n * @param input the raw input, may be empty\n */\nexport function compute${i}(input: string): number {\n  const parts = input.split(',').map((p) => p.trim());\n  return parts.reduce((sum, p) => sum + Number(p), 0) / 2;\n}\n\n`,
  (i) =>
    `export class Service${i} {\n  private readonly cache = new Map<string, number>();\n  constructor(private readonly name = "service-${i}") {}\n\n  get(key: string): number | undefined {\n    // look the value up; the cache is filled lazily\n    return this.cache.get(\`\${this.name}:\${key}\`);\n  }\n\n  set(key: string, value: number): void {\n    if (value < 0) throw new RangeError(\`negative value for '\${key}'\`);\n    this.cache.set(key, value);\n  }\n}\n\n`,
  (i) => `const pattern${i} = /^[a-z]+\\/"[^"]*"$/i; // checks the "${i}" path segments\n`,
  (i) =>
    `function render${i}(items: string[]): string {\n  /* escape the items before joining,\n     otherwise HTML in names breaks the page */\n  return \`<ul>\${items.map((x) => \`<li>\${x}</li>\`).join('')}</ul>\`;\n}\n\n`,
  (i) => `if (count${i % 7} > ${i} && flag) {\n  total += ratio / 3; // avoids a rounding issue\n}\n`,
  (i) => `export const config${i} = { url: "https://example.com/api/${i}", retries: ${i % 5}, verbose: false };\n`,
  (i) =>
    `export async function load${i}(id: string): Promise<Item${i % 4} | undefined> {\n  const response = await fetch(\`/api/items/\${encodeURIComponent(id)}\`);\n  if (!response.ok) {\n    logger.warn('load failed: %s (%d)', id, response.status);\n    return undefined;\n  }\n  return (await response.json()) as Item${i % 4};\n}\n\n`,
  (i) => `type Shape${i} = { kind: 'circle'; radius: number } | { kind: 'square'; side: number };\n`,
];

/** Comments carrying tags, and strings that contain tag words but are not comments. */
const TAGGED: ((i: number) => string)[] = [
  (i) => `function parse${i}(s: string) {\n  // TODO(alice): handle negative numbers in part ${i}\n  return s.split(';');\n}\n\n`,
  (i) => `const message${i} = 'TODO: this text is a string, not a comment (${i})';\n`,
  (i) => `/*\n * FIXME: the retry below can loop forever when the server keeps returning 503 (${i})\n */\nretry${i}();\n`,
  (i) => `total${i} += ratio / 3; // HACK: avoids a rounding issue\n`,
];

/**
 * ~`bytes` of TypeScript. One chunk in `tagEvery` holds a tag (in a comment, or in a string that must not
 * match); real code has a tag every few hundred lines at most.
 */
export function generateSource(bytes: number, tagEvery = 25): string {
  const chunks: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const chunk =
      i % tagEvery === tagEvery - 1 ? TAGGED[((i / tagEvery) % TAGGED.length) | 0](i) : PLAIN[(i * 7 + (i >> 3)) % PLAIN.length](i);
    chunks.push(chunk);
    size += chunk.length;
  }
  return chunks.join('');
}

/** Median milliseconds of `run`, after warm-up runs that let the JIT settle. */
function timeMedian(run: () => unknown, warmups: number, runs: number): number {
  for (let i = 0; i < warmups; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export async function runCodelensBench(): Promise<BenchRow[]> {
  const fileSymbols = symbolsForLines(20_000);
  const lensMs = timeMedian(() => computeSymbolLenses(fileSymbols, LENS_OPTIONS), 20, 51);

  const thousand = symbolsByCount(1_000);
  const thousandMs = timeMedian(() => computeSymbolLenses(thousand, LENS_OPTIONS), 20, 51);

  const scan = (tagEvery: number): { megabytes: number; lines: number; found: number; mbPerSecond: number } => {
    const source = generateSource(12 * 1024 * 1024, tagEvery);
    const megabytes = source.length / (1024 * 1024); // ASCII source: one byte per character
    let found = 0;
    const ms = timeMedian(() => (found = scanTodos(source, { languageId: 'typescript' }).length), 2, 9);
    if (found === 0) throw new Error('The TODO bench source should contain TODOs in comments.');
    const lines = source.split('\n').length;
    return { megabytes, lines, found, mbPerSecond: round(megabytes / (ms / 1000), 1) };
  };
  const typical = scan(25);
  const dense = scan(1);

  return [
    {
      name: `lens computation, 20,000-line TS file (given its ${countSymbols(fileSymbols)} symbols)`,
      value: round(lensMs, 3),
      unit: 'ms',
      budget: 5,
      better: 'lower',
    },
    {
      name: `TODO scan throughput (${typical.megabytes.toFixed(1)} MB of TypeScript, a tag every ~${Math.round(typical.lines / typical.found)} lines)`,
      value: typical.mbPerSecond,
      unit: 'MB/s',
      budget: 100,
      better: 'higher',
    },
    {
      name: 'lens computation, 1,000 symbols',
      value: round(thousandMs, 3),
      unit: 'ms',
      budget: 10,
      better: 'lower',
    },
    {
      // Far denser than real code: shows the cost per tag, not a budget.
      name: `TODO scan throughput, tag-dense worst case (a tag every ~${Math.round(dense.lines / dense.found)} lines)`,
      value: dense.mbPerSecond,
      unit: 'MB/s',
      better: 'higher',
    },
  ];
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
