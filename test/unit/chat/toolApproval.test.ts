import assert from 'node:assert/strict';
import { needsApproval, PendingApprovals } from '../../../src/core/chat/toolApproval';

describe('tool approval', () => {
  it('needsApproval: a protected file always waits; otherwise ask waits unless allowed for the conversation, auto never', () => {
    const table: [Parameters<typeof needsApproval>, boolean][] = [
      [['auto', undefined, false], false],
      [['auto', undefined, true], false],
      [['ask', undefined, false], true],
      [['ask', undefined, true], false],
      [['auto', '.env', false], true],
      [['auto', '.env', true], true],
      [['ask', '.env', true], true],
    ];
    for (const [args, expected] of table) assert.equal(needsApproval(...args), expected, JSON.stringify(args));
  });

  describe('PendingApprovals', () => {
    const key = { conversationId: 'c', messageId: 'm', callId: 'call_1' };

    it('resolves a waiting call with the answer for exactly that call, once', async () => {
      const approvals = new PendingApprovals();
      const waiting = approvals.wait(key, new AbortController().signal);
      assert.equal(approvals.answer({ ...key, callId: 'call_2' }, 'allow'), false, 'another call');
      assert.equal(approvals.answer({ ...key, messageId: 'other' }, 'allow'), false, 'another message');
      assert.equal(approvals.answer(key, 'deny'), true);
      assert.equal(await waiting, 'deny');
      assert.equal(approvals.answer(key, 'allow'), false, 'answered already');
    });

    it('resolves cancelled when the signal aborts (Stop), or at once when it already has', async () => {
      const approvals = new PendingApprovals();
      const stop = new AbortController();
      const waiting = approvals.wait(key, stop.signal);
      stop.abort();
      assert.equal(await waiting, 'cancelled');
      assert.equal(approvals.answer(key, 'allow'), false, 'no longer waits');
      assert.equal(await approvals.wait(key, stop.signal), 'cancelled');
    });

    it('the same call asked again: the older question is cancelled, the answer goes to the newer', async () => {
      const approvals = new PendingApprovals();
      const signal = new AbortController().signal;
      const older = approvals.wait(key, signal);
      const newer = approvals.wait(key, signal);
      assert.equal(await older, 'cancelled');
      approvals.answer(key, 'allowConversation');
      assert.equal(await newer, 'allowConversation');
    });
  });
});
