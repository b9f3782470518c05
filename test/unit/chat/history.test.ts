import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore, markInterrupted } from '../../../src/core/chat/history';
import type { StoredToolCall } from '../../../src/core/chat/requestMessages';
import { STALE_TEMP_MS } from '../../../src/core/files/atomicFile';
import { nodeFileSystem } from '../../../src/core/files/fileSystem';
import { isHostMessage, type ChatMessage, type Conversation } from '../../../src/protocol/chatProtocol';
import { FakeClock } from '../fakeClock';
import { conversation } from './sampleConversation';

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

  it('round-trips the rounds of an answer that used tools: calls with their states and results, what they read, notes', async () => {
    const c = conversation('t1', 5);
    c.messages[1] = {
      id: 't1-a1',
      role: 'assistant',
      content: 'Let me look.',
      status: 'done',
      createdAt: 3,
      toolCalls: [
        {
          index: 0,
          id: 'call_1',
          name: 'read_file',
          arguments: '{"path":"a.ts"}',
          state: 'done',
          summary: 'a.ts, 3 lines',
          output: '1: x',
        },
        {
          index: 1,
          id: 'call_2',
          name: 'read_file',
          arguments: '{"path":"../x"}',
          state: 'refused',
          summary: 'Outside',
          output: 'outside the workspace',
        },
      ],
    };
    (c.messages[1].toolCalls![0] as StoredToolCall).reads = [{ path: 'a.ts', startLine: 1, endLine: 3 }];
    c.messages.push({ id: 't1-a2', role: 'assistant', content: 'x is 1.', status: 'done', createdAt: 4, notes: ['a quiet note'] });
    await open().save(c);
    const loaded = await open().load('t1');
    assert.deepEqual(loaded, c);
    assert.ok(isHostMessage({ type: 'conversation', conversation: loaded }), 'and what loads is a conversation the view accepts');
  });

  it('lists most recent first', async () => {
    const store = open();
    await store.save(conversation('old', 1));
    await store.save(conversation('new', 3));
    await store.save(conversation('mid', 2));
    assert.deepEqual(
      (await store.list()).map((s) => s.id),
      ['new', 'mid', 'old'],
    );
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
      saves.push(
        store.save(conversation('c1', i, { title: `v${i}`, messages: [{ id: 'm', role: 'user', content: big + i, createdAt: i }] })),
      );
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
    assert.deepEqual(
      (await fresh.list()).map((s) => s.id),
      ['good'],
    );
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

  it('checks files against the protocol: what loads, the view accepts; the rest is quarantined', async () => {
    // Each of these passed the store's old hand-written check and loaded, but the view refuses the
    // conversation (and the init message carrying it); a chip without code also broke the next request.
    const broken: Record<string, (c: Conversation) => void> = {
      toolCalls: (c) => Object.assign(c.messages[1], { toolCalls: 'read file' }),
      usage: (c) => Object.assign(c.messages[1], { usage: { promptTokens: 'many', completionTokens: 1, cachedTokens: 0 } }),
      error: (c) => Object.assign(c.messages[1], { status: 'error', error: { kind: 'bogus', message: 'x', retryable: true } }),
      chip: (c) => Object.assign(c.messages[0], { context: [{ id: 'k', label: 'a.ts:1', language: 'ts' }] }),
    };
    await mkdir(join(folder, 'conversations'), { recursive: true });
    await writeFile(convPath('good'), JSON.stringify(conversation('good', 9)));
    for (const [id, breakIt] of Object.entries(broken)) {
      const c = conversation(id, 1);
      breakIt(c);
      await writeFile(convPath(id), JSON.stringify(c));
    }

    const store = open();
    for (const id of ['good', ...Object.keys(broken)]) {
      const loaded = await store.load(id);
      if (loaded !== undefined)
        assert.ok(isHostMessage({ type: 'conversation', conversation: loaded }), `${id} loaded, but the view would refuse it`);
    }
    assert.deepEqual(
      (await store.list()).map((s) => s.id),
      ['good'],
    );
    assert.deepEqual(
      corrupt.map(([file]) => file).sort(),
      Object.keys(broken)
        .map((id) => `conversations/${id}.json`)
        .sort(),
    );
    for (const [, error] of corrupt) assert.match(error.message, /not a conversation: invalid messages\.\d\./);
  });

  it('quarantines a corrupt file found on load and drops it from the list', async () => {
    const store = open();
    await store.save(conversation('a', 1));
    await store.save(conversation('b', 2));
    await writeFile(convPath('a'), 'not json');
    const fresh = open();
    assert.equal(await fresh.load('a'), undefined);
    assert.equal(corrupt.length, 1);
    assert.deepEqual(
      (await fresh.list()).map((s) => s.id),
      ['b'],
    );
    const index = JSON.parse(await readFile(join(folder, 'index.json'), 'utf8'));
    assert.deepEqual(
      index.conversations.map((s: { id: string }) => s.id),
      ['b'],
    );
  });

  it('treats a file whose id does not match its name as corrupt', async () => {
    await open().save(conversation('a', 1));
    await writeFile(convPath('b'), JSON.stringify(conversation('a', 1)));
    assert.deepEqual(
      (await open().list()).map((s) => s.id),
      ['a'],
    );
    assert.deepEqual(
      corrupt.map(([f]) => f),
      ['conversations/b.json'],
    );
  });

  it('rebuilds a corrupt or missing index from the files, without reporting it', async () => {
    const store = open();
    await store.save(conversation('a', 1));
    await store.save(conversation('b', 2));
    await writeFile(join(folder, 'index.json'), '{"version":1,"conversations":[{"id":"a"}]}');
    assert.deepEqual(
      (await open().list()).map((s) => s.id),
      ['b', 'a'],
    );
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
    assert.deepEqual(
      (await store.list()).map((s) => s.id),
      ['theirs', 'mine'],
    );
    await rm(convPath('theirs'));
    assert.deepEqual(
      (await store.list()).map((s) => s.id),
      ['mine'],
    );
  });

  it('prunes the oldest conversations beyond the maximum', async () => {
    const store = open();
    for (let i = 1; i <= 5; i++) await store.save(conversation(`c${i}`, i * 10));
    assert.deepEqual((await store.prune(2)).sort(), ['c1', 'c2', 'c3']);
    assert.deepEqual(
      (await store.list()).map((s) => s.id),
      ['c5', 'c4'],
    );
    assert.deepEqual((await readdir(join(folder, 'conversations'))).sort(), ['c4.json', 'c5.json']);
    assert.deepEqual(await store.prune(), [], 'the default keeps 200');
  });

  it('at start-up removes temp files left by a crash, and keeps a young one (another window is writing it)', async () => {
    const clock = new FakeClock(Date.now());
    await mkdir(join(folder, 'conversations'), { recursive: true });
    const crashed = join(folder, 'index.json.4242.1.tmp');
    const writing = join(folder, 'conversations', 'c1.json.4343.7.tmp');
    await writeFile(crashed, '{');
    await writeFile(writing, '{');
    const ageBy = (path: string, ms: number) => utimes(path, (clock.time - ms) / 1000, (clock.time - ms) / 1000);
    await ageBy(crashed, STALE_TEMP_MS + 1000);
    await ageBy(writing, STALE_TEMP_MS - 1000);

    await new HistoryStore(folder, { clock }).list();
    assert.deepEqual(await readdir(folder).then((names) => names.filter((n) => n.endsWith('.tmp'))), []);
    assert.deepEqual(await readdir(join(folder, 'conversations')), ['c1.json.4343.7.tmp'], 'the young temp file is kept');

    clock.time += 2000; // now it is older than the limit: a later start removes it
    await new HistoryStore(folder, { clock }).list();
    assert.deepEqual(await readdir(join(folder, 'conversations')), []);
  });

  it('saves when Windows refuses the rename for a moment (the retry is wired into the store)', async () => {
    let refusals = 2;
    const fs = {
      ...nodeFileSystem,
      rename: async (from: string, to: string) => {
        if (refusals-- > 0) throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' });
        await nodeFileSystem.rename(from, to);
      },
    };
    const store = new HistoryStore(folder, { fs });
    await store.save(conversation('c1', 1));
    assert.ok(refusals < 0, 'the rename was refused twice, then done');
    assert.deepEqual(await open().load('c1'), conversation('c1', 1));
  });

  it('searches titles and message text, case-insensitively', async () => {
    const store = open();
    await store.save(conversation('a', 1, { title: 'Regex help' }));
    await store.save(
      conversation('b', 2, { messages: [{ id: 'm', role: 'assistant', content: 'Use a REGULAR expression.', createdAt: 2 }] }),
    );
    await store.save(conversation('c', 3, { title: 'Unrelated' }));
    assert.deepEqual(
      (await store.search('regex')).map((s) => s.id),
      ['a'],
    );
    assert.deepEqual(
      (await store.search('  regular EXPRESSION ')).map((s) => s.id),
      ['b'],
    );
    assert.deepEqual(
      (await open().search('question about c')).map((s) => s.id),
      ['c'],
    );
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
    assert.deepEqual(
      (await open().list()).map((s) => s.id),
      ['b'],
    );
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

    it('cancels the tool calls of an interrupted round that were waiting or running, and leaves finished ones', async () => {
      const c = conversation('a', 1);
      c.messages[1].status = 'streaming';
      c.messages[1].toolCalls = [
        { index: 0, id: 'c0', name: 'read_file', arguments: '{}', state: 'done', output: 'A' },
        { index: 1, id: 'c1', name: 'read_file', arguments: '{}', state: 'waiting' },
        { index: 2, id: 'c2', name: 'read_file', arguments: '{}', state: 'running' },
        { index: 3, id: 'c3', name: 'read_file', arguments: '{"pa' },
      ];
      await open().save(c);
      const loaded = await open().load('a');
      assert.deepEqual(
        loaded?.messages[1].toolCalls?.map((call) => call.state),
        ['done', 'cancelled', 'cancelled', 'cancelled'],
      );
      assert.equal(loaded?.messages[1].toolCalls?.[0].output, 'A');
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
