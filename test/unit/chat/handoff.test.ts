import { strict as assert } from 'node:assert';
import { handoffPrompt } from '../../../src/core/chat/handoff';
import type { StoredToolCall } from '../../../src/core/chat/requestMessages';
import type { Conversation } from '../../../src/protocol/chatProtocol';

function conversation(messages: ['user' | 'assistant', string][]): Conversation {
  return {
    id: 'c1',
    title: 'Closures',
    model: 'anthropic/claude-sonnet-4-6',
    createdAt: 1,
    updatedAt: 2,
    messages: messages.map(([role, content], i) => ({ id: `m${i}`, role, content, createdAt: i })),
  };
}

describe('handoffPrompt', () => {
  it('has the transcript in order and the last question at the end', () => {
    const text = handoffPrompt(
      conversation([
        ['user', 'What is a closure?'],
        ['assistant', 'A function with its scope.'],
        ['user', 'Refactor utils.ts to use one'],
      ]),
    );
    assert.match(text, /User: What is a closure\?\n\nAssistant: A function with its scope\./);
    assert.ok(text.trimEnd().endsWith('Refactor utils.ts to use one'));
    assert.ok(!text.includes('User: Refactor utils.ts'), 'the last question is not repeated in the transcript');
    assert.match(text, /model anthropic\/claude-sonnet-4-6/);
  });

  it('clips long turns and drops the oldest ones beyond the budget', () => {
    const long = 'x'.repeat(5000);
    const turns: ['user' | 'assistant', string][] = [
      ['user', 'first'],
      ['assistant', long],
      ['user', 'second'],
      ['assistant', 'short'],
      ['user', 'last'],
    ];
    assert.match(handoffPrompt(conversation(turns), { maxTurnChars: 100 }), /…\[4900 more characters\]/);
    const text = handoffPrompt(conversation(turns), { maxTurnChars: 100, maxTranscriptChars: 150 });
    assert.match(text, /\(2 earlier message\(s\) omitted\)/);
    assert.ok(!text.includes('User: first'));
    assert.ok(text.includes('Assistant: short'));
  });

  it('keeps the code attached to the last question', () => {
    const conv = conversation([['user', 'Why does this fail?']]);
    conv.messages[0].context = [{ id: 'x', label: 'src/a.ts:3-4', language: 'typescript', code: 'throw new Error()' }];
    assert.match(handoffPrompt(conv), /Why does this fail\?\n\nsrc\/a\.ts:3-4:\n```typescript\nthrow new Error\(\)\n```$/);
  });

  it('skips empty (failed) answers', () => {
    const text = handoffPrompt(
      conversation([
        ['user', 'q1'],
        ['assistant', ''],
        ['user', 'q2'],
      ]),
    );
    assert.ok(!text.includes('Assistant:'));
  });

  describe("what the chat's tools read", () => {
    function withRounds(): Conversation {
      const conv = conversation([
        ['user', 'Where is x set?'],
        ['assistant', 'Let me look.'],
        ['assistant', 'In a.ts and the config.'],
        ['user', 'Move it to config.ts'],
      ]);
      conv.messages[1].toolCalls = [
        {
          index: 0,
          id: 'c0',
          name: 'read_file',
          arguments: '{"path":"src/a.ts","startLine":10,"endLine":40}',
          state: 'done',
          output: 'SECRET_FILE_CONTENT line 10',
        },
        {
          index: 1,
          id: 'c1',
          name: 'read_file',
          arguments: '{"path":".env"}',
          state: 'denied',
          output: 'The user declined this tool call.',
        },
        { index: 2, id: 'c2', name: 'search_text', arguments: '{"query":"x ="}', state: 'done', output: 'src/a.ts:12: x = 1' },
      ];
      (conv.messages[1].toolCalls[2] as StoredToolCall).reads = [{ path: 'src/a.ts', startLine: 12, endLine: 12 }];
      conv.messages[2].toolCalls = [
        { index: 0, id: 'c3', name: 'read_file', arguments: '{"path":"config.ts"}', state: 'done', output: 'export {}' },
        {
          index: 1,
          id: 'c4',
          name: 'read_file',
          arguments: '{"path":"src/a.ts","startLine":10,"endLine":40}',
          state: 'done',
          output: 'again',
        },
      ];
      (conv.messages[2].toolCalls[0] as StoredToolCall).reads = [{ path: 'config.ts' }];
      return conv;
    }

    it('names each part read, once, with its lines, and never copies what was read', () => {
      const text = handoffPrompt(withRounds());
      assert.match(
        text,
        /Read from the workspace during the chat \(open them again for their current content\):\n- src\/a\.ts lines 10-40\n- src\/a\.ts line 12\n- config\.ts\n\nThe question to work on now/,
      );
      assert.ok(!text.includes('SECRET_FILE_CONTENT'), 'no tool output');
      assert.ok(!text.includes('x = 1'));
      assert.ok(!text.includes('.env'), 'a denied call read nothing');
    });

    it('counts what is beyond the limit', () => {
      const text = handoffPrompt(withRounds(), { maxReads: 1 });
      assert.match(text, /- src\/a\.ts lines 10-40\n- \(and 2 more\)/);
    });

    it('says nothing of reads when nothing was read', () => {
      assert.ok(!handoffPrompt(conversation([['user', 'q']])).includes('Read from the workspace'));
    });
  });
});
