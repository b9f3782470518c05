import { strict as assert } from 'node:assert';
import { handoffPrompt } from '../../../src/core/chat/handoff';
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
});
