import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MAX_LINE_CHARS,
  MAX_READ_BYTES,
  MAX_READ_LINES,
  looksBinary,
  numberedLines,
  readFileOutcome,
  splitLines,
  unreadableReason,
} from '../../../src/core/tools/readFile';

const lines = (n: number, make = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => make(i + 1)).join('\n') + '\n';

describe('tools/readFile', () => {
  describe('numberedLines', () => {
    it('numbers every line and gives the total', () => {
      const result = numberedLines('src/a.ts', 'first\nsecond\r\nthird\n');
      assert.deepEqual(result, {
        ok: true,
        output: 'src/a.ts (lines 1-3 of 3):\n    1| first\n    2| second\n    3| third',
        startLine: 1,
        endLine: 3,
        totalLines: 3,
        truncated: false,
      });
    });

    it('reads a range, 1-based and inclusive, and clamps an end past the last line (saying so)', () => {
      const text = lines(20);
      const middle = numberedLines('a.txt', text, { startLine: 5, endLine: 7 });
      assert.ok(middle.ok);
      assert.equal(middle.output, 'a.txt (lines 5-7 of 20):\n    5| line 5\n    6| line 6\n    7| line 7');
      const pastEnd = numberedLines('a.txt', text, { startLine: 19, endLine: 500 });
      assert.ok(pastEnd.ok);
      assert.equal(pastEnd.output, 'a.txt (lines 19-20 of 20):\n   19| line 19\n   20| line 20\n(The file ends at line 20.)');
      const fromStart = numberedLines('a.txt', text, { endLine: 1 });
      assert.ok(fromStart.ok && fromStart.endLine === 1);
    });

    it('refuses a start past the end with the line count', () => {
      assert.deepEqual(numberedLines('a.txt', lines(3), { startLine: 4 }), {
        ok: false,
        error: 'startLine 4 is past the end of a.txt, which has 3 lines.',
      });
    });

    it('says when a file is empty', () => {
      const empty = numberedLines('e.txt', '');
      assert.ok(empty.ok);
      assert.equal(empty.output, 'e.txt is empty (0 lines).');
      assert.equal(numberedLines('e.txt', '', { startLine: 2 }).ok, false);
    });

    it(`cuts at ${MAX_READ_LINES} lines with a note that says where to go on`, () => {
      const result = numberedLines('big.txt', lines(MAX_READ_LINES + 500), { startLine: 10 });
      assert.ok(result.ok && result.truncated);
      assert.equal(result.endLine, 10 + MAX_READ_LINES - 1);
      const out = result.output.split('\n');
      assert.equal(out[0], `big.txt (lines 10-${MAX_READ_LINES + 9} of ${MAX_READ_LINES + 500}):`);
      assert.equal(out.length, MAX_READ_LINES + 2);
      assert.equal(
        out.at(-1),
        `(Cut at the limit of ${MAX_READ_LINES} lines per read. To read on, call read_file with startLine ${MAX_READ_LINES + 10}.)`,
      );
    });

    it('cuts at 100 KB before the line limit when lines are long', () => {
      const result = numberedLines(
        'wide.txt',
        lines(1000, () => 'x'.repeat(500)),
      );
      assert.ok(result.ok && result.truncated);
      assert.ok(result.endLine < 1000 && result.endLine > 150, `ended at ${result.endLine}`);
      const shownText = result.output
        .split('\n')
        .slice(1, -1)
        .map((l) => l.replace(/^ *\d+\| /, ''));
      assert.ok(Buffer.byteLength(shownText.join('\n')) + 1 <= MAX_READ_BYTES, 'the limit counts the file text');
      assert.ok(Buffer.byteLength(shownText.join('\n')) + 502 > MAX_READ_BYTES, 'and stops only when the next line would not fit');
      assert.match(
        result.output,
        new RegExp(`Cut at the limit of 100 KB per read\\. To read on, call read_file with startLine ${result.endLine + 1}\\.\\)$`),
      );
    });

    it('reads a file of exactly 100 KB whole (the line numbers do not count)', () => {
      const text = lines(1024, () => 'y'.repeat(99)); // 1024 lines of 100 bytes with their line breaks
      assert.equal(Buffer.byteLength(text), MAX_READ_BYTES);
      const result = numberedLines('exact.txt', text);
      assert.ok(result.ok && !result.truncated && result.endLine === 1024);
    });

    it('cuts a very long line (minified code) instead of sending it whole', () => {
      const result = numberedLines('min.js', 'a'.repeat(1_000_000));
      assert.ok(result.ok);
      assert.ok(result.output.length < MAX_LINE_CHARS + 100);
      assert.match(result.output, /… \[line cut: 1000000 characters\]$/);
    });

    it('drops a byte order mark and splits \\n, \\r\\n and a lone \\r like VS Code', () => {
      assert.deepEqual(splitLines('a\r\nb\rc\nd'), ['a', 'b', 'c', 'd']);
      assert.deepEqual(splitLines('a\n\n'), ['a', '']);
      const result = numberedLines('bom.txt', '\ufeffhello\n');
      assert.ok(result.ok);
      assert.equal(result.output, 'bom.txt (lines 1-1 of 1):\n    1| hello');
    });

    it('widens the number column for files of 100,000 lines or more', () => {
      const result = numberedLines('huge.txt', lines(100_001), { startLine: 100_000 });
      assert.ok(result.ok);
      assert.equal(result.output.split('\n')[2], '100001| line 100001');
    });
  });

  describe('looksBinary', () => {
    it('sees a NUL byte in the first 8 KB', () => {
      assert.ok(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])));
      assert.ok(looksBinary(Buffer.concat([Buffer.from('text '.repeat(1000)), Buffer.from([0])])));
    });
    it('sees bytes that are mostly not UTF-8 text', () => {
      const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
      assert.ok(looksBinary(random));
    });
    it('takes UTF-8, empty files and Latin-1 text with a few accents as text', () => {
      assert.ok(!looksBinary(Buffer.from('const s = "héllo wörld ✓ 😀";\n'.repeat(100))));
      assert.ok(!looksBinary(Buffer.alloc(0)));
      assert.ok(!looksBinary(Buffer.from('Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9 of the project\n'.repeat(20), 'latin1')));
      assert.ok(!looksBinary(Buffer.from('\x1b[31mred\x1b[0m\ttab\fform feed\n')), 'escape codes in a log');
    });
    it('looks only at the first 8 KB', () => {
      assert.ok(!looksBinary(Buffer.concat([Buffer.from('a'.repeat(8192)), Buffer.from([0])])));
    });
  });

  describe('reading from disk', () => {
    let folder: string;
    before(async () => {
      folder = await mkdtemp(join(tmpdir(), 'read-file-'));
      await writeFile(join(folder, 'a.txt'), lines(30));
      await writeFile(join(folder, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 73, 72, 68, 82]));
      await mkdir(join(folder, 'dir'));
    });
    after(async () => {
      await rm(folder, { recursive: true, force: true });
    });

    it('answers with the lines, a summary with range and size, and what was read', async () => {
      const outcome = await readFileOutcome(fs, join(folder, 'a.txt'), 'a.txt', { startLine: 2, endLine: 4 });
      assert.deepEqual(outcome, {
        status: 'done',
        output: 'a.txt (lines 2-4 of 30):\n    2| line 2\n    3| line 3\n    4| line 4',
        summary: 'a.txt lines 2-4 of 30, 1 KB',
        truncated: undefined,
        reads: [{ path: 'a.txt', startLine: 2, endLine: 4 }],
      });
    });

    it('refuses a binary file, a folder, a missing file and a start past the end, each saying why', async () => {
      const binary = await readFileOutcome(fs, join(folder, 'image.png'), 'image.png', {});
      assert.equal(binary.status, 'refused');
      assert.equal(binary.output, 'image.png is a binary file: read_file reads only text files.');
      const dir = await readFileOutcome(fs, join(folder, 'dir'), 'dir', {});
      assert.equal(dir.status, 'refused');
      assert.match(dir.output, /^dir is a folder, not a file: use list_files/);
      const missing = await readFileOutcome(fs, join(folder, 'nope.txt'), 'nope.txt', {});
      assert.equal(missing.status, 'refused');
      assert.equal(missing.output, 'nope.txt: file not found or ignored.');
      const past = await readFileOutcome(fs, join(folder, 'a.txt'), 'a.txt', { startLine: 31 });
      assert.equal(past.status, 'refused');
      assert.equal(past.output, 'startLine 31 is past the end of a.txt, which has 30 lines.');
    });

    it('refuses a file above the size limit before reading it', async () => {
      const stat = async () => ({ isDirectory: () => false, isFile: () => true, size: 21 * 1024 * 1024 }) as import('node:fs').Stats;
      const reason = await unreadableReason({ stat, readFile: () => assert.fail('read') }, '/x/big.log', 'big.log');
      assert.match(reason ?? '', /^big\.log is too large to read \(21\.0 MB; the limit is 20\.0 MB\)/);
    });
  });
});
