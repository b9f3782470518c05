import assert from 'node:assert/strict';
import { contextBlock, displayPath, formatLines, utf8ByteLengthUpTo } from '../../../src/core/prompts';
import { makeContext } from './makeContext';

describe('prompts/contextBlock', () => {
  it('gives path, language, 1-based lines, then the fenced code', () => {
    const block = contextBlock(makeContext());
    assert.equal(
      block,
      'File: src/parser.ts\nLanguage: typescript\nLines: 12-40\n```typescript\nexport function parse(s: string) {\n  return s.split(",");\n}\n```',
    );
  });

  it('formats a single line without a range', () => {
    assert.equal(formatLines({ startLine: 7, endLine: 7 }), '7');
    assert.equal(formatLines({ startLine: 7, endLine: 9 }), '7-9');
  });

  describe('paths', () => {
    it('single root: relative to the folder, no folder name', () => {
      assert.equal(displayPath(makeContext().file), 'src/parser.ts');
    });

    it('multi-root: folder name first', () => {
      const ctx = makeContext({}, { multiRoot: true, workspaceFolderName: 'backend', relativePath: 'lib/db.py' });
      assert.equal(displayPath(ctx.file), 'backend/lib/db.py');
      assert.match(contextBlock(ctx), /^File: backend\/lib\/db\.py$/m);
    });

    it('normalises Windows separators', () => {
      const ctx = makeContext({}, { relativePath: 'src\\win\\a.ts', multiRoot: true, workspaceFolderName: 'w' });
      assert.equal(displayPath(ctx.file), 'w/src/win/a.ts');
    });

    it('outside every folder: the absolute path', () => {
      const ctx = makeContext({}, { workspaceFolderName: undefined, relativePath: 'notes.ts', absolutePath: '/tmp/notes.ts' });
      assert.equal(displayPath(ctx.file), '/tmp/notes.ts');
    });
  });

  it('untitled: inlined and marked as not on disk', () => {
    const ctx = makeContext({}, { isUntitled: true, relativePath: 'Untitled-1', workspaceFolderName: undefined, absolutePath: undefined });
    const block = contextBlock(ctx);
    assert.match(block, /^File: Untitled-1 \(untitled, not on disk\)$/m);
    assert.ok(block.includes(ctx.code));
  });

  it('dirty: inlined and marked as differing from disk', () => {
    const ctx = makeContext({}, { isDirty: true });
    const block = contextBlock(ctx);
    assert.match(block, /^File: src\/parser\.ts \(unsaved — the file on disk differs\)$/m);
    assert.ok(block.includes(ctx.code));
  });

  describe('huge targets', () => {
    const huge = 'x'.repeat(200 * 1024) + '\n';

    it('saved file above the limit: path and lines instead of the text', () => {
      const block = contextBlock(makeContext({ code: huge, range: { startLine: 1, endLine: 5000 } }));
      assert.ok(!block.includes('xxxxxxxxxx'), 'the code is not inlined');
      assert.ok(!block.includes('```'), 'no fence without code');
      assert.match(block, /too large to include here \(201 KB\)\. Read lines 1-5000 of src\/parser\.ts from the workspace\./);
    });

    it('respects a custom limit', () => {
      const ctx = makeContext({ code: 'y'.repeat(50) });
      assert.ok(contextBlock(ctx, { maxInlineBytes: 50 }).includes('y'.repeat(50)));
      assert.ok(!contextBlock(ctx, { maxInlineBytes: 49 }).includes('y'.repeat(50)));
    });

    it('counts UTF-8 bytes, not characters', () => {
      assert.equal(utf8ByteLengthUpTo('aé€😀', 100), 1 + 2 + 3 + 4);
      const ctx = makeContext({ code: '€'.repeat(20) }); // 60 bytes
      assert.ok(!contextBlock(ctx, { maxInlineBytes: 59 }).includes('€'));
      assert.ok(contextBlock(ctx, { maxInlineBytes: 60 }).includes('€'.repeat(20)));
    });

    it('dirty file above the limit: still inlined (Cline cannot read unsaved text)', () => {
      const block = contextBlock(makeContext({ code: huge }, { isDirty: true }));
      assert.ok(block.includes(huge));
      assert.match(block, /unsaved — the file on disk differs/);
    });

    it('untitled file above the limit: still inlined', () => {
      const block = contextBlock(makeContext({ code: huge }, { isUntitled: true, relativePath: 'Untitled-2' }));
      assert.ok(block.includes(huge));
    });
  });
});
