import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_TEMPLATES, isBuiltInTemplateId } from '../../../src/core/prompts';

// mapping.json is {codepoint: [names...]}.
const codiconNames = new Set(
  Object.values(
    JSON.parse(readFileSync(join(__dirname, '../../../node_modules/@vscode/codicons/src/template/mapping.json'), 'utf8')) as Record<
      string,
      string[]
    >,
  ).flat(),
);

describe('prompts/builtInTemplates', () => {
  it('has the eight built-ins, each keyed by its own id', () => {
    assert.deepEqual(Object.keys(BUILT_IN_TEMPLATES).sort(), [
      'document',
      'explain',
      'fix',
      'implementTodo',
      'optimize',
      'refactor',
      'reviewChanges',
      'writeTests',
    ]);
    for (const [key, template] of Object.entries(BUILT_IN_TEMPLATES)) assert.equal(template.id, key);
  });

  it('uses real codicon names', () => {
    for (const template of Object.values(BUILT_IN_TEMPLATES)) assert.ok(codiconNames.has(template.icon), template.icon);
  });

  it('gives the scopes the UI relies on', () => {
    assert.equal(BUILT_IN_TEMPLATES.fix.scope, 'diagnostic');
    assert.equal(BUILT_IN_TEMPLATES.implementTodo.scope, 'todo');
    assert.equal(BUILT_IN_TEMPLATES.explain.scope, 'selection');
    assert.equal(BUILT_IN_TEMPLATES.reviewChanges.scope, 'workspace');
  });

  it('reviewChanges sends the changes and asks for a review, not edits', () => {
    assert.match(BUILT_IN_TEMPLATES.reviewChanges.prompt, /\{\{changes\}\}/);
    assert.match(BUILT_IN_TEMPLATES.reviewChanges.prompt, /do not change any files/);
  });

  it('fix mentions the diagnostics, implementTodo the TODO', () => {
    assert.match(BUILT_IN_TEMPLATES.fix.prompt, /\{\{diagnostics\}\}/);
    assert.match(BUILT_IN_TEMPLATES.implementTodo.prompt, /\{\{todo\}\}/);
  });

  it('is frozen and recognised by isBuiltInTemplateId', () => {
    assert.ok(Object.isFrozen(BUILT_IN_TEMPLATES));
    assert.equal(isBuiltInTemplateId('explain'), true);
    assert.equal(isBuiltInTemplateId('toString'), false);
    assert.equal(isBuiltInTemplateId('custom'), false);
  });
});
