import assert from 'node:assert/strict';
import { PromptMemory, type KeyValueStore } from '../../../src/core/cline/promptMemory';

function mapStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: <T>(key: string) => data.get(key) as T | undefined,
    update: async (key: string, value: unknown) => {
      if (value === undefined) data.delete(key);
      else data.set(key, JSON.parse(JSON.stringify(value)));
    },
  };
}

describe('PromptMemory', () => {
  it('history: most recent first, no duplicates, at most historySize, blank ignored', async () => {
    let size = 3;
    const memory = new PromptMemory(mapStore(), () => size);
    for (const p of ['one', 'two', 'three', 'two', '   ', 'four']) await memory.remember(p);
    assert.deepEqual(memory.history(), ['four', 'two', 'three']);
    size = 2;
    assert.deepEqual(memory.history(), ['four', 'two']);
  });

  it('history size 0 keeps nothing and clears what was there', async () => {
    let size = 5;
    const store = mapStore();
    const memory = new PromptMemory(store, () => size);
    await memory.remember('secret-ish');
    size = 0;
    assert.deepEqual(memory.history(), []);
    await memory.remember('another');
    assert.equal(store.data.size, 0);
  });

  it('forget removes one entry', async () => {
    const memory = new PromptMemory(mapStore(), () => 10);
    await memory.remember('a');
    await memory.remember('b');
    await memory.forget('a');
    assert.deepEqual(memory.history(), ['b']);
  });

  it('drafts are kept per input and survive a new PromptMemory on the same store (a window reload)', async () => {
    const store = mapStore();
    const first = new PromptMemory(store, () => 10);
    await first.setDraft('task', 'the task');
    await first.setDraft('input:review', 'the answer');
    const second = new PromptMemory(store, () => 10);
    assert.equal(second.draft('task'), 'the task');
    assert.equal(second.draft('input:review'), 'the answer');
    assert.equal(second.draft('message'), undefined);
  });

  it('clearDraftIf clears only the same text (a newer draft survives)', async () => {
    const memory = new PromptMemory(mapStore(), () => 10);
    await memory.setDraft('task', 'newer');
    await memory.clearDraftIf('task', 'older');
    assert.equal(memory.draft('task'), 'newer');
    await memory.clearDraftIf('task', 'newer');
    assert.equal(memory.draft('task'), undefined);
  });

  it('tolerates garbage in the store', () => {
    const store = mapStore();
    store.data.set('clineCompanion.promptHistory', ['ok', 7, null]);
    store.data.set('clineCompanion.promptDrafts', 'not an object');
    const memory = new PromptMemory(store, () => 10);
    assert.deepEqual(memory.history(), ['ok']);
    assert.equal(memory.draft('task'), undefined);
  });
});
