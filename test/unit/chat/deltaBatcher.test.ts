import { strict as assert } from 'node:assert';
import { DeltaBatcher, type Delta, type Timers } from '../../../src/core/chat/deltaBatcher';

/** A manual clock: timers fire only when the test advances time. */
function manualClock() {
  let now = 0;
  const pending: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => { const id = nextId++; pending.push({ at: now + ms, fn, id }); return id; },
    clearTimeout: (id) => { const i = pending.findIndex((p) => p.id === id); if (i >= 0) pending.splice(i, 1); },
  };
  return {
    timers,
    now: () => now,
    advance(ms: number) {
      now += ms;
      for (;;) {
        pending.sort((a, b) => a.at - b.at);
        const due = pending[0];
        if (!due || due.at > now) break;
        pending.shift();
        due.fn();
      }
    },
  };
}

describe('DeltaBatcher', () => {
  it('coalesces many deltas into one post per interval, preserving order and text', () => {
    const clock = manualClock();
    const posts: Delta[] = [];
    const b = new DeltaBatcher((d) => posts.push(d), 30, clock.timers, clock.now);
    for (let i = 0; i < 1000; i++) {
      b.addContent(`${i},`);
      clock.advance(0.3); // 1000 deltas over 300 ms
    }
    b.flush();
    assert.ok(posts.length <= 12, `expected ≤ 12 posts for 300 ms at 30 ms, got ${posts.length}`);
    assert.ok(posts.length >= 9, `expected the stream to be posted while running, got ${posts.length}`);
    const text = posts.map((p) => p.content ?? '').join('');
    assert.equal(text, Array.from({ length: 1000 }, (_, i) => `${i},`).join(''));
  });

  it('keeps content, reasoning and the latest tool calls apart', () => {
    const clock = manualClock();
    const posts: Delta[] = [];
    const b = new DeltaBatcher((d) => posts.push(d), 30, clock.timers, clock.now);
    b.addReasoning('think ');
    b.addContent('answer');
    b.setToolCalls([{ index: 0, name: 'a', arguments: '{' }]);
    b.setToolCalls([{ index: 0, name: 'a', arguments: '{}' }]);
    clock.advance(30);
    assert.deepEqual(posts, [{ content: 'answer', reasoning: 'think ', toolCalls: [{ index: 0, name: 'a', arguments: '{}' }] }]);
  });

  it('posts tool calls as fragments: new calls whole, known calls only their new arguments', () => {
    const clock = manualClock();
    const posts: Delta[] = [];
    const b = new DeltaBatcher((d) => posts.push(d), 30, clock.timers, clock.now);
    b.setToolCalls([{ index: 0, id: 'c1', name: 'read', arguments: '{"pa' }]);
    clock.advance(30);
    b.setToolCalls([{ index: 0, id: 'c1', name: 'read', arguments: '{"path":1}' }, { index: 1, name: 'write', arguments: '' }]);
    clock.advance(30);
    assert.deepEqual(posts.map((p) => p.toolCalls), [
      [{ index: 0, id: 'c1', name: 'read', arguments: '{"pa' }],
      [{ index: 0, name: '', arguments: 'th":1}' }, { index: 1, name: 'write', arguments: '' }],
    ]);
  });

  it('flush posts nothing when nothing is pending, and dispose cancels the timer', () => {
    const clock = manualClock();
    const posts: Delta[] = [];
    const b = new DeltaBatcher((d) => posts.push(d), 30, clock.timers, clock.now);
    b.flush();
    b.addContent('x');
    b.dispose();
    clock.advance(100);
    assert.deepEqual(posts, []);
  });
});
