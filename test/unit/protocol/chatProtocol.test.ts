import assert from 'node:assert/strict';
import {
  MAX_ID_CHARS,
  MAX_TEXT_CHARS,
  isHostMessage,
  isRequestResult,
  isWebviewMessage,
  parseWebviewMessage,
  type HostMessage,
  type WebviewMessage,
} from '../../../src/protocol/chatProtocol';
import { MAX_MODEL_ID_CHARS } from '../../../src/protocol/modelId';

const goodWebviewMessages: WebviewMessage[] = [
  { type: 'ready' },
  { type: 'send', conversationId: null, text: 'hello', model: 'anthropic/claude-sonnet-4' },
  { type: 'send', conversationId: 'c1', text: '', model: 'x/y' },
  { type: 'stop', conversationId: 'c1' },
  { type: 'retry', conversationId: 'c1' },
  { type: 'newChat' },
  { type: 'openConversation', id: 'c1' },
  { type: 'renameConversation', id: 'c1', title: 'New title' },
  { type: 'deleteConversation', id: 'c1' },
  { type: 'setModel', conversationId: null, model: 'openai/gpt-4o' },
  // Ids of local servers: llama.cpp reports the model file (longer than other ids), Ollama name:tag.
  { type: 'setModel', conversationId: null, model: `/models/${'m'.repeat(300)}.gguf` },
  { type: 'send', conversationId: null, text: 'hi', model: 'llama3.2:3b' },
  { type: 'removeChip', id: 'chip-1' },
  { type: 'copy', text: 'abc' },
  { type: 'insertAtCursor', code: 'let x = 1;' },
  { type: 'openInEditor', code: 'print(1)', language: 'python' },
  { type: 'openLink', href: 'javascript:alert(1)' },
  { type: 'setApiKey' },
  { type: 'openWalkthrough' },
  { type: 'continueInCline', conversationId: 'c1' },
  { type: 'search', requestId: 7, query: 'foo' },
];

describe('chatProtocol', () => {
  describe('parseWebviewMessage', () => {
    for (const message of goodWebviewMessages) {
      it(`accepts a good ${message.type} message`, () => {
        const result = parseWebviewMessage(message);
        assert.deepEqual(result, { ok: true, message });
        assert.equal(isWebviewMessage(message), true);
      });
    }

    it('strips unknown keys from the returned message', () => {
      const result = parseWebviewMessage({ type: 'stop', conversationId: 'c', extra: 'x' });
      assert.deepEqual(result, { ok: true, message: { type: 'stop', conversationId: 'c' } });
    });

    it('leaves the href scheme to the host (only checks it is a bounded string)', () => {
      assert.equal(parseWebviewMessage({ type: 'openLink', href: 42 }).ok, false);
      assert.equal(parseWebviewMessage({ type: 'openLink', href: 'x'.repeat(10_000) }).ok, false);
    });

    const bad: Array<[string, unknown, RegExp]> = [
      ['null', null, /not an object/],
      ['a string', 'ready', /not an object/],
      ['an array', [], /unknown message type/],
      ['no type', { text: 'x' }, /unknown message type/],
      ['a non-string type', { type: 3 }, /unknown message type number/],
      ['an unknown type', { type: 'deleteEverything' }, /unknown message type "deleteEverything"/],
      ['a prototype key as type', { type: 'constructor' }, /unknown message type/],
      ['send without text', { type: 'send', conversationId: null, model: 'm' }, /send: invalid text/],
      ['send with numeric text', { type: 'send', conversationId: null, text: 5, model: 'm' }, /send: invalid text/],
      ['send with undefined conversation', { type: 'send', text: 'x', model: 'm' }, /send: invalid conversationId/],
      [
        'send with oversize text',
        { type: 'send', conversationId: null, text: 'a'.repeat(MAX_TEXT_CHARS + 1), model: 'm' },
        /send: invalid text: expected <=1000000/,
      ],
      ['copy with oversize text', { type: 'copy', text: 'a'.repeat(MAX_TEXT_CHARS + 1) }, /copy: invalid text/],
      ['an oversize id', { type: 'openConversation', id: 'i'.repeat(MAX_ID_CHARS + 1) }, /openConversation: invalid id/],
      ['an oversize model id', { type: 'setModel', conversationId: null, model: 'm'.repeat(MAX_MODEL_ID_CHARS + 1) }, /invalid model/],
      ['search with a fractional request id', { type: 'search', requestId: 1.5, query: 'q' }, /search: invalid requestId/],
      ['search with a negative request id', { type: 'search', requestId: -1, query: 'q' }, /search: invalid requestId/],
      ['openInEditor without language', { type: 'openInEditor', code: 'x' }, /openInEditor: invalid language/],
    ];
    for (const [name, raw, pattern] of bad) {
      it(`rejects ${name}`, () => {
        const result = parseWebviewMessage(raw);
        assert.equal(result.ok, false);
        if (!result.ok) assert.match(result.error, pattern);
        assert.equal(isWebviewMessage(raw), false);
      });
    }

    it('accepts text exactly at the limit', () => {
      const result = parseWebviewMessage({ type: 'send', conversationId: null, text: 'a'.repeat(MAX_TEXT_CHARS), model: 'm' });
      assert.equal(result.ok, true);
    });

    it('never echoes a huge value in the error', () => {
      const result = parseWebviewMessage({ type: 'copy', text: 'Z'.repeat(MAX_TEXT_CHARS + 1) });
      assert.equal(result.ok, false);
      if (!result.ok) assert.ok(result.error.length < 200, result.error);
    });
  });

  describe('isHostMessage', () => {
    const message = {
      id: 'm1',
      role: 'assistant',
      content: 'hi',
      createdAt: 1,
      status: 'done',
      usage: { promptTokens: 1, completionTokens: 2, cachedTokens: 0, cost: 0.001 },
    } as const;
    const good: HostMessage[] = [
      {
        type: 'init',
        conversations: [],
        active: null,
        models: [{ id: 'a/b', name: 'B', free: true }],
        defaultModel: 'a/b',
        hasApiKey: false,
        keyRequired: true,
        chips: [],
        workspace: { trusted: true, tools: true, hasFolder: true },
      },
      { type: 'conversation', conversation: { id: 'c', title: 't', model: 'a/b', createdAt: 1, updatedAt: 2, messages: [message] } },
      {
        type: 'streamStart',
        conversationId: 'c',
        message: { id: 'm2', role: 'assistant', content: '', createdAt: 3, status: 'streaming' },
        userMessage: { id: 'u', role: 'user', content: 'q', createdAt: 2 },
      },
      { type: 'streamDelta', conversationId: 'c', messageId: 'm2', content: 'x', toolCalls: [{ index: 0, name: 'f', arguments: '{' }] },
      {
        type: 'streamEnd',
        conversationId: 'c',
        messageId: 'm2',
        status: 'error',
        error: { kind: 'unauthorized', status: 401, message: 'bad key', requestId: 'r', retryable: false },
      },
      { type: 'models', models: [], source: 'fallback' },
      { type: 'apiKey', hasApiKey: true, keyRequired: true },
      { type: 'modelRefused', model: ' ', reason: 'The model id is empty.', using: 'a/b' },
      { type: 'chips', chips: [{ id: 'k', label: 'a.ts:1-2', language: 'typescript', code: 'x' }] },
      { type: 'focusInput' },
      { type: 'reply', requestId: 1, ok: true, result: [] },
    ];
    for (const m of good) it(`accepts ${m.type}`, () => assert.equal(isHostMessage(m), true));

    it('rejects malformed host messages', () => {
      assert.equal(isHostMessage({ type: 'streamEnd', conversationId: 'c', messageId: 'm', status: 'weird' }), false);
      assert.equal(
        isHostMessage({
          type: 'streamEnd',
          conversationId: 'c',
          messageId: 'm',
          status: 'error',
          error: { kind: 'teapot', message: '', retryable: false },
        }),
        false,
      );
      assert.equal(isHostMessage({ type: 'apiKey' }), false);
      assert.equal(isHostMessage({ type: 'nope' }), false);
      assert.equal(isHostMessage(undefined), false);
    });

    it('checks search results', () => {
      assert.equal(isRequestResult('search', [{ id: 'c', title: 't', model: 'm', updatedAt: 1, messageCount: 2 }]), true);
      assert.equal(isRequestResult('search', [{ id: 'c' }]), false);
    });

    it('a reply says ok with a result, or not ok with an error for the user', () => {
      assert.equal(isHostMessage({ type: 'reply', requestId: 1, ok: false, error: 'Searching the conversations failed: EIO' }), true);
      assert.equal(isHostMessage({ type: 'reply', requestId: 1, ok: false }), false);
    });
  });
});
