import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_MODEL_ID_CHARS, isUsableModelId, modelIdProblem } from '../../../src/protocol/modelId';

describe('modelId: the one rule for model ids (picker, host, catalog)', () => {
  it('accepts provider/model ids as the Cline API names them', () => {
    for (const id of [
      'anthropic/claude-sonnet-4-6',
      'z-ai/glm-5',
      'meta-llama/llama-3.1-8b-instruct:free',
      'openrouter/auto',
      'a/b/c',
      'qwen/qwen2.5_coder',
    ]) {
      assert.equal(modelIdProblem(id), undefined, id);
    }
  });

  it('accepts what other servers list and what users type: paths, files, name:tag, plain names, @scope/model', () => {
    for (const id of [
      '/models/qwen2.5-7b-instruct-q4_k_m.gguf',
      'qwen2.5-7b-instruct-q4_k_m.gguf',
      'llama3.2:3b',
      'Qwen/Qwen2.5-7B-Instruct',
      'llama3',
      'gpt-4o',
      '@cf/meta/llama-3.1-8b-instruct',
      'C:\\models\\My Model.gguf',
      'a//b',
      'a/b?c',
      '-a/b',
      'provider/',
      `/models/${'x'.repeat(MAX_MODEL_ID_CHARS - 20)}`,
    ]) {
      assert.equal(modelIdProblem(id), undefined, id);
      assert.equal(isUsableModelId(id), true, id);
    }
  });

  it('refuses only what can never be sent as an id, saying why', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['   ', /empty/],
      ['two\nlines', /line break/],
      ['tab\there', /control character/],
      ['nul\u0000', /control character/],
      ['x'.repeat(MAX_MODEL_ID_CHARS + 1), new RegExp(`longer than ${MAX_MODEL_ID_CHARS}`)],
    ];
    for (const [id, reason] of cases) {
      assert.match(modelIdProblem(id) ?? '', reason, JSON.stringify(id.slice(0, 20)));
      assert.equal(isUsableModelId(id), false);
    }
  });
});

describe('modelId: the chat.model setting in package.json follows the same rule', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
  const sections: Array<{ properties: Record<string, { pattern?: string; maxLength?: number; default?: string }> }> =
    manifest.contributes.configuration;
  const property = sections.map((s) => s.properties['clineCompanion.chat.model']).find(Boolean)!;
  /** What the Settings editor accepts: VS Code's JSON validation compiles `pattern` with the `u` flag. */
  const settingsEditorAccepts = (id: string): boolean =>
    (property.pattern === undefined || new RegExp(property.pattern, 'u').test(id)) &&
    (property.maxLength === undefined || id.length <= property.maxLength);

  it('accepts and refuses exactly what the chat does', () => {
    const samples = [
      'anthropic/claude-sonnet-4-6',
      'llama3',
      'llama3.2:3b',
      '/models/qwen2.5-7b-instruct-q4_k_m.gguf',
      'Qwen/Qwen2.5-7B-Instruct',
      '@cf/meta/llama-3.1-8b-instruct',
      'My Model.gguf',
      '',
      '   ',
      'two\nlines',
      'tab\there',
      '\u0085',
      'x'.repeat(MAX_MODEL_ID_CHARS),
      'x'.repeat(MAX_MODEL_ID_CHARS + 1),
    ];
    for (const id of samples) assert.equal(settingsEditorAccepts(id), isUsableModelId(id), JSON.stringify(id.slice(0, 30)));
    assert.equal(isUsableModelId(property.default ?? ''), true);
  });
});
