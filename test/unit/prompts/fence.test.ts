import assert from 'node:assert/strict';
import { fenceFor, fencedCode, longestBacktickRun } from '../../../src/core/prompts';

describe('prompts/fence', () => {
  it('uses three backticks for code without backticks', () => {
    assert.equal(fenceFor('const a = 1;'), '```');
    assert.equal(fenceFor(''), '```');
  });

  it('measures the longest backtick run', () => {
    assert.equal(longestBacktickRun('a `b` ``c`` d'), 2);
    assert.equal(longestBacktickRun('x = `y`;\n```js\n````\n'), 4);
    assert.equal(longestBacktickRun('`````'), 5);
  });

  it('is longer than a ``` run inside the code', () => {
    const code = 'const md = `\n```ts\nlet x\n```\n`;';
    assert.equal(fenceFor(code), '````');
  });

  it('is longer than a ```` run inside the code', () => {
    const code = 'doc = """\n````\nnested\n````\n"""';
    assert.equal(fenceFor(code), '`````');
  });

  it('wraps code so that no line inside can close the fence', () => {
    const code = 'a\n```\nb\n````\nc';
    const fenced = fencedCode(code, 'markdown');
    const lines = fenced.split('\n');
    const fence = lines[0].replace('markdown', '');
    assert.equal(fence, '`````');
    assert.equal(lines[lines.length - 1], fence);
    // No inner line is a closing fence (a line of at least as many backticks).
    for (const line of lines.slice(1, -1)) assert.ok(!line.trim().startsWith(fence), line);
  });

  it('puts the closing fence on its own line whether or not the code ends with a newline', () => {
    assert.equal(fencedCode('x', 'ts'), '```ts\nx\n```');
    assert.equal(fencedCode('x\n', 'ts'), '```ts\nx\n```');
  });

  it('drops an info string that could break the fence', () => {
    assert.equal(fencedCode('x', 'weird lang`'), '```\nx\n```');
    assert.equal(fencedCode('x', 'c++'), '```c++\nx\n```');
  });
});
