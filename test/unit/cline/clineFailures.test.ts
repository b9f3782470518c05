import assert from 'node:assert/strict';
import { ClineError, describeThrown, type ClineErrorKind, CLINE_ERROR_KINDS } from '../../../src/core/cline/clineError';
import { failureActionLabel, presentFailure } from '../../../src/core/cline/clineFailures';

const withPrompt = { hasPrompt: true, draftKept: false, canRetry: true };
const labels = (kind: ClineErrorKind, error = new ClineError(kind, 'x', { method: 'startNewTask' }), ctx = withPrompt) =>
  presentFailure(error, ctx).actions.map((a) => failureActionLabel(a));

describe('presentFailure: the one table from ClineError to words and buttons', () => {
  it('not installed: Install Cline first, then Copy Prompt', () => {
    const p = presentFailure(new ClineError('notInstalled', 'Cline is not installed.'), withPrompt);
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /^Cline is not installed\. .*saoudrizwan\.claude-dev/);
    assert.deepEqual(labels('notInstalled'), ['Install Cline', 'Copy Prompt']);
  });

  it('disabled: Enable Cline, Reload Window, Copy Prompt', () => {
    assert.deepEqual(labels('disabled'), ['Enable Cline', 'Reload Window', 'Copy Prompt']);
    assert.match(presentFailure(new ClineError('disabled', ''), withPrompt).message, /installed but disabled/);
  });

  it('activation failed: the error, Show Log (no Retry: VS Code keeps a failed activation for the session)', () => {
    const p = presentFailure(new ClineError('activationFailed', 'remote config unreachable'), withPrompt);
    assert.equal(p.message, 'Cline failed to start: remote config unreachable.');
    assert.deepEqual(labels('activationFailed'), ['Show Log', 'Copy Prompt']);
  });

  it('incompatible: "Incompatible Cline version", naming what is missing, or saying there is no API at all', () => {
    const some = presentFailure(
      new ClineError('incompatible', '', { missing: ['sendMessage', 'pressPrimaryButton'], version: '5.0.0' }),
      withPrompt,
    );
    assert.equal(some.message, 'Incompatible Cline version (5.0.0): its API lacks sendMessage, pressPrimaryButton.');
    const none = presentFailure(
      new ClineError('incompatible', '', { missing: ['startNewTask', 'sendMessage', 'pressPrimaryButton', 'pressSecondaryButton'] }),
      withPrompt,
    );
    assert.match(none.message, /^Incompatible Cline version: it does not export the Cline API/);
    assert.deepEqual(labels('incompatible'), ['Update Cline', 'Show Log', 'Copy Prompt']);
  });

  it('a method threw: says what could not be done, offers Retry first', () => {
    const p = presentFailure(new ClineError('callFailed', 'socket closed', { method: 'sendMessage' }), withPrompt);
    assert.equal(p.message, 'Cline could not send the message: socket closed.');
    assert.deepEqual(labels('callFailed'), ['Retry', 'Show Log', 'Copy Prompt']);
  });

  it('Copy Prompt on every failure that has a prompt, never without one; Retry only when the caller can redo it', () => {
    for (const kind of CLINE_ERROR_KINDS) {
      assert.ok(labels(kind).includes('Copy Prompt'), kind);
      assert.ok(!labels(kind, undefined, { hasPrompt: false, draftKept: false, canRetry: true }).includes('Copy Prompt'), kind);
      assert.ok(!labels(kind, undefined, { hasPrompt: true, draftKept: false, canRetry: false }).includes('Retry'), kind);
    }
  });

  it('says the text is kept when it was', () => {
    const p = presentFailure(new ClineError('notInstalled', ''), { ...withPrompt, draftKept: true });
    assert.match(p.message, /Your text is kept: run the command again to edit and resend it\.$/);
  });

  it('describeThrown never prints [object Object]', () => {
    assert.equal(describeThrown(new Error('plain')), 'plain');
    assert.equal(describeThrown('a string'), 'a string');
    assert.equal(describeThrown({ code: 7 }), '{"code":7}');
  });
});
