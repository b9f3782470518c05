import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateCompanion, resetStandIn, setStandInBehaviour, standInCalls, waitFor } from './helpers';
import { clineInternals, exactCalls, run, withSettings } from './clineHelpers';

describe('Cline bridge (stand-in Cline installed)', () => {
  it('our activation does not activate Cline: that waits for the first use', async () => {
    await activateCompanion();
    const cline = vscode.extensions.getExtension('saoudrizwan.claude-dev');
    assert.ok(cline, 'the stand-in is installed');
    assert.equal(cline.isActive, false);
    assert.equal((await clineInternals()).bridge.state().availability, 'installed');
  });

  describe('calls', () => {
    beforeEach(async () => {
      await resetStandIn();
      const { memory } = await clineInternals();
      await memory.setDraft('task', undefined);
      await memory.setDraft('message', undefined);
    });

    it('startTask activates Cline on first use, sends exactly one startNewTask and reveals its view', async () => {
      const result = await run('clineCompanion.startTask', 'Write a changelog entry');
      assert.deepEqual(result, { ok: true, prompt: 'Write a changelog entry' });
      const [call] = await exactCalls(1);
      assert.equal(call.method, 'startNewTask');
      assert.deepEqual(call.args, ['Write a changelog entry', undefined]);
      const view = await waitFor(async () => {
        const s = await vscode.commands.executeCommand<{ resolved: boolean; visible: boolean }>('clineStandIn.viewState');
        return s?.visible ? s : undefined;
      }, "Cline's view visible");
      assert.equal(view.resolved, true);
      assert.equal((await clineInternals()).bridge.state().availability, 'active');
    });

    it('sendMessage, approve and reject each send exactly one call of the right method', async () => {
      assert.equal((await run('clineCompanion.sendMessage', 'yes, go on')).ok, true);
      assert.equal((await run('clineCompanion.approve')).ok, true);
      assert.equal((await run('clineCompanion.reject')).ok, true);
      const calls = await exactCalls(3);
      assert.deepEqual(
        calls.map((c) => [c.method, c.args[0]]),
        [
          ['sendMessage', 'yes, go on'],
          ['pressPrimaryButton', undefined],
          ['pressSecondaryButton', undefined],
        ],
      );
    });

    it('focusCline reveals the view without calling the API', async () => {
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      assert.equal((await run('clineCompanion.focusCline')).ok, true);
      await waitFor(
        async () => (await vscode.commands.executeCommand<{ visible: boolean }>('clineStandIn.viewState'))?.visible,
        'view visible',
      );
      assert.deepEqual(await standInCalls(), []);
    });

    it('a throwing method: callFailed, a notification with Retry, Show Log and Copy Prompt, and the text kept as a draft', async () => {
      const internals = await clineInternals();
      await setStandInBehaviour({ throwFrom: ['startNewTask'] });
      const result = await run('clineCompanion.startTask', 'Refactor the parser');
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, 'callFailed');
      const shown = internals.notifier.lastShown!;
      assert.equal(shown.kind, 'callFailed');
      assert.match(shown.message, /Cline could not start the task: stand-in Cline: startNewTask failed on purpose/);
      assert.match(shown.message, /Your text is kept/);
      assert.deepEqual(shown.labels, ['Retry', 'Show Log', 'Copy Prompt']);
      assert.equal(internals.memory.draft('task'), 'Refactor the parser');
      assert.equal(internals.bridge.state().lastError?.kind, 'callFailed');

      // Retry, once Cline works again, sends the same text and clears the draft.
      await setStandInBehaviour({});
      await shown.choose('Retry');
      const calls = await exactCalls(2);
      assert.deepEqual(
        calls.map((c) => c.args[0]),
        ['Refactor the parser', 'Refactor the parser'],
      );
      assert.equal(internals.memory.draft('task'), undefined);
      assert.equal(internals.bridge.state().lastError, undefined);
    });

    it('Copy Prompt puts the prompt on the clipboard', async () => {
      const internals = await clineInternals();
      await setStandInBehaviour({ throwFrom: ['startNewTask'] });
      await run('clineCompanion.startTask', 'A prompt worth keeping');
      await vscode.env.clipboard.writeText('something else');
      await internals.notifier.lastShown!.choose('Copy Prompt');
      assert.equal(await vscode.env.clipboard.readText(), 'A prompt worth keeping');
    });

    it('an incomplete API: "incompatible Cline version" naming the missing method, and nothing sent', async () => {
      const internals = await clineInternals();
      await setStandInBehaviour({ missing: ['sendMessage'] });
      const result = await run('clineCompanion.sendMessage', 'hello?');
      assert.equal(!result.ok && result.reason, 'incompatible');
      const shown = internals.notifier.lastShown!;
      assert.match(shown.message, /Incompatible Cline version \(4\.1\.99\): its API lacks sendMessage\./);
      assert.deepEqual(shown.labels, ['Update Cline', 'Show Log', 'Copy Prompt']);
      assert.equal(internals.memory.draft('message'), 'hello?');
      assert.deepEqual(await standInCalls(), []);
      // All four are checked on every call: a Cline without sendMessage is not trusted with the others either.
      const approved = await run('clineCompanion.approve');
      assert.equal(!approved.ok && approved.reason, 'incompatible');
      assert.deepEqual(await standInCalls(), []);
      // ...and once the API is whole again (an update), calls go through without a reload.
      await setStandInBehaviour({});
      assert.equal((await run('clineCompanion.approve')).ok, true);
    });

    it('approve failing offers no Copy Prompt (there is no prompt)', async () => {
      const internals = await clineInternals();
      await setStandInBehaviour({ throwFrom: ['pressPrimaryButton'] });
      await run('clineCompanion.approve');
      assert.deepEqual(internals.notifier.lastShown!.labels, ['Retry', 'Show Log']);
      assert.match(internals.notifier.lastShown!.message, /Cline could not approve/);
    });

    it('calls made while Cline is slow reach it one at a time, in order, and are not cancelled', async () => {
      await withSettings({ 'cline.timeoutSeconds': 1 }, async () => {
        await setStandInBehaviour({ delayMs: 700 });
        const results = await Promise.all([
          run('clineCompanion.startTask', 'first'),
          run('clineCompanion.sendMessage', 'second'),
          run('clineCompanion.sendMessage', 'third'),
        ]);
        assert.deepEqual(
          results.map((r) => r.ok),
          [true, true, true],
        );
        const calls = await exactCalls(3);
        assert.deepEqual(
          calls.map((c) => c.args[0]),
          ['first', 'second', 'third'],
        );
        // Each call started only after the previous one settled (700 ms each).
        for (let i = 1; i < calls.length; i++)
          assert.ok(calls[i].time - calls[i - 1].time >= 650, `call ${i} overlapped: ${calls[i].time - calls[i - 1].time} ms`);
      });
    });
  });
});
