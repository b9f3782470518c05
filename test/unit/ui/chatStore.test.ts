/**
 * The chat view's store in Node (it has no DOM): it applies every host message, owns the send state
 * (the question waiting for its answer, the one typed before init) and says what changed.
 */
import { strict as assert } from 'node:assert';
import type { ChatMessage, Conversation, HostMessage, HostMessageOf, WebviewMessage } from '../../../src/protocol/chatProtocol';
import { ChatStore, PENDING_QUESTION_TIMEOUT_MS, type ChatChange } from '../../../src/ui/chatStore';

const SUMMARY = { id: 'c1', title: 'First', model: 'openai/gpt-4o', updatedAt: 1, messageCount: 2 };

function message(id: string, role: 'user' | 'assistant', content: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { id, role, content, createdAt: 1, ...extra };
}

function conversation(id: string, messages: ChatMessage[]): Conversation {
  return { id, title: 'First', model: 'openai/gpt-4o', createdAt: 1, updatedAt: 2, messages };
}

function init(extra: Partial<HostMessageOf<'init'>> = {}): HostMessage {
  return {
    type: 'init',
    conversations: [SUMMARY],
    active: null,
    models: [{ id: 'a/b', name: 'B' }],
    defaultModel: 'anthropic/claude-sonnet-4',
    hasApiKey: true,
    keyRequired: true,
    chips: [],
    workspace: { trusted: true, tools: true, hasFolder: true },
    ...extra,
  };
}

function setup() {
  const posted: WebviewMessage[] = [];
  const changes: ChatChange[] = [];
  let now = 1_000_000;
  const store = new ChatStore({ post: (m) => posted.push(m), now: () => now });
  store.subscribe((change) => changes.push(change));
  return {
    store,
    posted,
    changes,
    types: () => changes.map((c) => c.type),
    advance: (ms: number) => {
      now += ms;
    },
    clear: () => {
      posted.length = 0;
      changes.length = 0;
    },
  };
}

describe('ChatStore (the chat view state, in Node)', () => {
  it('applies init and says what changed, ending with initialized', () => {
    const { store, types } = setup();
    store.apply(init({ active: conversation('c1', [message('u1', 'user', 'q'), message('a1', 'assistant', 'a', { status: 'done' })]) }));
    assert.deepEqual(types(), ['conversations', 'models', 'apiKey', 'chips', 'workspace', 'opened', 'model', 'streaming', 'initialized']);
    assert.equal(store.activeId, 'c1');
    assert.equal(store.model, 'openai/gpt-4o', 'the open conversation’s model');
    assert.deepEqual(
      store.models.map((m) => m.id),
      ['a/b'],
    );
    assert.equal(store.canContinue, true);
    assert.equal(store.activeStreaming, false);
  });

  it('a conversation opened with an answer still streaming counts as streaming', () => {
    const { store } = setup();
    store.apply(
      init({ active: conversation('c1', [message('u1', 'user', 'q'), message('a1', 'assistant', 'par', { status: 'streaming' })]) }),
    );
    assert.equal(store.activeStreaming, true);
    assert.equal(store.send('another'), 'busy');
  });

  describe('sending', () => {
    it('shows the question at once and posts it with the chips and the model', () => {
      const { store, posted, changes } = setup();
      store.apply(init({ chips: [{ id: 'k', label: 'a.ts:1', language: 'ts', code: 'x' }] }));
      assert.equal(store.send('hello'), 'sent');
      assert.deepEqual(posted, [{ type: 'send', conversationId: null, text: 'hello', model: 'anthropic/claude-sonnet-4' }]);
      const added = changes.at(-1);
      assert.ok(added?.type === 'messageAdded' && added.message.content === 'hello' && added.message.context?.[0].id === 'k');
    });

    it('sends one question at a time; a question whose answer never started is dropped after a while', () => {
      const { store, posted, changes, advance } = setup();
      store.apply(init());
      store.send('first');
      const first = changes.at(-1);
      assert.equal(store.send('second'), 'busy');
      assert.equal(posted.length, 1);
      advance(PENDING_QUESTION_TIMEOUT_MS);
      assert.equal(store.send('second'), 'sent');
      assert.ok(first?.type === 'messageAdded');
      assert.deepEqual(
        changes.slice(-2).map((c) => c.type),
        ['messageRemoved', 'messageAdded'],
      );
      assert.deepEqual(changes.at(-2), { type: 'messageRemoved', id: first.message.id });
      assert.deepEqual(
        posted.map((m) => m.type === 'send' && m.text),
        ['first', 'second'],
      );
    });

    it('without an API key sends nothing', () => {
      const { store, posted } = setup();
      store.apply(init({ hasApiKey: false }));
      assert.equal(store.send('q'), 'noApiKey');
      store.apply({ type: 'apiKey', hasApiKey: true, keyRequired: true });
      assert.equal(store.send('q'), 'sent');
      assert.equal(posted.length, 1);
    });

    it('a server that needs no key (not the Cline API) is asked without one; pointing back at Cline asks for it', () => {
      const { store, posted } = setup();
      store.apply(init({ hasApiKey: false, keyRequired: false }));
      assert.equal(store.needsApiKey, false);
      assert.equal(store.send('q'), 'sent');
      store.apply({ type: 'apiKey', hasApiKey: false, keyRequired: true });
      assert.equal(store.needsApiKey, true);
      assert.equal(store.send('q2'), 'noApiKey');
      assert.equal(posted.length, 1);
    });

    it('keeps a question typed before init and sends it once init arrives', () => {
      const { store, posted, changes } = setup();
      assert.equal(store.send('early'), 'queued');
      assert.deepEqual(posted, []);
      store.apply(init());
      assert.deepEqual(posted, [{ type: 'send', conversationId: null, text: 'early', model: 'anthropic/claude-sonnet-4' }]);
      assert.deepEqual(changes.at(-1), { type: 'queuedSent', text: 'early' });
      assert.ok(changes.findIndex((c) => c.type === 'initialized') < changes.findIndex((c) => c.type === 'queuedSent'));
    });

    it('drops the queued question when the box no longer holds it', () => {
      const { store, posted } = setup();
      store.send('early');
      store.draftChanged('early');
      store.draftChanged('early, then edited');
      store.apply(init());
      assert.deepEqual(posted, []);
    });
  });

  describe('streaming an answer', () => {
    function started() {
      const s = setup();
      s.store.apply(init());
      s.store.send('What is 2+2?');
      s.clear();
      s.store.apply({
        type: 'streamStart',
        conversationId: 'c9',
        message: message('a1', 'assistant', '', { status: 'streaming' }),
        userMessage: message('u1', 'user', 'What is 2+2?'),
      });
      return s;
    }

    it('a new chat adopts the id the host gave it; the host’s copy of the question replaces the pending one', () => {
      const { store, types, changes } = started();
      assert.deepEqual(types(), ['activeId', 'messageRemoved', 'messageAdded', 'messageAdded', 'streaming']);
      assert.equal(store.activeId, 'c9');
      assert.deepEqual(
        store.active?.messages.map((m) => m.id),
        ['u1', 'a1'],
      );
      assert.ok(changes[1].type === 'messageRemoved' && changes[1].id.startsWith('pending-'));
      assert.equal(store.activeStreaming, true);
      assert.equal(store.send('more'), 'busy');
    });

    it('applies deltas to the answer (content, reasoning, tool call fragments) and hands each on', () => {
      const { store, changes, clear } = started();
      clear();
      store.apply({ type: 'streamDelta', conversationId: 'c9', messageId: 'a1', reasoning: 'Adding.' });
      store.apply({ type: 'streamDelta', conversationId: 'c9', messageId: 'a1', content: '2+2 ' });
      store.apply({
        type: 'streamDelta',
        conversationId: 'c9',
        messageId: 'a1',
        toolCalls: [{ index: 0, id: 'call_1', name: 'calc', arguments: '{"x":' }],
      });
      store.apply({ type: 'streamDelta', conversationId: 'c9', messageId: 'a1', toolCalls: [{ index: 0, name: '', arguments: '4}' }] });
      store.apply({ type: 'streamDelta', conversationId: 'c9', messageId: 'a1', content: 'is 4.' });
      // Another conversation's answer does not touch this one.
      store.apply({ type: 'streamDelta', conversationId: 'other', messageId: 'a1', content: 'NO' });
      const answer = store.active?.messages[1];
      assert.equal(answer?.content, '2+2 is 4.');
      assert.equal(answer?.reasoning, 'Adding.');
      assert.deepEqual(answer?.toolCalls, [{ index: 0, id: 'call_1', name: 'calc', arguments: '{"x":4}' }]);
      assert.equal(changes.length, 5);
      const last = changes[4];
      assert.ok(last.type === 'delta' && last.message === answer && last.delta.content === 'is 4.');
    });

    it('ends the answer with its status, usage and error, and the view may send again', () => {
      const { store, changes, clear } = started();
      clear();
      const usage = { promptTokens: 3, completionTokens: 4, cachedTokens: 0, cost: 0.001 };
      store.apply({ type: 'streamEnd', conversationId: 'c9', messageId: 'a1', status: 'done', usage });
      assert.deepEqual(
        changes.map((c) => c.type),
        ['messageEnded', 'streaming'],
      );
      assert.equal(store.active?.messages[1].status, 'done');
      assert.deepEqual(store.active?.messages[1].usage, usage);
      assert.equal(store.activeStreaming, false);
      assert.equal(store.send('next'), 'sent');
    });

    it('an answer in another conversation is tracked but not shown', () => {
      const { store, changes, clear } = started();
      store.apply({ type: 'streamEnd', conversationId: 'c9', messageId: 'a1', status: 'done' });
      clear();
      store.apply({ type: 'streamStart', conversationId: 'elsewhere', message: message('x1', 'assistant', '', { status: 'streaming' }) });
      assert.deepEqual(
        changes.map((c) => c.type),
        ['streaming'],
      );
      assert.equal(store.activeStreaming, false);
    });
  });

  it('retry drops the last answer and asks again; not while an answer streams', () => {
    const { store, posted, changes, clear } = setup();
    store.apply(init({ active: conversation('c1', [message('u1', 'user', 'q'), message('a1', 'assistant', 'bad', { status: 'error' })]) }));
    clear();
    store.retry();
    assert.deepEqual(changes, [{ type: 'messageRemoved', id: 'a1' }]);
    assert.deepEqual(posted, [{ type: 'retry', conversationId: 'c1' }]);
    store.apply({ type: 'streamStart', conversationId: 'c1', message: message('a2', 'assistant', '', { status: 'streaming' }) });
    clear();
    store.retry();
    assert.deepEqual(posted, []);
  });

  it('retry drops every round of the last answer (the rounds with tool calls too)', () => {
    const { store, posted, changes, clear } = setup();
    store.apply(
      init({
        active: conversation('c1', [
          message('u1', 'user', 'q'),
          message('a1', 'assistant', '', {
            status: 'done',
            toolCalls: [{ index: 0, id: 't1', name: 'read_file', arguments: '{}', state: 'done' }],
          }),
          message('a2', 'assistant', 'half', { status: 'stopped' }),
        ]),
      }),
    );
    clear();
    store.retry();
    assert.deepEqual(changes, [
      { type: 'messageRemoved', id: 'a2' },
      { type: 'messageRemoved', id: 'a1' },
    ]);
    assert.deepEqual(
      store.active?.messages.map((m) => m.id),
      ['u1'],
    );
    assert.deepEqual(posted, [{ type: 'retry', conversationId: 'c1' }]);
  });

  describe('an answer with tool calls', () => {
    const readCall = { index: 0, id: 'call_1', name: 'read_file', arguments: '{"path":"src/app.ts"}' };

    function withToolRound() {
      const s = setup();
      s.store.apply(init({ active: conversation('c1', [message('u1', 'user', 'q')]) }));
      s.store.apply({ type: 'streamStart', conversationId: 'c1', message: message('a1', 'assistant', '', { status: 'streaming' }) });
      s.store.apply({ type: 'streamDelta', conversationId: 'c1', messageId: 'a1', toolCalls: [readCall] });
      s.clear();
      return s;
    }

    it('stays busy from a streamEnd that continues until the last round ends', () => {
      const { store, types, clear } = withToolRound();
      store.apply({ type: 'streamEnd', conversationId: 'c1', messageId: 'a1', status: 'done', continues: true });
      assert.deepEqual(types(), ['messageEnded', 'streaming']);
      assert.equal(store.active?.messages[1].status, 'done');
      assert.equal(store.activeStreaming, true, 'the host runs the calls: Stop stays');
      assert.equal(store.send('another'), 'busy');
      store.stop();
      clear();
      store.apply({ type: 'streamStart', conversationId: 'c1', message: message('a2', 'assistant', '', { status: 'streaming' }) });
      assert.deepEqual(types(), ['messageAdded', 'streaming']);
      assert.equal(store.activeStreaming, true);
      store.apply({ type: 'streamEnd', conversationId: 'c1', messageId: 'a2', status: 'done' });
      assert.equal(store.activeStreaming, false);
      assert.deepEqual(
        store.active?.messages.map((m) => m.id),
        ['u1', 'a1', 'a2'],
      );
      assert.equal(store.send('next'), 'sent');
    });

    it('a streamEnd without continues (Stop between rounds) ends the busy state', () => {
      const { store } = withToolRound();
      store.apply({ type: 'streamEnd', conversationId: 'c1', messageId: 'a1', status: 'done', continues: true });
      store.apply({ type: 'streamEnd', conversationId: 'c1', messageId: 'a1', status: 'stopped' });
      assert.equal(store.activeStreaming, false);
      assert.equal(store.active?.messages[1].status, 'stopped');
    });

    it('toolCall replaces the call with its index, adds a new one in index order, and says so', () => {
      const { store, changes } = withToolRound();
      const running = { ...readCall, state: 'running' as const };
      store.apply({ type: 'toolCall', conversationId: 'c1', messageId: 'a1', call: running });
      const done = { ...readCall, state: 'done' as const, summary: 'src/app.ts lines 1-3', output: '1| a' };
      store.apply({ type: 'toolCall', conversationId: 'c1', messageId: 'a1', call: done });
      const second = { index: 2, id: 'call_3', name: 'list_files', arguments: '{}', state: 'waiting' as const };
      const first = { index: 1, id: 'call_2', name: 'get_problems', arguments: '{}', state: 'running' as const };
      store.apply({ type: 'toolCall', conversationId: 'c1', messageId: 'a1', call: second });
      store.apply({ type: 'toolCall', conversationId: 'c1', messageId: 'a1', call: first });
      // Another conversation's or an unknown message's call changes nothing.
      store.apply({ type: 'toolCall', conversationId: 'other', messageId: 'a1', call: { ...readCall, state: 'failed' } });
      store.apply({ type: 'toolCall', conversationId: 'c1', messageId: 'nope', call: { ...readCall, state: 'failed' } });
      const answer = store.active?.messages[1];
      assert.deepEqual(answer?.toolCalls, [done, first, second]);
      assert.equal(changes.length, 4);
      const last = changes[3];
      assert.ok(last.type === 'toolCall' && last.message === answer && last.call.index === 1);
    });

    it('posts the decision on a waiting call with the open conversation and the call id', () => {
      const { store, posted } = withToolRound();
      store.decideToolCall('a1', 'call_1', 'allowConversation');
      assert.deepEqual(posted, [
        { type: 'toolApproval', conversationId: 'c1', messageId: 'a1', callId: 'call_1', decision: 'allowConversation' },
      ]);
    });

    it('a conversation opened while a call waits or runs is busy (a reload between rounds)', () => {
      const { store } = setup();
      const waiting = message('a1', 'assistant', '', { status: 'done', toolCalls: [{ ...readCall, state: 'waiting' }] });
      store.apply(init({ active: conversation('c1', [message('u1', 'user', 'q'), waiting]) }));
      assert.equal(store.activeStreaming, true);
      const finished = message('a1', 'assistant', 'ok', { status: 'done', toolCalls: [{ ...readCall, state: 'done' }] });
      store.apply({ type: 'conversation', conversation: conversation('c1', [message('u1', 'user', 'q'), finished]) });
      assert.equal(store.activeStreaming, false);
    });
  });

  it('adds notes to a message and says so', () => {
    const { store, changes, clear } = setup();
    store.apply(init({ active: conversation('c1', [message('u1', 'user', 'q'), message('a1', 'assistant', 'a', { status: 'done' })]) }));
    clear();
    store.apply({ type: 'note', conversationId: 'c1', messageId: 'a1', text: 'Answered without tools.' });
    store.apply({ type: 'note', conversationId: 'c1', messageId: 'a1', text: 'Second.' });
    store.apply({ type: 'note', conversationId: 'c2', messageId: 'a1', text: 'elsewhere' });
    assert.deepEqual(store.active?.messages[1].notes, ['Answered without tools.', 'Second.']);
    assert.deepEqual(
      changes.map((c) => c.type === 'note' && c.text),
      ['Answered without tools.', 'Second.'],
    );
  });

  it('follows the workspace state (init, then changes)', () => {
    const { store, changes, clear } = setup();
    assert.equal(store.workspace.trusted, true, 'no Restricted Mode notice before the host said so');
    store.apply(init({ workspace: { trusted: false, tools: false, hasFolder: true } }));
    assert.deepEqual(store.workspace, { trusted: false, tools: false, hasFolder: true });
    clear();
    store.apply({ type: 'workspace', workspace: { trusted: true, tools: true, hasFolder: true } });
    assert.deepEqual(changes, [{ type: 'workspace' }]);
    assert.equal(store.workspace.tools, true);
  });

  describe('@ mentions', () => {
    const file = { kind: 'file' as const, path: 'src/app.ts', label: '@src/app.ts' };
    const problems = { kind: 'problems' as const, label: '@problems' };

    it('are kept once each, sent with the next question, shown on it, then cleared', () => {
      const { store, posted, changes, clear } = setup();
      store.apply(init());
      clear();
      assert.equal(store.addMention(file), true);
      assert.equal(store.addMention({ ...file, label: 'other label, same file' }), false);
      assert.equal(store.addMention(problems), true);
      assert.deepEqual(store.mentions, [file, problems]);
      assert.equal(store.send('explain'), 'sent');
      assert.deepEqual(posted, [
        { type: 'send', conversationId: null, text: 'explain', model: 'anthropic/claude-sonnet-4', mentions: [file, problems] },
      ]);
      const shown = changes.find((c) => c.type === 'messageAdded');
      assert.ok(shown?.type === 'messageAdded');
      assert.deepEqual(
        shown.message.context?.map((c) => [c.label, c.mention]),
        [
          ['@src/app.ts', 'file'],
          ['@problems', 'problems'],
        ],
      );
      assert.deepEqual(store.mentions, []);
      assert.deepEqual(
        changes.map((c) => c.type),
        ['mentions', 'mentions', 'messageAdded', 'mentions'],
      );
    });

    it('stay when the question cannot go yet (no key, before init) and go with it once it can', () => {
      const { store, posted } = setup();
      store.addMention(file);
      assert.equal(store.send('early'), 'queued');
      assert.deepEqual(store.mentions, [file]);
      store.apply(init());
      assert.ok(posted[0]?.type === 'send' && posted[0].mentions?.[0].path === 'src/app.ts');
      const other = setup();
      other.store.apply(init({ hasApiKey: false }));
      other.store.addMention(file);
      assert.equal(other.store.send('q'), 'noApiKey');
      assert.deepEqual(other.store.mentions, [file]);
    });

    it('a question without mentions sends none; a removed one is not sent', () => {
      const { store, posted } = setup();
      store.apply(init());
      store.addMention(file);
      store.removeMention({ kind: 'file', path: 'src/app.ts', label: '' });
      store.send('q');
      assert.deepEqual(posted, [{ type: 'send', conversationId: null, text: 'q', model: 'anthropic/claude-sonnet-4' }]);
    });

    it('restores a saved draft’s mentions without duplicates and at most MAX_MENTIONS', () => {
      const { store, changes } = setup();
      const many = Array.from({ length: 60 }, (_, i) => ({ kind: 'file' as const, path: `f${i}`, label: `@f${i}` }));
      store.restoreMentions([file, file, ...many]);
      assert.equal(store.mentions.length, 50);
      assert.deepEqual(store.mentions[0], file);
      assert.deepEqual(changes, []);
      assert.equal(store.addMention(problems), false, 'full');
    });
  });

  it('rename, delete, model and chips change the state, say so and tell the host', () => {
    const { store, posted, types, clear } = setup();
    store.apply(
      init({ active: conversation('c1', [message('u1', 'user', 'q')]), chips: [{ id: 'k1', label: 'a', language: 'ts', code: '' }] }),
    );
    clear();
    store.rename('c1', 'Renamed');
    assert.equal(store.conversations[0].title, 'Renamed');
    assert.equal(store.active?.title, 'Renamed');
    store.chooseModel('x/y');
    assert.equal(store.model, 'x/y');
    store.removeChip('k1');
    assert.deepEqual(store.chips, []);
    store.remove('c1');
    assert.deepEqual(store.conversations, []);
    assert.equal(store.activeId, null, 'the open conversation was deleted: a new chat');
    assert.deepEqual(types(), ['conversations', 'model', 'chips', 'conversations', 'opened', 'model', 'streaming']);
    assert.deepEqual(posted, [
      { type: 'renameConversation', id: 'c1', title: 'Renamed' },
      { type: 'setModel', conversationId: 'c1', model: 'x/y' },
      { type: 'removeChip', id: 'k1' },
      { type: 'deleteConversation', id: 'c1' },
    ]);
  });

  it('a model the host refused: the next question goes to the one it uses, and the view is told why', () => {
    const { store, posted, changes, clear } = setup();
    store.apply(init());
    store.chooseModel('bad\nid');
    clear();
    store.apply({ type: 'modelRefused', model: 'bad\nid', reason: 'The model id has a line break.', using: 'anthropic/claude-sonnet-4' });
    assert.equal(store.model, 'anthropic/claude-sonnet-4');
    assert.deepEqual(changes, [
      { type: 'model' },
      { type: 'modelRefused', model: 'bad\nid', reason: 'The model id has a line break.', using: 'anthropic/claude-sonnet-4' },
    ]);
    store.send('q');
    assert.ok(posted[0].type === 'send' && posted[0].model === 'anthropic/claude-sonnet-4');
  });

  it('asks the host for a conversation only when another one is open', () => {
    const { store, posted } = setup();
    store.apply(init({ active: conversation('c1', []) }));
    store.requestConversation('c1');
    store.requestConversation('c2');
    assert.deepEqual(posted, [{ type: 'openConversation', id: 'c2' }]);
  });

  it('New Chat opens an empty chat and tells the host', () => {
    const { store, posted, changes, clear } = setup();
    store.apply(init({ active: conversation('c1', [message('u1', 'user', 'q')]) }));
    clear();
    store.newChat();
    assert.equal(store.active, null);
    assert.equal(store.canContinue, false);
    assert.deepEqual(changes[0], { type: 'opened', byInit: false });
    assert.deepEqual(posted, [{ type: 'newChat' }]);
  });
});
