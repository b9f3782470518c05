import assert from 'node:assert/strict';
import { formatChanges, hasChanges, utf8Prefix, type RepositoryChanges } from '../../../src/core/prompts';

const repo = (over: Partial<RepositoryChanges> = {}): RepositoryChanges => ({
  name: 'app',
  staged: '',
  unstaged: '',
  untracked: [],
  ...over,
});
const STAGED = 'diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-old\n+new\n';

describe('prompts/workingTreeChanges', () => {
  it('hasChanges: a staged or unstaged diff or an untracked file', () => {
    assert.equal(hasChanges(repo()), false);
    assert.equal(hasChanges(repo({ staged: '  \n' })), false);
    assert.equal(hasChanges(repo({ staged: STAGED })), true);
    assert.equal(hasChanges(repo({ unstaged: STAGED })), true);
    assert.equal(hasChanges(repo({ untracked: ['n.ts'] })), true);
  });

  it('formats each changed repository: staged, not staged, untracked by name; unchanged ones are left out', () => {
    const { text, cut } = formatChanges([
      repo({ staged: STAGED, untracked: ['b.ts', 'c/d.ts'] }),
      repo({ name: 'empty' }),
      repo({ name: 'lib', unstaged: '+x\n' }),
    ]);
    assert.equal(cut, false);
    assert.equal(
      text,
      [
        'Repository: app',
        'Staged:',
        '```diff',
        STAGED + '```',
        'Untracked files (new, not in the diff; read them from the workspace): b.ts, c/d.ts',
        '',
        'Repository: lib',
        'Not staged:',
        '```diff',
        '+x',
        '```',
      ].join('\n'),
    );
    assert.equal(formatChanges([repo()]).text, '');
  });

  it('fences a diff that holds backticks with a longer fence', () => {
    const { text } = formatChanges([repo({ unstaged: '+const s = ```;\n' })]);
    assert.ok(text.includes('````diff\n+const s = ```;\n````'));
  });

  it('cuts at the budget at a line end and says how much was shown and how to see the rest', () => {
    const big = Array.from({ length: 2000 }, (_, i) => `+line ${i}`).join('\n') + '\n';
    const { text, cut } = formatChanges([repo({ staged: STAGED, unstaged: big })], 4096);
    assert.equal(cut, true);
    assert.ok(text.includes(STAGED), 'the staged diff fits and is whole');
    const shown = text.split('Not staged:\n```diff\n')[1].split('\n```')[0];
    assert.ok(shown.length > 0 && shown.length <= 4096 - STAGED.length);
    assert.ok(big.startsWith(shown + '\n'), 'a whole-line prefix');
    assert.match(text, /\(Not staged cut: 4 KB of 2\d KB shown\. Run `git diff` for all of it\.\)$/);
  });

  it('names the repository in the cut note when there are several, and notes a diff with nothing left', () => {
    const { text } = formatChanges([repo({ name: 'a', staged: 'x'.repeat(50) + '\n' }), repo({ name: 'b', unstaged: '+y\n' })], 20);
    assert.match(text, /Staged: \(Staged cut: 0 KB of 1 KB shown\. Run `git diff --cached` in a for all of it\.\)/);
    assert.match(text, /Not staged: \(Not staged cut: 0 KB of 1 KB shown\. Run `git diff` in b for all of it\.\)/);
  });

  it('lists at most 200 untracked files, then counts', () => {
    const untracked = Array.from({ length: 205 }, (_, i) => `f${i}`);
    assert.match(formatChanges([repo({ untracked })]).text, /f199, and 5 more$/);
  });

  it('utf8Prefix never splits a character or a surrogate pair', () => {
    assert.equal(utf8Prefix('aé😀b', 1), 'a');
    assert.equal(utf8Prefix('aé😀b', 2), 'a');
    assert.equal(utf8Prefix('aé😀b', 3), 'aé');
    assert.equal(utf8Prefix('aé😀b', 6), 'aé');
    assert.equal(utf8Prefix('aé😀b', 7), 'aé😀');
    assert.equal(utf8Prefix('aé😀b', 100), 'aé😀b');
  });
});
