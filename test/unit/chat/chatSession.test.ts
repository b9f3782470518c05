import { strict as assert } from 'node:assert';
import { messageForView, requestMessages, userContent, type StoredMessage } from '../../../src/core/chat/requestMessages';
import type { Conversation } from '../../../src/protocol/chatProtocol';

describe('chatSession helpers', () => {
  const details = [{ type: 'reasoning.encrypted', data: 'opaque' }];
  const conversation: Conversation = {
    id: 'c',
    title: 't',
    model: 'm/x',
    createdAt: 0,
    updatedAt: 0,
    messages: [
      { id: 'u1', role: 'user', content: 'first', createdAt: 1, context: [{ id: 'k', label: 'a.ts:1', language: 'ts', code: 'x()' }] },
      { id: 'a1', role: 'assistant', content: 'answer', createdAt: 2, reasoningDetails: details } as StoredMessage,
      { id: 'a-failed', role: 'assistant', content: '', createdAt: 3, status: 'error' },
      { id: 'u2', role: 'user', content: 'second', createdAt: 4 },
      { id: 'a2', role: 'assistant', content: '', createdAt: 5, status: 'streaming' },
    ],
  };

  it('requestMessages: system first, chips as fenced code, reasoning_details sent back, empty answers and the answer being written left out', () => {
    assert.deepEqual(requestMessages(conversation, 'a2', ' sys '), [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'first\n\na.ts:1:\n```ts\nx()\n```' },
      { role: 'assistant', content: 'answer', reasoning_details: details },
      { role: 'user', content: 'second' },
    ]);
    assert.equal(requestMessages(conversation, 'a2', '   ')[0].role, 'user', 'a blank system prompt sends none');
  });

  it('messageForView hides reasoning blocks from the webview and keeps everything else', () => {
    const stored = conversation.messages[1] as StoredMessage;
    const shown = messageForView(stored);
    assert.ok(!('reasoningDetails' in shown));
    assert.equal(shown.content, 'answer');
    assert.ok(stored.reasoningDetails, 'the stored message keeps them');
  });

  it('userContent with only a chip sends just the code', () => {
    assert.equal(userContent('  ', [{ id: 'k', label: 'b.py:2', language: 'python', code: 'pass' }]), 'b.py:2:\n```python\npass\n```');
  });
});
