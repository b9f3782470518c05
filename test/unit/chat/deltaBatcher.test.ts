import { strict as assert } from 'node:assert';
import { DeltaBatcher, type Delta } from '../../../src/core/chat/deltaBatcher';
import { FakeClock } from '../fakeClock';

/** A manual clock: timers fire only when the test advances time. */
function manualClock() {
  const clock = new FakeClock();
  return { clock, advance: (ms: number) => clock.tick(ms) };
}

describe('DeltaBatcher', () => {
  it('coalesces many deltas into one post per interval, preserving order and text', () => {
    const clock = manualClock();
    const posts: Delta[] = [];
    const b = new DeltaBatcher((d) => posts.push(d), clock.clock, 30);
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
    const b = new DeltaBatcher((d) => posts.push(d), clock.clock, 30);
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
    const b = new DeltaBatcher((d) => posts.push(d), clock.clock, 30);
    b.setToolCalls([{ index: 0, id: 'c1', name: 'read', arguments: '{"pa' }]);
    clock.advance(30);
    b.setToolCalls([
      { index: 0, id: 'c1', name: 'read', arguments: '{"path":1}' },
      { index: 1, name: 'write', arguments: '' },
    ]);
    clock.advance(30);
    assert.deepEqual(
      posts.map((p) => p.toolCalls),
      [
        [{ index: 0, id: 'c1', name: 'read', arguments: '{"pa' }],
        [
          { index: 0, name: '', arguments: 'th":1}' },
          { index: 1, name: 'write', arguments: '' },
        ],
      ],
    );
  });

  it('a clock set back (wall time) delays a post by at most one interval', () => {
    const { clock, advance } = manualClock();
    clock.time = 1_000_000;
    const posts: Delta[] = [];
    const b = new DeltaBatcher((d) => posts.push(d), clock, 30);
    b.addContent('a');
    advance(30);
    clock.time -= 3_600_000; // the system clock is set back an hour
    b.addContent('b');
    advance(30);
    assert.deepEqual(posts, [{ content: 'a' }, { content: 'b' }]);
  });

  it('flush posts nothing when nothing is pending, and dispose cancels the timer', () => {
    const clock = manualClock();
    const posts: Delta[] = [];
    const b = new DeltaBatcher((d) => posts.push(d), clock.clock, 30);
    b.flush();
    b.addContent('x');
    b.dispose();
    clock.advance(100);
    assert.deepEqual(posts, []);
  });
});
