import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { searchText, SLOW_SCAN_NOTE, compileQuery } from '../../../src/core/tools/searchText';
import { parseToolArguments, type SearchTextArgs } from '../../../src/core/tools/toolDefinitions';
import type { ToolOutcome } from '../../../src/core/tools/toolTypes';
import { createToolWorkspace, HIDDEN_FILES, ripgrepBinaries, type ToolWorkspace } from './toolWorkspace';

function args(json: object): SearchTextArgs {
  const parsed = parseToolArguments('search_text', JSON.stringify(json));
  if (!parsed.ok || parsed.call.name !== 'search_text') throw new Error('bad test arguments');
  return parsed.call.args;
}

describe('tools/searchText', () => {
  let ws: ToolWorkspace;
  before(async () => {
    ws = await createToolWorkspace();
  });
  after(async () => {
    await ws.remove();
  });

  const search = (json: object, ripgrepPath?: string, signal = new AbortController().signal): Promise<ToolOutcome> =>
    searchText(args(json), { roots: [ws.root], filterFor: async () => ws.filter, fs: ws.access().fs, ripgrepPath }, signal);

  const EXPECTED_NEEDLE = [
    '5 matches in 4 files for "needle":',
    '.github/workflows/ci.yml:1: name: needle-ci',
    '--',
    'docs/readme.md-2- ',
    'docs/readme.md:3: Find the needle here.',
    'docs/readme.md-4- And nothing here.',
    '--',
    'src/app.ts-1- import x from "y";',
    'src/app.ts:2: const needle = 1;',
    'src/app.ts:3: export default needle;',
    'src/app.ts-4- // end',
    '--',
    'src/util/strings.ts-2- line two',
    'src/util/strings.ts:3: A Needle in capitals',
    'src/util/strings.ts-4- line four',
  ].join('\n');

  for (const rg of ripgrepBinaries()) {
    describe(`with ripgrep ${rg.includes('code-server') ? "(code-server's)" : '(the system one)'}`, () => {
      it('finds the matches with context, and nothing ignored, protected, binary or outside', async () => {
        const outcome = await search({ query: 'needle' }, rg);
        assert.equal(outcome.status, 'done');
        assert.equal(outcome.output, EXPECTED_NEEDLE);
        assert.equal(outcome.summary, '"needle": 5 matches in 4 files');
        assert.deepEqual(outcome.reads, [
          { path: '.github/workflows/ci.yml', startLine: 1, endLine: 1 },
          { path: 'docs/readme.md', startLine: 2, endLine: 4 },
          { path: 'src/app.ts', startLine: 1, endLine: 4 },
          { path: 'src/util/strings.ts', startLine: 2, endLine: 4 },
        ]);
      });

      it('is case-sensitive when the query has a capital, and takes a regex and a glob', async () => {
        const capital = await search({ query: 'Needle' }, rg);
        assert.match(
          capital.output,
          /^1 match in 1 file for "Needle":\nsrc\/util\/strings\.ts-2- line two\nsrc\/util\/strings\.ts:3: A Needle/,
        );
        const regex = await search({ query: 'const\\s+ne+dle', isRegex: true, glob: '*.ts' }, rg);
        assert.equal(
          regex.output.split('\n')[0],
          '1 match in 1 file for the regular expression "const\\\\s+ne+dle" in files matching "*.ts":',
        );
        const globbed = await search({ query: 'needle', glob: 'docs/**' }, rg);
        assert.match(globbed.output, /^1 match in 1 file/);
      });

      it('never finds what a glob asks for in an ignored, protected or outside place', async () => {
        for (const glob of [
          '.env',
          '**/.env*',
          'build/**',
          'private/*',
          '*.pem',
          'link-*',
          'link-dir/**',
          '.git/**',
          '*.log',
          'secret-plan.md',
        ]) {
          const outcome = await search({ query: 'needle', glob }, rg);
          assert.match(outcome.output, /^No matches for "needle" in files matching/, `glob ${glob}: ${outcome.output}`);
        }
      });

      it('checks every reported file itself: nothing hidden comes back even with no exclude globs at all', async () => {
        const leaky = Object.create(ws.filter, { ripgrepExcludeGlobs: { value: () => [] } });
        const outcome = await searchText(
          args({ query: 'needle' }),
          { roots: [ws.root], filterFor: async () => leaky, fs: ws.access().fs, ripgrepPath: rg },
          new AbortController().signal,
        );
        assert.equal(outcome.output, EXPECTED_NEEDLE);
      });

      it('stops at maxResults with a note', async () => {
        const outcome = await search({ query: 'needle', maxResults: 2 }, rg);
        assert.match(outcome.output, /^2 matches in [12] files? for "needle":/);
        assert.match(outcome.output, /\(Stopped at 2 matches; there may be more\. .*"maxResults" \(up to 200\)\.\)$/);
        assert.equal(outcome.truncated, true);
      });

      it('answers a regex ripgrep cannot read with its error, as a refusal', async () => {
        const outcome = await search({ query: 'a(b', isRegex: true }, rg);
        assert.equal(outcome.status, 'refused');
        assert.match(outcome.output, /^Invalid regular expression "a\(b": .*unclosed group/is);
      });

      it('treats a query that looks like an option as text', async () => {
        const outcome = await search({ query: '--files' }, rg);
        assert.equal(outcome.output, 'No matches for "--files".');
      });

      it('stops when the signal aborts', async () => {
        const controller = new AbortController();
        controller.abort();
        assert.equal((await search({ query: 'needle' }, rg, controller.signal)).status, 'failed');
      });
    });
  }

  describe('without ripgrep (the JavaScript scan)', () => {
    it('finds exactly what ripgrep finds, and says it scanned slowly', async () => {
      const outcome = await search({ query: 'needle' });
      assert.equal(outcome.output, `${SLOW_SCAN_NOTE}\n${EXPECTED_NEEDLE}`);
      assert.equal(outcome.summary, '"needle": 5 matches in 4 files (slower scan)');
    });

    it('gives the same answers as ripgrep for case, regex, glob and limits', async function () {
      const [rg] = ripgrepBinaries();
      if (!rg) this.skip();
      const queries = [
        { query: 'Needle' },
        { query: 'NEEDLE' },
        { query: 'line', maxResults: 3 },
        { query: 'l[io]ne\\s+t', isRegex: true },
        { query: '\\w+dle\\b', isRegex: true, glob: 'src/**/*.ts' },
        { query: 'needle', glob: '*.md' },
        { query: 'nothing at all' },
      ];
      for (const q of queries) {
        const fast = await search(q, rg);
        const slow = await search(q);
        assert.equal(slow.output, `${SLOW_SCAN_NOTE}\n${fast.output}`, JSON.stringify(q));
      }
    });

    it('never returns a hidden file, whatever the glob', async () => {
      for (const glob of [undefined, '**', '.env', '*.pem', 'build/**', 'link-out.txt']) {
        const outcome = await search({ query: 'needle', ...(glob ? { glob } : {}) });
        const found = outcome.output.split('\n').slice(2); // after the note and the count
        for (const hidden of [
          ...Object.keys(HIDDEN_FILES),
          'link-out.txt',
          'link-dir',
          'image.png',
          'notes.txt',
          'public-notes.txt',
          'src/alias.ts',
        ]) {
          assert.ok(!found.some((line) => line.startsWith(hidden)), `${hidden} appeared for glob ${glob}`);
        }
        assert.doesNotMatch(found.join('\n'), /secret|outside/);
        assert.equal(found.length, glob === undefined || glob === '**' ? 14 : 0, outcome.output);
      }
    });

    it('refuses a regex JavaScript cannot read', async () => {
      const outcome = await search({ query: 'a(b', isRegex: true });
      assert.equal(outcome.status, 'refused');
      assert.match(outcome.output, /^Invalid regular expression "a\(b": /);
    });
  });

  describe('long lines', () => {
    it('shows a window around a match far into a long line, in both searches', async () => {
      const path = join(ws.root.fsPath, 'src/minified.js');
      await writeFile(path, `${'x'.repeat(5000)}needle${'y'.repeat(5000)}\n`);
      try {
        const outcomes = [await search({ query: 'needle', glob: '*.js' })];
        for (const rg of ripgrepBinaries()) outcomes.push(await search({ query: 'needle', glob: '*.js' }, rg));
        for (const outcome of outcomes) {
          const line = outcome.output.split('\n').find((l) => l.startsWith('src/minified.js:1: '))!;
          assert.ok(line, outcome.output);
          assert.match(line, /^src\/minified\.js:1: …x{100}needley{194}…$/);
        }
      } finally {
        await writeFile(path, '');
      }
    });
  });

  describe('compileQuery', () => {
    it('uses smart case like ripgrep: escapes do not count as capitals', () => {
      const flags = (q: string, isRegex: boolean) => {
        const c = compileQuery(q, isRegex);
        return c.ok ? c.regex.flags.includes('i') : undefined;
      };
      assert.equal(flags('needle', false), true);
      assert.equal(flags('Needle', false), false);
      assert.equal(flags('\\W+needle\\S', true), true);
      assert.equal(flags('\\p{Lu}x', true), true);
      assert.equal(flags('[A-Z]x', true), false);
      assert.equal(
        flags('a.b', false) && compileQuery('a.b', false).ok && (compileQuery('a.b', false) as { regex: RegExp }).regex.test('axb'),
        false,
      );
    });
  });
});
