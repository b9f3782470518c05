import assert from 'node:assert/strict';
import { SerialQueue } from '../../../src/core/cline/serialQueue';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SerialQueue', () => {
  it('runs jobs one at a time, in the order they were queued, even when later ones are faster', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const job = (name: string, ms: number) => async () => {
      running++;
      assert.equal(running, 1, `${name} overlapped another job`);
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([queue.run(job('a', 30)), queue.run(job('b', 1)), queue.run(job('c', 10))]);
    assert.deepEqual(results, ['a', 'b', 'c']);
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('a failing job rejects its own caller and does not stop the next', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'still runs');
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 'still runs');
  });

  it('reports its size (queued + running) as it changes', async () => {
    const sizes: number[] = [];
    const queue = new SerialQueue((n) => sizes.push(n));
    const a = queue.run(() => tick(5));
    const b = queue.run(() => tick(5));
    assert.equal(queue.size, 2);
    await Promise.all([a, b]);
    await tick(0);
    assert.deepEqual(sizes, [1, 2, 1, 0]);
    assert.equal(queue.size, 0);
  });
});
