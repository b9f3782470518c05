import assert from 'node:assert/strict';
import { validateUserTemplates } from '../../../src/core/prompts';

describe('prompts/validateUserTemplates', () => {
  it('keeps valid entries', () => {
    const r = validateUserTemplates([{ id: 'review', title: 'Review', prompt: 'Review {{code}}' }]);
    assert.deepEqual(r, { templates: [{ id: 'review', title: 'Review', prompt: 'Review {{code}}' }], problems: [] });
  });

  it('treats a missing setting as no templates', () => {
    assert.deepEqual(validateUserTemplates(undefined), { templates: [], problems: [] });
    assert.deepEqual(validateUserTemplates(null), { templates: [], problems: [] });
  });

  it('rejects a non-list', () => {
    const r = validateUserTemplates({ id: 'x' });
    assert.equal(r.templates.length, 0);
    assert.equal(r.problems.length, 1);
  });

  it('drops bad entries with a reason and keeps the rest', () => {
    const r = validateUserTemplates([
      'nope',
      { title: 'no id', prompt: 'x' },
      { id: 'has space', prompt: 'x' },
      { id: 'noPrompt', title: 'T' },
      { id: 'blank', prompt: '   ' },
      { id: 'good', prompt: 'ok {{code}}' },
      { id: 'good', prompt: 'duplicate' },
      { id: 'badTitle', title: 42, prompt: 'y' },
    ]);
    assert.deepEqual(r.templates, [
      { id: 'good', title: 'good', prompt: 'ok {{code}}' },
      { id: 'badTitle', title: 'badTitle', prompt: 'y' },
    ]);
    assert.equal(r.problems.length, 7);
    assert.match(r.problems[0], /#1 is not an object/);
    assert.match(r.problems[5], /repeats the id "good"/);
    assert.match(r.problems[6], /invalid "title"/);
  });

  it('rejects ids of built-in templates instead of overriding them', () => {
    const r = validateUserTemplates([{ id: 'explain', title: 'Mine', prompt: 'x' }]);
    assert.deepEqual(r.templates, []);
    assert.match(r.problems[0], /built-in/);
  });
});
