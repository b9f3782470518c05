import assert from 'node:assert/strict';
import { BUILT_IN_TEMPLATES, renderPrompt, templateNeedsChanges, templateNeedsInput, type PromptTemplate } from '../../../src/core/prompts';
import { makeContext } from './makeContext';

const t = (prompt: string, id = 'custom'): PromptTemplate => ({ id, title: id, prompt });

describe('prompts/renderPrompt', () => {
  describe('placeholders', () => {
    const ctx = makeContext({
      selection: 'split(",")',
      symbol: { name: 'parse', kind: 'function' },
      diagnostics: [
        { severity: 'warning', message: 'Unused variable', line: 30, source: 'eslint', code: 'no-unused-vars' },
        { severity: 'error', message: "Argument of type 'number'\nis not assignable", line: 14, source: 'ts', code: 2345 },
        { severity: 'error', message: 'outside the range', line: 99, source: 'ts', code: 1 },
        { severity: 'hint', message: 'no origin', line: 12 },
      ],
      todo: { tag: 'FIXME', text: 'handle empty input', line: 13 },
    });

    it('{{code}} is the context block', () => {
      const { text, warnings } = renderPrompt(t('Look:\n{{code}}\nThanks'), ctx);
      assert.deepEqual(warnings, []);
      assert.ok(text.startsWith('Look:\nFile: src/parser.ts\nLanguage: typescript\nLines: 12-40\n```typescript\nexport function parse'));
      assert.ok(text.endsWith('```\nThanks'));
    });

    it('{{selection}} is the raw selection, and falls back to the target code', () => {
      assert.equal(renderPrompt(t('[{{selection}}]{{code}}'), ctx).text.split('File:')[0], '[split(",")]');
      const noSel = makeContext();
      assert.ok(renderPrompt(t('[{{selection}}]{{code}}'), noSel).text.startsWith(`[${noSel.code}]`));
    });

    it('{{file}}, {{language}}, {{lines}}', () => {
      const { text } = renderPrompt(t('{{file}}|{{language}}|{{lines}}\n{{code}}'), ctx);
      assert.equal(text.split('\n')[0], 'src/parser.ts|typescript|12-40');
    });

    it('{{file}} carries the folder name in a multi-root workspace', () => {
      const multi = makeContext({}, { multiRoot: true, workspaceFolderName: 'web' });
      assert.equal(renderPrompt(t('{{file}}{{code}}'), multi).text.split('File:')[0], 'web/src/parser.ts');
    });

    it('{{symbol}} is the name and kind, or the line range when there is no symbol', () => {
      assert.equal(renderPrompt(t('{{symbol}}{{code}}'), ctx).text.split('File:')[0], '`parse` (function)');
      assert.equal(renderPrompt(t('{{symbol}}{{code}}'), makeContext()).text.split('File:')[0], 'the code at lines 12-40');
    });

    it('{{diagnostics}} lists the problems in range, by line, with codes', () => {
      const { text } = renderPrompt(t('{{diagnostics}}\n{{code}}'), ctx);
      assert.equal(
        text.split('\nFile:')[0],
        [
          '- Line 12, hint: no origin',
          "- Line 14, error ts(2345): Argument of type 'number'",
          '  is not assignable',
          '- Line 30, warning eslint(no-unused-vars): Unused variable',
        ].join('\n'),
      );
    });

    it('{{diagnostics}} says so when there are none', () => {
      const { text } = renderPrompt(t('{{diagnostics}}{{code}}'), makeContext());
      assert.ok(text.startsWith('(no problems reported in this range)'));
    });

    it('{{todo}} is the tag, line and text', () => {
      assert.equal(renderPrompt(t('{{todo}}{{code}}'), ctx).text.split('File:')[0], 'FIXME (line 13): handle empty input');
      const bare = makeContext({ todo: { tag: 'TODO', text: '', line: 3 } });
      assert.equal(renderPrompt(t('{{todo}}{{code}}'), bare).text.split('File:')[0], 'TODO (line 3)');
    });

    it('{{input}} is the value passed in', () => {
      const r = renderPrompt(t('Do: {{input}}{{code}}'), ctx, { input: 'rename to tokenize' });
      assert.equal(r.needsInput, false);
      assert.ok(r.text.startsWith('Do: rename to tokenize'));
    });

    it('{{input}} without a value: kept, and needsInput is set', () => {
      const tpl = t('Do: {{input}}{{code}}');
      assert.equal(templateNeedsInput(tpl), true);
      const r = renderPrompt(tpl, ctx);
      assert.equal(r.needsInput, true);
      assert.ok(r.text.startsWith('Do: {{input}}'));
      assert.deepEqual(r.warnings, []);
      assert.equal(templateNeedsInput(t('{{code}}')), false);
    });

    it('allows spaces inside the braces', () => {
      assert.equal(renderPrompt(t('{{ language }}{{code}}'), ctx).text.split('File:')[0], 'typescript');
    });
  });

  it('keeps unknown placeholders as written and reports each once', () => {
    const r = renderPrompt(t('{{nope}} and {{nope}} and {{ alsoNope }} {{code}}', 'mine'), makeContext());
    assert.ok(r.text.startsWith('{{nope}} and {{nope}} and {{ alsoNope }} File:'));
    assert.deepEqual(r.warnings, [
      'Unknown placeholder {{nope}} in template "mine" was left as written.',
      'Unknown placeholder {{alsoNope}} in template "mine" was left as written.',
    ]);
  });

  it('does not expand placeholders found in the code or the input', () => {
    const ctx = makeContext({ code: 'const tpl = "{{file}} {{input}}";' });
    const r = renderPrompt(t('{{input}}\n{{code}}'), ctx, { input: 'use {{language}} here' });
    assert.ok(r.text.startsWith('use {{language}} here\n'));
    assert.ok(r.text.includes('const tpl = "{{file}} {{input}}";'));
    assert.deepEqual(r.warnings, []);
  });

  it('appends the context block when the template lacks {{code}}', () => {
    const r = renderPrompt(t('Summarise {{file}}.   \n'), makeContext());
    assert.ok(r.text.startsWith('Summarise src/parser.ts.\n\nFile: src/parser.ts\nLanguage: typescript\nLines: 12-40\n```typescript\n'));
    assert.ok(r.text.endsWith('```'));
  });

  it('does not append a second block when {{code}} is present', () => {
    const r = renderPrompt(t('{{code}}'), makeContext());
    assert.equal(r.text.split('File:').length, 2);
  });

  it('passes maxInlineBytes on to the context block', () => {
    const r = renderPrompt(t('{{code}}'), makeContext({ code: 'z'.repeat(500) }), { maxInlineBytes: 100 });
    assert.ok(!r.text.includes('zzz'));
    assert.match(r.text, /too large to include here/);
  });

  it('fences code containing backtick runs safely', () => {
    const ctx = makeContext({ code: 'const s = `\n```\n````\n`;' });
    const r = renderPrompt(t('{{code}}'), ctx);
    assert.ok(r.text.includes('`````typescript\nconst s'));
    assert.ok(r.text.endsWith('`;\n`````'));
  });

  describe('every built-in template', () => {
    const full = makeContext({
      selection: 'x',
      symbol: { name: 'parse', kind: 'function' },
      diagnostics: [{ severity: 'error', message: 'boom', line: 20, source: 'ts', code: 2322 }],
      todo: { tag: 'TODO', text: 'support quotes', line: 15 },
    });
    for (const template of Object.values(BUILT_IN_TEMPLATES).filter((t) => t.scope !== 'workspace')) {
      it(`${template.id} renders with no warnings, no leftover placeholder, and the location`, () => {
        const r = renderPrompt(template, full);
        assert.deepEqual(r.warnings, []);
        assert.equal(r.needsInput, false);
        assert.doesNotMatch(r.text, /\{\{/);
        assert.match(r.text, /^File: src\/parser\.ts$/m);
        assert.match(r.text, /^Lines: 12-40$/m);
        assert.ok(r.text.includes(full.code));
      });
      it(`${template.id} also renders cleanly with only the basic context`, () => {
        const r = renderPrompt(template, makeContext());
        assert.deepEqual(r.warnings, []);
        assert.doesNotMatch(r.text, /\{\{/);
      });
    }
    for (const template of Object.values(BUILT_IN_TEMPLATES).filter((t) => t.scope === 'workspace')) {
      it(`${template.id} (workspace) renders from the changes alone, with no editor context`, () => {
        const r = renderPrompt(template, { changes: 'Repository: app\nStaged:\n```diff\n+x\n```' });
        assert.deepEqual(r.warnings, []);
        assert.equal(r.needsInput, false);
        assert.doesNotMatch(r.text, /\{\{/);
        assert.ok(r.text.includes('Repository: app\nStaged:\n```diff\n+x\n```'));
        assert.doesNotMatch(r.text, /^File:/m);
      });
    }
  });

  describe('{{changes}}', () => {
    it('is the changes given, also beside the editor context', () => {
      const r = renderPrompt(t('Given:\n{{changes}}\n{{code}}'), { ...makeContext(), changes: 'Repository: app' });
      assert.ok(r.text.startsWith('Given:\nRepository: app\nFile: src/parser.ts'));
      assert.deepEqual(r.warnings, []);
    });

    it('says there were none when the caller read none', () => {
      assert.ok(renderPrompt(t('{{changes}}{{code}}'), makeContext()).text.startsWith('(no changes in the working tree)'));
    });

    it('templateNeedsChanges tells the caller to read them first', () => {
      assert.equal(templateNeedsChanges(t('x {{ changes }}')), true);
      assert.equal(templateNeedsChanges(t('{{code}}')), false);
    });

    it('without an editor target, editor placeholders stay as written with one warning each, and no context block is added', () => {
      const r = renderPrompt(t('{{file}} {{file}} {{code}} {{input}} {{changes}}', 'ws'), { changes: 'C' }, { input: 'I' });
      assert.equal(r.text, '{{file}} {{file}} {{code}} I C');
      assert.deepEqual(r.warnings, [
        'Placeholder {{file}} in template "ws" needs code in the editor; it was left as written.',
        'Placeholder {{code}} in template "ws" needs code in the editor; it was left as written.',
      ]);
    });
  });
});
