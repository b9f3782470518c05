import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createThrottledSaver,
  HistoryStore,
  markInterrupted,
  type ThrottleClock,
} from '../../../src/core/chat/history';
import type { ChatMessage, Conversation } from '../../../src/protocol/chatProtocol';

function conversation(id: string, updatedAt: number, extra: Partial<Conversation> = {}): Conversation {
  return {
    id,
    title: `Conversation ${id}`,
    model: 'anthropic/claude-sonnet-4',
    createdAt: updatedAt - 1,
    updatedAt,
    messages: [
      { id: `${id}-u`, role: 'user', content: `Question about ${id}`, createdAt: updatedAt - 1 },
      { id: `${id}-a`, role: 'assistant', content: 'An answer.', status: 'done', createdAt: updatedAt },
    ],
    ...extra,
  };
}

describe('chat/history', () => {
  let folder: string;
  let corrupt: [string, Error][];
  const open = (): HistoryStore => new HistoryStore(folder, { onCorrupt: (file, error) => corrupt.push([file, error]) });
  const convPath = (id: string): string => join(folder, 'conversations', `${id}.json`);

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'history-test-'));
    corrupt = [];
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('round-trips a conversation through its file and the index', async () => {
    const store = open();
    const c = conversation('c1', 1000);
    await store.save(c);
    assert.deepEqual(await store.load('c1'), c);
    assert.deepEqual(JSON.parse(await readFile(convPath('c1'), 'utf8')), c);
    const index = JSON.parse(await readFile(join(folder, 'index.json'), 'utf8'));
    assert.deepEqual(index, {
      version: 1,
      conversations: [{ id: 'c1', title: 'Conversation c1', model: 'anthropic/claude-sonnet-4', updatedAt: 1000, messageCount: 2 }],
    });
    // A second store (a window reload) sees the same.
    assert.deepEqual(await open().list(), index.conversations);
    assert.deepEqual(await open().load('c1'), c);
  });

  it('keeps fields it does not know (reasoning details for the API)', async () => {
    const c = conversation('c1', 1);
    (c.messages[1] as ChatMessage & { reasoningDetails: unknown[] }).reasoningDetails = [{ type: 'x', text: 'y' }];
    await open().save(c);
    assert.deepEqual(await open().load('c1'), c);
  });

  it('lists most recent first', async () => {
    const store = open();
    await store.save(conversation('old', 1));
    await store.save(conversation('new', 3));
    await store.save(conversation('mid', 2));
    assert.deepEqual((await store.list()).map((s) => s.id), ['new', 'mid', 'old']);
  });

  it('saves the state at the time of the call', async () => {
    const store = open();
    const c = conversation('c1', 1);
    const saving = store.save(c);
    c.title = 'changed after the call';
    await saving;
    assert.equal((await open().load('c1'))?.title, 'Conversation c1');
  });

  it('writes atomically: the file always parses, the last save wins, no temp files remain', async () => {
    const store = open();
    await store.save(conversation('c1', 0));
    let reading = true;
    let reads = 0;
    const reader = (async () => {
      while (reading) {
        const text = await readFile(convPath('c1'), 'utf8');
        JSON.parse(text); // throws on a partial file
        reads++;
      }
    })();
    const big = 'x'.repeat(200_000);
    const saves: Promise<void>[] = [];
    for (let i = 1; i <= 40; i++) {
      saves.push(store.save(conversation('c1', i, { title: `v${i}`, messages: [{ id: 'm', role: 'user', content: big + i, createdAt: i }] })));
      if (i % 10 === 0) await saves[saves.length - 1];
    }
    await Promise.all(saves);
    reading = false;
    await reader;
    assert.ok(reads > 0);
    const final = (await open().load('c1')) as Conversation;
    assert.equal(final.title, 'v40');
    assert.equal(final.messages[0].content, big + 40);
    const leftovers = [...(await readdir(folder)), ...(await readdir(join(folder, 'conversations')))].filter((n) => n.endsWith('.tmp'));
    assert.deepEqual(leftovers, []);
  });

  it('never interleaves concurrent saves of different conversations in the index', async () => {
    const store = open();
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.save(conversation(`c${i}`, i))));
    const index = JSON.parse(await readFile(join(folder, 'index.json'), 'utf8'));
    assert.equal(index.conversations.length, 30);
    assert.equal((await open().list()).length, 30);
  });

  it('quarantines corrupt files, reports each once, and loads the others', async () => {
    const store = open();
    await store.save(conversation('good', 5));
    await store.save(conversation('broken', 4));
    await store.save(conversation('shape', 3));
    await writeFile(convPath('broken'), '{"id":"broken","messa');
    await writeFile(convPath('shape'), JSON.stringify({ id: 'shape', messages: [{ id: 1, role: 'robot' }] }));
    await rm(join(folder, 'index.json')); // force reading every file

    const fresh = open();
    assert.deepEqual((await fresh.list()).map((s) => s.id), ['good']);
    assert.deepEqual(corrupt.map(([file]) => file).sort(), ['conversations/broken.json', 'conversations/shape.json']);
    assert.match(corrupt.find(([f]) => f.includes('broken'))![1].message, /not valid JSON/);
    assert.match(corrupt.find(([f]) => f.includes('shape'))![1].message, /not a conversation/);
    const names = (await readdir(join(folder, 'conversations'))).sort();
    assert.deepEqual(names, ['broken.json.corrupt', 'good.json', 'shape.json.corrupt']);
    assert.deepEqual(await fresh.load('good'), conversation('good', 5));

    // Listing again reports nothing new: the bad files are out of the way.
    await open().list();
    assert.equal(corrupt.length, 2);
  });

  it('quarantines a corrupt file found on load and drops it from the list', async () => {
    const store = open();
    await store.save(conversation('a', 1));
    await store.save(conversation('b', 2));
    await writeFile(convPath('a'), 'not json');
    const fresh = open();
    assert.equal(await fresh.load('a'), undefined);
    assert.equal(corrupt.length, 1);
    assert.deepEqual((await fresh.list()).map((s) => s.id), ['b']);
    const index = JSON.parse(await readFile(join(folder, 'index.json'), 'utf8'));
    assert.deepEqual(index.conversations.map((s: { id: string }) => s.id), ['b']);
  });

  it('treats a file whose id does not match its name as corrupt', async () => {
    await open().save(conversation('a', 1));
    await writeFile(convPath('b'), JSON.stringify(conversation('a', 1)));
    assert.deepEqual((await open().list()).map((s) => s.id), ['a']);
    assert.deepEqual(corrupt.map(([f]) => f), ['conversations/b.json']);
  });

  it('rebuilds a corrupt or missing index from the files, without reporting it', async () => {
    const store = open();
    await store.save(conversation('a', 1));
    await store.save(conversation('b', 2));
    await writeFile(join(folder, 'index.json'), '{"version":1,"conversations":[{"id":"a"}]}');
    assert.deepEqual((await open().list()).map((s) => s.id), ['b', 'a']);
    const rebuilt = JSON.parse(await readFile(join(folder, 'index.json'), 'utf8'));
    assert.equal(rebuilt.conversations.length, 2);

    await writeFile(join(folder, 'index.json'), 'garbage');
    assert.equal((await open().list()).length, 2);
    await rm(join(folder, 'index.json'));
    assert.equal((await open().list()).length, 2);
    assert.deepEqual(corrupt, []);
  });

  it('reconciles the index with files added or removed by another window', async () => {
    const store = open();
    await store.save(conversation('mine', 1));
    assert.equal((await store.list()).length, 1);
    await open().save(conversation('theirs', 2)); // another window
    assert.deepEqual((await store.list()).map((s) => s.id), ['theirs', 'mine']);
    await rm(convPath('theirs'));
    assert.deepEqual((await store.list()).map((s) => s.id), ['mine']);
  });

  it('prunes the oldest conversations beyond the maximum', async () => {
    const store = open();
    for (let i = 1; i <= 5; i++) await store.save(conversation(`c${i}`, i * 10));
    assert.deepEqual((await store.prune(2)).sort(), ['c1', 'c2', 'c3']);
    assert.deepEqual((await store.list()).map((s) => s.id), ['c5', 'c4']);
    assert.deepEqual((await readdir(join(folder, 'conversations'))).sort(), ['c4.json', 'c5.json']);
    assert.deepEqual(await store.prune(), [], 'the default keeps 200');
  });

  it('searches titles and message text, case-insensitively', async () => {
    const store = open();
    await store.save(conversation('a', 1, { title: 'Regex help' }));
    await store.save(conversation('b', 2, { messages: [{ id: 'm', role: 'assistant', content: 'Use a REGULAR expression.', createdAt: 2 }] }));
    await store.save(conversation('c', 3, { title: 'Unrelated' }));
    assert.deepEqual((await store.search('regex')).map((s) => s.id), ['a']);
    assert.deepEqual((await store.search('  regular EXPRESSION ')).map((s) => s.id), ['b']);
    assert.deepEqual((await open().search('question about c')).map((s) => s.id), ['c']);
    assert.deepEqual(await store.search('nothing like this'), []);
    assert.equal((await store.search('')).length, 3);
  });

  it('renames without changing updatedAt, and ignores unknown ids', async () => {
    const store = open();
    await store.save(conversation('a', 7));
    await store.rename('a', 'New name');
    const loaded = await open().load('a');
    assert.equal(loaded?.title, 'New name');
    assert.equal(loaded?.updatedAt, 7);
    assert.equal((await open().list())[0].title, 'New name');
    await store.rename('missing', 'x');
    assert.equal((await store.list()).length, 1);
  });

  it('deletes, and ignores a late save of a deleted conversation', async () => {
    const store = open();
    await store.save(conversation('a', 1));
    await store.save(conversation('b', 2));
    const late = conversation('a', 3);
    const racing = store.save(late); // still queued when the delete arrives
    await store.delete('a');
    await racing;
    await store.save(late);
    assert.equal(await store.load('a'), undefined);
    assert.deepEqual((await open().list()).map((s) => s.id), ['b']);
    assert.deepEqual(await readdir(join(folder, 'conversations')), ['b.json']);
  });

  it('rejects ids that are not safe file names', async () => {
    const store = open();
    await assert.rejects(store.save(conversation('../escape', 1)), /Cannot save/);
    assert.equal(await store.load('../escape'), undefined);
    assert.equal(await store.load('missing'), undefined);
  });

  describe('interrupted answers', () => {
    it('marks answers left streaming by an earlier run as interrupted, on load, and saves that', async () => {
      const c = conversation('a', 1);
      c.messages[1].status = 'streaming';
      c.messages[1].content = 'Half an ans';
      await open().save(c);

      const nextRun = open();
      const loaded = await nextRun.load('a');
      assert.equal(loaded?.messages[1].status, 'interrupted');
      assert.equal(loaded?.messages[1].content, 'Half an ans');
      const onDisk = JSON.parse(await readFile(convPath('a'), 'utf8')) as Conversation;
      assert.equal(onDisk.messages[1].status, 'interrupted');
    });

    it('leaves a streaming answer of this run alone', async () => {
      const store = open();
      const c = conversation('a', 1);
      c.messages[1].status = 'streaming';
      await store.save(c);
      assert.equal((await store.load('a'))?.messages[1].status, 'streaming');
    });

    it('markInterrupted changes only streaming assistant messages', () => {
      const c = conversation('a', 1);
      assert.equal(markInterrupted(c), false);
      c.messages[1].status = 'streaming';
      c.messages[0].status = 'streaming';
      assert.equal(markInterrupted(c), true);
      assert.equal(c.messages[1].status, 'interrupted');
      assert.equal(c.messages[0].status, 'streaming');
    });
  });
});

/** A clock whose time only moves when the test says so. */
class FakeClock implements ThrottleClock {
  time = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  get pendingTimers(): number {
    return this.timers.length;
  }
  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= this.time);
      if (due.length === 0) break;
      this.timers = this.timers.filter((t) => t.at > this.time);
      for (const t of due) t.callback();
      await settle();
    }
    await settle();
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('chat/history createThrottledSaver', () => {
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
