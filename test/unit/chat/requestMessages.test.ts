import { strict as assert } from 'node:assert';
import type { ChatRequestMessage } from '../../../src/core/chat/client';
import {
  foldToolMessages,
  messageForView,
  NO_RESULT_TEXT,
  requestMessages,
  userContent,
  type StoredMessage,
} from '../../../src/core/chat/requestMessages';
import type { Conversation } from '../../../src/protocol/chatProtocol';

describe('requestMessages and the view of a message', () => {
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

  it("userContent prints a chip's note (what the size budget cut) after its label", () => {
    assert.equal(
      userContent('Why?', [{ id: 'k', label: 'src/a.ts', language: 'ts', code: 'x', note: 'cut: 1 KB of 9 KB' }]),
      'Why?\n\nsrc/a.ts (cut: 1 KB of 9 KB):\n```ts\nx\n```',
    );
  });
});

describe('requestMessages with tool rounds', () => {
  const round = (
    id: string,
    content: string,
    calls: StoredMessage['toolCalls'],
    status: StoredMessage['status'] = 'done',
  ): StoredMessage => ({
    id,
    role: 'assistant',
    content,
    createdAt: 1,
    status,
    toolCalls: calls,
  });
  const conversation = (messages: StoredMessage[]): Conversation => ({
    id: 'c',
    title: 't',
    model: 'm/x',
    createdAt: 0,
    updatedAt: 0,
    messages,
  });

  it('expands each round into the assistant message with tool_calls and one tool message per call, with the output the user saw', () => {
    const messages = requestMessages(
      conversation([
        { id: 'u', role: 'user', content: 'q', createdAt: 0 },
        round('r1', '', [
          {
            index: 0,
            id: 'call_a',
            name: 'read_file',
            arguments: '{"path":"a.ts"}',
            state: 'done',
            output: 'A',
            reads: [{ path: 'a.ts' }],
          },
          { index: 1, id: 'call_b', name: 'list_files', arguments: '{}', state: 'refused', output: 'outside the workspace' },
        ]),
        round('r2', 'Both read.', undefined),
        round('r3', '', [], 'streaming'),
      ]),
      'r3',
    );
    assert.deepEqual(messages, [
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } },
          { id: 'call_b', type: 'function', function: { name: 'list_files', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: 'A' },
      { role: 'tool', tool_call_id: 'call_b', content: 'outside the workspace' },
      { role: 'assistant', content: 'Both read.' },
    ]);
  });

  it('keeps the history valid: unfinished calls are answered as such, malformed arguments sent as {}, nameless calls and missing ids handled', () => {
    const messages = requestMessages(
      conversation([
        { id: 'u', role: 'user', content: 'q', createdAt: 0 },
        round(
          'r1',
          'Reading',
          [
            { index: 0, id: 'call_a', name: 'read_file', arguments: '{"path":"a.ts"}', state: 'cancelled' },
            { index: 1, name: 'read_file', arguments: '{"path": "b.t', state: 'cancelled' },
            { index: 2, name: '', arguments: '' },
          ],
          'stopped',
        ),
        { id: 'u2', role: 'user', content: 'go on', createdAt: 2 },
      ]),
      'none',
    );
    assert.deepEqual(messages.slice(1), [
      {
        role: 'assistant',
        content: 'Reading',
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } },
          { id: 'call_1_r1', type: 'function', function: { name: 'read_file', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: NO_RESULT_TEXT },
      { role: 'tool', tool_call_id: 'call_1_r1', content: NO_RESULT_TEXT },
      { role: 'user', content: 'go on' },
    ]);
  });

  it('messageForView hides what the calls read (and the reasoning blocks), and does not change the stored message', () => {
    const stored = round('r1', '', [
      { index: 0, id: 'c1', name: 'read_file', arguments: '{}', state: 'done', output: 'A', reads: [{ path: 'a.ts' }] },
    ]);
    stored.reasoningDetails = [{ type: 'x' }];
    const shown = messageForView(stored);
    assert.deepEqual(shown.toolCalls, [{ index: 0, id: 'c1', name: 'read_file', arguments: '{}', state: 'done', output: 'A' }]);
    assert.ok(!('reasoningDetails' in shown));
    assert.deepEqual(stored.toolCalls?.[0].reads, [{ path: 'a.ts' }]);
  });
});

describe('foldToolMessages (a request without tools)', () => {
  it('leaves a history without tool messages untouched (the same array)', () => {
    const messages: ChatRequestMessage[] = [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a', reasoning_details: [{ type: 'x' }] },
    ];
    assert.equal(foldToolMessages(messages), messages);
  });

  it('turns calls and results into text of the assistant, joins the rounds into one message, and drops their reasoning blocks', () => {
    const input: ChatRequestMessage[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content: 'Let me look.',
        reasoning_details: [{ type: 'signed' }],
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'const a = "```";' },
      { role: 'assistant', content: 'It sets a.', reasoning_details: [{ type: 'signed' }] },
      { role: 'user', content: 'and b?' },
      { role: 'assistant', content: 'b is unset.', reasoning_details: [{ type: 'kept' }] },
    ];
    const copy = structuredClone(input);
    assert.deepEqual(foldToolMessages(input), [
      { role: 'system', content: 's' },
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content:
          'Let me look.\n\n(Called read_file {"path":"a.ts"}.)\n\nread_file {"path":"a.ts"} returned:\n````\nconst a = "```";\n````\n\nIt sets a.',
      },
      { role: 'user', content: 'and b?' },
      { role: 'assistant', content: 'b is unset.', reasoning_details: [{ type: 'kept' }] },
    ]);
    assert.deepEqual(input, copy, 'the messages given are not changed');
  });
});
