import { strict as assert } from 'node:assert';
import { parseHookPayload } from '../../../src/core/tasks/hookPayload';
import { TaskQueue, type QueueSnapshot } from '../../../src/core/tasks/taskQueue';
import { TaskTracker, type CompanionTask } from '../../../src/core/tasks/taskTracker';
import { FakeClock } from '../fakeClock';
import { next } from './hookFixtures';

const settle = () => new Promise((r) => setImmediate(r));

function setup(options: { connected?: boolean; failStart?: string } = {}) {
  const clock = new FakeClock();
  let n = 0;
  const tracker = new TaskTracker({ clock, newId: () => `t${++n}`, onChange: () => queue.maybeAdvance() });
  const started: string[] = [];
  const saved: QueueSnapshot[] = [];
  let connected = options.connected ?? true;
  const queue: TaskQueue = new TaskQueue({
    tracker,
    eventsConnected: () => connected,
    start: async (task: CompanionTask) => {
      started.push(task.prompt);
      tracker.starting(task.prompt, task.id);
      if (options.failStart === task.prompt) {
        tracker.failed(task.id, 'Cline is not installed.');
        return { ok: false, reason: 'Cline is not installed.' };
      }
      tracker.started(task.id, connected);
      return { ok: true };
    },
    save: (s) => saved.push(s),
    onChange: () => undefined,
  });
  let cline = 0;
  const feed = (payload: unknown) => {
    const parsed = parseHookPayload(JSON.stringify(payload), clock.now());
    assert.ok(parsed.ok);
    tracker.apply(parsed.event);
  };
  /** Cline takes the task it was given: TaskStart with the prompt, then (optionally) completion. */
  const clineRuns = (prompt: string) => {
    const id = `conv_${++cline}`;
    feed(next.taskStart(id, prompt, 1000 * cline));
    return {
      complete: (result = 'ok') => feed(next.taskComplete(id, result, 1000 * cline + 500)),
      cancel: () => feed(next.taskCancel(id, 1000 * cline + 500)),
      id,
    };
  };
  return { tracker, queue, started, saved, clineRuns, feed, setConnected: (v: boolean) => (connected = v) };
}

describe('TaskQueue', () => {
  it('starts the first task at once when Cline is idle, the next only after TaskComplete', async () => {
    const { queue, started, clineRuns } = setup();
    queue.enqueue('one');
    queue.enqueue('two');
    await settle();
    assert.deepEqual(started, ['one']);
    const one = clineRuns('one');
    await settle();
    assert.deepEqual(started, ['one'], 'never while a task runs');
    one.complete();
    await settle();
    assert.deepEqual(started, ['one', 'two']);
  });

  it('advances on TaskCancel of the running task too', async () => {
    const { queue, started, clineRuns } = setup();
    queue.enqueue('one');
    queue.enqueue('two');
    await settle();
    clineRuns('one').cancel();
    await settle();
    assert.deepEqual(started, ['one', 'two']);
  });

  it('never starts while a task waits for approval', async () => {
    const { queue, started, feed, tracker } = setup();
    tracker.starting('busy');
    feed(next.taskStart('c9', 'busy'));
    feed(next.preToolUse('c9'));
    queue.enqueue('later');
    await settle();
    assert.deepEqual(started, []);
    assert.equal(queue.items()[0]?.prompt, 'later');
  });

  it('without events it never advances on its own; Start Next starts one', async () => {
    const { queue, started } = setup({ connected: false });
    queue.enqueue('one');
    queue.enqueue('two');
    await settle();
    assert.deepEqual(started, []);
    await queue.startNext();
    assert.deepEqual(started, ['one']);
    await settle();
    assert.deepEqual(started, ['one'], 'the unknown state does not advance it');
  });

  it('a failed start pauses the queue with the reason, and resume goes on', async () => {
    const { queue, started } = setup({ failStart: 'one' });
    queue.enqueue('one');
    queue.enqueue('two');
    await settle();
    assert.equal(queue.isPaused, true);
    assert.equal(queue.whyPaused, 'Cline is not installed.');
    assert.deepEqual(started, ['one']);
    queue.resume();
    await settle();
    assert.deepEqual(started, ['one', 'two']);
  });

  it('pause holds it; resume starts the next', async () => {
    const { queue, started } = setup();
    queue.pause();
    queue.enqueue('one');
    await settle();
    assert.deepEqual(started, []);
    queue.resume();
    await settle();
    assert.deepEqual(started, ['one']);
  });

  it('reorders, edits, removes and clears queued tasks', async () => {
    const { queue } = setup();
    queue.pause();
    const a = queue.enqueue('a');
    queue.enqueue('b');
    const c = queue.enqueue('c');
    assert.ok(queue.move(c.id, -2));
    assert.deepEqual(
      queue.items().map((t) => t.prompt),
      ['c', 'a', 'b'],
    );
    assert.ok(queue.edit(a.id, 'a, edited'));
    assert.ok(!queue.edit(a.id, '   '), 'an empty prompt is refused');
    assert.ok(queue.remove(c.id));
    assert.deepEqual(
      queue.items().map((t) => t.prompt),
      ['a, edited', 'b'],
    );
    queue.clear();
    assert.equal(queue.length, 0);
  });

  it('saves a snapshot on every change and restores it after a reload', async () => {
    const first = setup();
    first.queue.pause();
    first.queue.enqueue('one', ['data:image/png;base64,AAAA']);
    first.queue.enqueue('two');
    const snapshot = first.saved.at(-1);
    assert.deepEqual(snapshot, { paused: true, items: [{ prompt: 'one', images: ['data:image/png;base64,AAAA'] }, { prompt: 'two' }] });
    const second = setup();
    second.queue.restore(snapshot);
    assert.deepEqual(
      second.queue.items().map((t) => [t.prompt, t.state]),
      [
        ['one', 'queued'],
        ['two', 'queued'],
      ],
    );
    assert.equal(second.queue.isPaused, true);
  });

  it('restores nothing from a corrupt snapshot, without throwing', () => {
    const { queue } = setup();
    queue.restore({ paused: 'yes', items: [null, 5, { prompt: 7 }, { prompt: 'ok', images: [1, 'x'] }] } as unknown as QueueSnapshot);
    assert.deepEqual(
      queue.items().map((t) => t.prompt),
      ['ok'],
    );
    assert.equal(queue.isPaused, false);
  });

  it('the task a queue starts is the same CompanionTask id that enqueue returned', async () => {
    const { queue, tracker, clineRuns } = setup();
    const task = queue.enqueue('one');
    await settle();
    clineRuns('one');
    assert.equal(tracker.get(task.id)?.state, 'running');
    assert.equal(tracker.get(task.id)?.clineTaskId, 'conv_1');
  });
});
