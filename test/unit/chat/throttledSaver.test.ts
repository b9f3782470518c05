import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore } from '../../../src/core/chat/history';
import { createThrottledSaver } from '../../../src/core/chat/throttledSaver';
import type { Conversation } from '../../../src/protocol/chatProtocol';
import { FakeClock, settle } from '../fakeClock';
import { conversation } from './sampleConversation';

describe('chat/throttledSaver createThrottledSaver', () => {
  it('saves at once, then at most once per interval with the latest value', async () => {
    const clock = new FakeClock();
    const saved: string[] = [];
    const saver = createThrottledSaver<{ text: string }>(async (v) => void saved.push(v.text), 1000, { clock });
    const state = { text: 'a' };
    saver.schedule(state);
    await settle();
    assert.deepEqual(saved, ['a'], 'the first save is immediate');
    state.text = 'ab';
    saver.schedule(state);
    state.text = 'abc';
    saver.schedule(state);
    await clock.advance(500);
    assert.deepEqual(saved, ['a'], 'nothing within the interval');
    await clock.advance(500);
    assert.deepEqual(saved, ['a', 'abc'], 'one save at the end of the interval, with the latest state');
    await clock.advance(5000);
    assert.deepEqual(saved, ['a', 'abc'], 'nothing more when nothing is scheduled');
  });

  it('never runs two saves at once', async () => {
    const clock = new FakeClock();
    let running = 0;
    let maxRunning = 0;
    let release: (() => void) | undefined;
    const saved: number[] = [];
    const saver = createThrottledSaver<number>(
      async (v) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((resolve) => (release = resolve));
        saved.push(v);
        running--;
      },
      100,
      { clock },
    );
    saver.schedule(1);
    await settle();
    saver.schedule(2);
    await clock.advance(1000); // the interval is over, but save 1 is still running
    assert.deepEqual(saved, []);
    release?.();
    await settle();
    await settle();
    assert.deepEqual(saved, [1]);
    release?.();
    await settle();
    assert.deepEqual(saved, [1, 2]);
    assert.equal(maxRunning, 1);
  });

  it('flush saves what is pending right away and waits for it', async () => {
    const clock = new FakeClock();
    const saved: number[] = [];
    const saver = createThrottledSaver<number>(async (v) => void saved.push(v), 1000, { clock });
    saver.schedule(1);
    await settle();
    saver.schedule(2);
    assert.equal(clock.pendingTimers, 1, 'save 2 waits for the interval');
    await saver.flush();
    assert.deepEqual(saved, [1, 2]);
    assert.equal(clock.pendingTimers, 0, 'no timer left behind');
    await saver.flush();
    assert.deepEqual(saved, [1, 2], 'flush with nothing pending saves nothing');
  });

  it('cancel drops the pending value', async () => {
    const clock = new FakeClock();
    const saved: number[] = [];
    const saver = createThrottledSaver<number>(async (v) => void saved.push(v), 1000, { clock });
    saver.schedule(1);
    saver.schedule(2);
    saver.cancel();
    await clock.advance(2000);
    await saver.flush();
    assert.deepEqual(saved, [1]);
  });

  it('reports background failures to onError and keeps going; flush rejects on failure', async () => {
    const clock = new FakeClock();
    const errors: unknown[] = [];
    let fail = true;
    const saved: number[] = [];
    const saver = createThrottledSaver<number>(
      async (v) => {
        if (fail) throw new Error(`disk full ${v}`);
        saved.push(v);
      },
      1000,
      { clock, onError: (e) => errors.push(e) },
    );
    saver.schedule(1);
    await settle();
    assert.match(String(errors[0]), /disk full 1/);
    saver.schedule(2);
    await assert.rejects(saver.flush(), /disk full 2/);
    fail = false;
    saver.schedule(3);
    await saver.flush();
    assert.deepEqual(saved, [3]);
    assert.equal(errors.length, 1, 'flush failures are not reported twice');
  });

  it('works with real timers and the store (a reload mid-answer keeps the text so far)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'history-saver-'));
    try {
      const store = new HistoryStore(folder);
      const c = conversation('s', 1);
      c.messages[1] = { id: 's-a', role: 'assistant', content: '', status: 'streaming', createdAt: 1 };
      const saver = createThrottledSaver<Conversation>((v) => store.save(v), 20);
      for (const word of ['Hello', ' there', ', streaming', ' text']) {
        c.messages[1].content += word;
        saver.schedule(c);
        await new Promise((resolve) => setTimeout(resolve, 8));
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
      const reloaded = await new HistoryStore(folder).load('s');
      assert.equal(reloaded?.messages[1].content, 'Hello there, streaming text');
      assert.equal(reloaded?.messages[1].status, 'interrupted');
      await saver.flush();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
