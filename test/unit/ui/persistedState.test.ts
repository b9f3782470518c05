/** The view state kept across a reload (persistedState.ts): what comes back is checked, in Node. */
import { strict as assert } from 'node:assert';
import { PersistedState } from '../../../src/ui/persistedState';
import type { VsCodeApi } from '../../../src/ui/vscodeApi';

function api(state: unknown): VsCodeApi<unknown> & { saved: unknown[] } {
  const saved: unknown[] = [];
  return { saved, postMessage: () => undefined, getState: () => state, setState: (s) => (saved.push(s), s) };
}

describe('PersistedState (the draft, its mentions, the scroll position, the open conversation)', () => {
  it('keeps the draft’s well-formed mentions and drops anything else', () => {
    const file = { kind: 'file', path: 'src/app.ts', label: '@src/app.ts' };
    const problems = { kind: 'problems', label: '@problems' };
    const state = new PersistedState(
      api({
        draft: 'explain',
        mentions: [file, { kind: 'script', label: 'x' }, 'src/app.ts', { kind: 'file', label: 5 }, null, problems],
        scrollTop: 12,
        conversationId: 'c1',
      }),
    );
    assert.deepEqual(state.get(), { draft: 'explain', mentions: [file, problems], scrollTop: 12, conversationId: 'c1' });
  });

  it('starts empty from nothing, from an older state without mentions, or from junk', () => {
    const empty = { draft: '', mentions: [], scrollTop: 0, conversationId: null };
    assert.deepEqual(new PersistedState(api(undefined)).get(), empty);
    assert.deepEqual(new PersistedState(api('junk')).get(), empty);
    assert.deepEqual(new PersistedState(api({ draft: 'd', scrollTop: 3, conversationId: null })).get(), {
      ...empty,
      draft: 'd',
      scrollTop: 3,
    });
    assert.deepEqual(new PersistedState(api({ mentions: { kind: 'file' } })).get(), empty);
  });

  it('saves each update at once, merged', () => {
    const stub = api(undefined);
    const state = new PersistedState(stub);
    state.update({ mentions: [{ kind: 'changes', label: '@changes' }] });
    state.update({ draft: 'hi' });
    assert.deepEqual(stub.saved.at(-1), {
      draft: 'hi',
      mentions: [{ kind: 'changes', label: '@changes' }],
      scrollTop: 0,
      conversationId: null,
    });
  });
});
