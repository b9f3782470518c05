import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController, type ChatControllerDeps } from '../../../src/core/chat/chatController';
import type { ChatEvent } from '../../../src/core/chat/client';
import { HistoryStore } from '../../../src/core/chat/history';
import { createThrottledSaver } from '../../../src/core/chat/throttledSaver';
import type { HostMessage } from '../../../src/protocol/chatProtocol';
import { FakeClock } from '../fakeClock';

/** The controller on the real store, as the extension wires it, keeping `maxConversations` (the chat.maxConversations setting). */
function setup(folder: string, settings: { maxConversations: number }) {
  const posted: HostMessage[] = [];
  const clock = new FakeClock(1_700_000_000_000);
  const store = new HistoryStore(folder, { clock });
  let n = 0;
  const deps: ChatControllerDeps = {
    post: (m) => posted.push(m),
    store,
    createSaver: () => createThrottledSaver((c) => store.save(c), 1000, { clock }),
    stream: async function* () {
      yield { type: 'content', text: 'ok' } as ChatEvent;
    },
    settings: () => ({ baseUrl: 'http://127.0.0.1:1', model: 'anthropic/claude-sonnet-4-6', idleTimeoutMs: 1000, ...settings }),
    apiKey: async () => 'k',
    models: async () => ({ models: [], source: 'fallback' }),
    initialModels: () => [],
    workspaceState: () => ({ trusted: true, tools: true, hasFolder: true }),
    suggestMentions: async () => [],
    resolveMentions: async () => [],
    tools: () => undefined,
    actions: {
      copy: async () => undefined,
      insertAtCursor: async () => undefined,
      openInEditor: async () => undefined,
      openLink: async () => undefined,
      setApiKey: async () => undefined,
      openWalkthrough: async () => undefined,
      continueInCline: async () => true,
    },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined, trace: () => undefined },
    lastActive: { get: () => undefined, set: () => undefined },
    newId: () => `id${++n}`,
    clock,
  };
  const controller = new ChatController(deps);
  /** Asks `text` in a new chat, a minute after the previous question. */
  const askInNewChat = async (text: string): Promise<void> => {
    clock.time += 60_000;
    await controller.newChat();
    await controller.onMessage({ type: 'send', conversationId: null, text, model: 'anthropic/claude-sonnet-4-6' });
  };
  const lastPostedList = () => posted.filter((m) => m.type === 'conversations').at(-1);
  return { store, askInNewChat, lastPostedList };
}

describe('chat history keeps chat.maxConversations', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'max-conversations-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('after each answer, removes the oldest conversations beyond the setting, with their files', async () => {
    const settings = { maxConversations: 2 };
    const { store, askInNewChat, lastPostedList } = setup(folder, settings);
    for (const text of ['first', 'second', 'third']) await askInNewChat(text);

    assert.deepEqual(
      (await store.list()).map((s) => s.title),
      ['third', 'second'],
    );
    assert.equal((await readdir(join(folder, 'conversations'))).length, 2);
    const list = lastPostedList();
    assert.ok(list?.type === 'conversations');
    assert.deepEqual(
      list.conversations.map((s) => s.title),
      ['third', 'second'],
      'the view is sent the pruned list',
    );

    // The setting is read on every save: lowering it takes effect with the next answer.
    settings.maxConversations = 1;
    await askInNewChat('fourth');
    assert.deepEqual(
      (await new HistoryStore(folder).list()).map((s) => s.title),
      ['fourth'],
    );
  });
});
