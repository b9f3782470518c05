import assert from 'node:assert/strict';
import { fuzzyScore, prepareQuery } from '../../../src/core/tools/fuzzyMatch';

const score = (query: string, target: string): number | undefined => fuzzyScore(prepareQuery(query), target, target.toLowerCase());

/** The targets that match, best first (ties: shorter, then alphabetical, as the index orders them). */
function rank(query: string, targets: string[]): string[] {
  return targets
    .map((target) => ({ target, score: score(query, target) }))
    .filter((r): r is { target: string; score: number } => r.score !== undefined)
    .sort((a, b) => b.score - a.score || a.target.length - b.target.length || (a.target < b.target ? -1 : 1))
    .map((r) => r.target);
}

describe('fuzzyMatch', () => {
  it('matches a subsequence, case-insensitively, and nothing else', () => {
    assert.notEqual(score('fidx', 'src/fileIndex.ts'), undefined);
    assert.notEqual(score('FIDX', 'src/fileindex.ts'), undefined);
    assert.equal(score('xdif', 'src/fileIndex.ts'), undefined, 'order matters');
    assert.equal(score('fileIndexes', 'src/fileIndex.ts'), undefined, 'every character is needed');
    assert.equal(score('zz', 'src/fileIndex.ts'), undefined);
    assert.equal(score('a-very-long-query', 'short'), undefined);
  });

  it('an empty or blank query matches everything with score 0', () => {
    assert.equal(score('', 'src/a.ts'), 0);
    assert.equal(score('   ', 'src/a.ts'), 0);
  });

  it('ignores spaces, reads backslashes as slashes and drops a leading ./', () => {
    assert.equal(prepareQuery(' src\\ui app ').text, 'src/uiapp');
    assert.equal(prepareQuery('./src').text, 'src');
    assert.equal(score('src\\ui', 'src/ui/app.ts'), score('src/ui', 'src/ui/app.ts'));
  });

  it("prefers the file's name to its folders", () => {
    assert.deepEqual(rank('conf', ['conf/src/x.ts', 'src/config.ts']), ['src/config.ts', 'conf/src/x.ts']);
    assert.deepEqual(rank('app', ['app/src/main/index.ts', 'src/ui/app.ts']), ['src/ui/app.ts', 'app/src/main/index.ts']);
    // The same letters in the middle of a word, in a folder or in the name (same length; the tie would go to the folder).
    assert.deepEqual(rank('conf', ['x/myconf/a.ts', 'x/z/myconf.ts']), ['x/z/myconf.ts', 'x/myconf/a.ts']);
  });

  it('prefers consecutive characters to scattered ones', () => {
    assert.deepEqual(rank('index', ['src/i_n_d_e_x.ts', 'src/index.ts']), ['src/index.ts', 'src/i_n_d_e_x.ts']);
    assert.deepEqual(rank('test', ['lib/tiny_est.ts', 'lib/test.ts']), ['lib/test.ts', 'lib/tiny_est.ts']);
  });

  it('prefers starts of words: after / . - _ and camel humps', () => {
    assert.deepEqual(rank('fx', ['fox.ts', 'file_x.ts']), ['file_x.ts', 'fox.ts']);
    assert.deepEqual(rank('ai', ['again.ts', 'atomicIndex.ts']), ['atomicIndex.ts', 'again.ts']);
    assert.deepEqual(rank('rm', ['charm.md', 'read-me.md']), ['read-me.md', 'charm.md']);
    assert.deepEqual(rank('tc', ['src/static.ts', 'src/tool.call.ts']), ['src/tool.call.ts', 'src/static.ts']);
  });

  it('finds the best alignment, not the first one', () => {
    // A greedy match would take the "s" and "r" of "src/"; the best one is the name "sr.ts" (consecutive, name).
    assert.ok(score('sr', 'src/x/sr.ts')! > score('sr', 'src/x/other.ts')!);
    assert.deepEqual(rank('sr', ['src/x/other.ts', 'src/x/sr.ts']), ['src/x/sr.ts', 'src/x/other.ts']);
  });

  it('rewards the whole name, then the name without its extension, then its beginning', () => {
    assert.deepEqual(rank('index.ts', ['src/index.tsx', 'src/index.ts']), ['src/index.ts', 'src/index.tsx']);
    assert.deepEqual(rank('index', ['src/indexer.ts', 'src/index.ts']), ['src/index.ts', 'src/indexer.ts']);
    assert.deepEqual(rank('read', ['docs/thread.md', 'README.md']), ['README.md', 'docs/thread.md']);
  });

  it('matches across folders when the query names them', () => {
    assert.deepEqual(rank('ui/app', ['src/utils/i/app.ts', 'src/ui/app.ts', 'src/app.ts']), ['src/ui/app.ts', 'src/utils/i/app.ts']);
  });

  it('gives exact case a small edge', () => {
    assert.ok(score('Index', 'src/Index.ts')! > score('Index', 'src/index.ts')!);
  });

  it('scores paths longer than its buffers (they grow)', () => {
    const long = 'a/'.repeat(400) + 'needle.ts';
    assert.notEqual(score('needle', long), undefined);
    assert.equal(score('needle', 'src/needle.ts'), score('needle', 'src/needle.ts'), 'the same after growing');
  });

  it('gives the same score whatever was scored before (no state leaks between calls)', () => {
    const before = score('fidx', 'src/core/tools/fileIndex.ts');
    score('abcdefghij', 'a/b/c/d/e/f/g/h/i/j/abcdefghij.ts');
    score('x', 'x'.repeat(1000));
    assert.equal(score('fidx', 'src/core/tools/fileIndex.ts'), before);
  });
});
