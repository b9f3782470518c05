/** Where an `@` mention is being typed in the message box (mentionQuery.ts), in Node. */
import { strict as assert } from 'node:assert';
import { mentionAt } from '../../../src/ui/mentionQuery';

/** `|` marks the caret. */
function at(textWithCaret: string) {
  const caret = textWithCaret.indexOf('|');
  return mentionAt(textWithCaret.replace('|', ''), caret);
}

describe('mentionAt (the @ being typed)', () => {
  it('finds an @ at the start or after whitespace, with the text up to the caret', () => {
    assert.deepEqual(at('@|'), { start: 0, end: 1, query: '' });
    assert.deepEqual(at('see @src/ap|'), { start: 4, end: 11, query: 'src/ap' });
    assert.deepEqual(at('line one\n@problems:work|'), { start: 9, end: 23, query: 'problems:work' });
    assert.deepEqual(at('a\t@x|y'), { start: 2, end: 4, query: 'x' }, 'only up to the caret');
  });

  it('is no mention inside a word, after a space past it, or with another @ in it', () => {
    assert.equal(at('mail me@example.com|'), undefined);
    assert.equal(at('@src/app.ts |'), undefined);
    assert.equal(at('@a@b|'), undefined);
    assert.equal(at('plain text|'), undefined);
    assert.equal(at('|@src'), undefined);
  });

  it('ignores a query longer than a path would be, and a long text before it costs nothing', () => {
    assert.equal(at(`@${'a'.repeat(600)}|`), undefined);
    const long = `${'word '.repeat(100_000)}@src|`;
    assert.deepEqual(at(long), { start: long.length - 5, end: long.length - 1, query: 'src' });
    // The slice cut through a word just before an @: still no mention.
    const cut = `${'x'.repeat(1000)}@${'b'.repeat(511)}|`;
    assert.equal(at(cut), undefined);
  });
});
