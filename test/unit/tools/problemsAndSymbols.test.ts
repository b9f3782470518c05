import assert from 'node:assert/strict';
import { MAX_PROBLEMS, formatProblems, type ProblemInfo } from '../../../src/core/tools/problems';
import { MAX_SYMBOLS, formatSymbols, type SymbolInfo } from '../../../src/core/tools/symbols';

const problem = (path: string, line: number, severity: ProblemInfo['severity'], message: string, source?: string): ProblemInfo => ({
  path,
  line,
  column: 3,
  severity,
  message,
  source,
});

/** The workspace is /ws; /ws/secret.env is protected; anything else outside is invisible. */
const displayPathOf = (abs: string) => (abs.startsWith('/ws/') && !abs.endsWith('.env') ? abs.slice(4) : undefined);

describe('tools/problems', () => {
  it('lists errors before warnings, each as path:line:column: severity: message [source code]', () => {
    const problems: ProblemInfo[] = [
      problem('/ws/src/b.ts', 4, 'warning', "'x' is never read.", 'ts'),
      problem('/ws/src/a.ts', 20, 'error', "Cannot find name 'y'.", 'ts'),
      { ...problem('/ws/src/a.ts', 2, 'error', 'Missing semicolon.', 'eslint'), code: 'semi' },
      problem('/ws/src/a.ts', 1, 'hint', 'Could be const.'),
      problem('/ws/src/a.ts', 1, 'info', 'FYI.'),
    ];
    const result = formatProblems(problems, displayPathOf, 'the workspace');
    assert.equal(
      result.output,
      [
        '2 errors, 1 warning in the workspace:',
        'src/a.ts:2:3: error: Missing semicolon. [eslint semi]',
        "src/a.ts:20:3: error: Cannot find name 'y'. [ts]",
        "src/b.ts:4:3: warning: 'x' is never read. [ts]",
      ].join('\n'),
    );
    assert.equal(result.summary, 'the workspace: 2 errors, 1 warning in 2 files');
    assert.equal(result.truncated, false);
  });

  it('leaves out files outside the workspace and those the model must not see', () => {
    const result = formatProblems(
      [problem('/elsewhere/x.ts', 1, 'error', 'outside'), problem('/ws/secret.env', 1, 'error', 'Unexpected token sk-live-123')],
      displayPathOf,
      'the workspace',
    );
    assert.equal(result.output, 'No errors or warnings in the workspace.');
    assert.doesNotMatch(result.output + result.summary, /sk-live|outside/);
  });

  it('says that infos and hints exist when there is nothing worse', () => {
    const result = formatProblems([problem('/ws/a.ts', 1, 'hint', 'h'), problem('/ws/a.ts', 2, 'info', 'i')], displayPathOf, 'a.ts');
    assert.equal(result.output, 'No errors or warnings in a.ts (2 infos or hints not listed).');
    assert.equal(result.summary, 'a.ts: 0 errors, 0 warnings');
  });

  it('keeps every problem on one line and cuts long messages', () => {
    const result = formatProblems(
      [problem('/ws/a.ts', 1, 'error', `Type '{ a: string; }' is not assignable.\n  Property 'b' is missing.\n${'x'.repeat(1000)}`)],
      displayPathOf,
      'a.ts',
    );
    const [, line] = result.output.split('\n');
    assert.match(line, /^a\.ts:1:3: error: Type '\{ a: string; \}' is not assignable\. Property 'b' is missing\. x+…$/);
    assert.equal(result.output.split('\n').length, 2);
  });

  it(`lists at most ${MAX_PROBLEMS}, errors first, with a note`, () => {
    const many = [
      ...Array.from({ length: 300 }, (_, i) => problem('/ws/w.ts', i + 1, 'warning', 'w')),
      ...Array.from({ length: 10 }, (_, i) => problem('/ws/z.ts', i + 1, 'error', 'e')),
    ];
    const result = formatProblems(many, displayPathOf, 'the workspace');
    const lines = result.output.split('\n');
    assert.equal(lines.length, MAX_PROBLEMS + 2);
    assert.ok(
      lines.slice(1, 11).every((l) => l.includes(': error: ')),
      'the errors are kept',
    );
    assert.equal(lines.at(-1), '(110 more not listed: ask for the problems of one file or folder with "path".)');
    assert.ok(result.truncated);
    assert.equal(result.total, 310);
  });
});

describe('tools/symbols', () => {
  const outline: SymbolInfo[] = [
    { kind: 'function', name: 'main', startLine: 42, endLine: 60 },
    {
      kind: 'class',
      name: 'Cart',
      startLine: 3,
      endLine: 40,
      children: [
        { kind: 'method', name: 'add', startLine: 5, endLine: 12 },
        { kind: 'property', name: 'items', startLine: 4, endLine: 4 },
      ],
    },
  ];

  it('writes the outline in line order, children indented, with kinds and line ranges', () => {
    const result = formatSymbols('src/cart.ts', outline);
    assert.equal(
      result.output,
      [
        'Outline of src/cart.ts (4 symbols):',
        'class Cart (lines 3-40)',
        '  property items (line 4)',
        '  method add (lines 5-12)',
        'function main (lines 42-60)',
      ].join('\n'),
    );
    assert.equal(result.summary, 'src/cart.ts: 4 symbols');
    assert.equal(outline[0].name, 'main', "the adapter's list is not reordered");
  });

  it('tells a file without symbols from a language without an outline', () => {
    assert.equal(formatSymbols('a.txt', []).output, 'a.txt has no symbols.');
    const none = formatSymbols('a.xyz', undefined);
    assert.match(none.output, /^No outline is available for a\.xyz: .*Use read_file instead\.$/);
    assert.equal(none.summary, 'a.xyz: no outline');
  });

  it(`lists at most ${MAX_SYMBOLS} symbols with a note, and flattens names to one line`, () => {
    const many: SymbolInfo[] = Array.from({ length: 700 }, (_, i) => ({
      kind: 'variable',
      name: `v${i}\nwith newline`,
      startLine: i + 1,
      endLine: i + 1,
    }));
    const result = formatSymbols('gen.ts', many);
    const lines = result.output.split('\n');
    assert.equal(lines.length, MAX_SYMBOLS + 2);
    assert.equal(lines[1], 'variable v0 with newline (line 1)');
    assert.equal(lines.at(-1), '(200 more symbols not listed: read the file for the rest.)');
    assert.ok(result.truncated);
  });

  it('stops at a depth no outline has (a provider that nests without end)', () => {
    let deep: SymbolInfo = { kind: 'namespace', name: 'n', startLine: 1, endLine: 2 };
    for (let i = 0; i < 100_000; i++) deep = { kind: 'namespace', name: 'n', startLine: 1, endLine: 2, children: [deep] };
    assert.doesNotThrow(() => formatSymbols('deep.ts', [deep]));
  });
});
