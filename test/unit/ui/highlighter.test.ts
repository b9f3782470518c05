/**
 * The chat bundle knows the curated languages without highlight.js (highlighterContract.ts), so a block's classes
 * don't change when the lazily loaded highlighter arrives: that list must be exactly what highlight.js registers.
 */
import assert from 'node:assert/strict';
import { HIGHLIGHT_LANGUAGES } from '../../../src/ui/markdown/highlighterContract';
import { createHighlighter, registeredLanguageNames } from '../../../src/ui/markdown/hljsHighlighter';

describe('syntax highlighter (dist/highlight.js)', () => {
  it('registers exactly the languages and aliases the chat bundle knows', () => {
    const registered = Object.fromEntries([...registeredLanguageNames()].map(([name, aliases]) => [name, [...aliases].sort()]));
    const known = Object.fromEntries(Object.entries(HIGHLIGHT_LANGUAGES).map(([name, aliases]) => [name, [...aliases].sort()]));
    assert.deepEqual(known, registered);
    const all = Object.entries(HIGHLIGHT_LANGUAGES).flat(2);
    assert.equal(new Set(all).size, all.length, 'no name or alias twice');
    assert.ok(
      all.every((name) => name === name.toLowerCase()),
      'lower case, as the renderer looks them up',
    );
  });

  it('highlights by name and by alias, and escapes the code', () => {
    const highlighter = createHighlighter();
    assert.match(highlighter.highlight('const a = 1;', 'ts'), /<span class="hljs-keyword">const<\/span>/);
    assert.match(highlighter.highlight('def f(): pass', 'python'), /<span class="hljs-keyword">def<\/span>/);
    const html = highlighter.highlight('<script>alert(1)</script>', 'html');
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /&lt;/);
  });
});
