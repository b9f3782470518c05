/**
 * Cline's task events end to end, in the real extension host, against the stand-in Cline playing each build:
 * connect (our forwarders go into Cline's global hooks folder, chaining a user's own hook), start a task,
 * see it wait with its tool, approve it from our command, see it complete with its result, the queue starting
 * the next task only then, approve refusing when nothing waits, and disconnect restoring the user's hook.
 * The stand-in runs the hook scripts the way Cline does (test/fixtures/standInCline/hooks.js), so the
 * events travel through the real forwarders and spool folder.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClineCompanionApi, CompanionTask } from '../../api/cline-companion';
import { chainedFileName } from '../../src/core/tasks/forwarderScript';
import { activateCompanion, resetStandIn, standInCalls, waitFor } from './helpers';
import { run, testHooks, withSettings } from './clineHelpers';

interface ScriptedTask {
  id: string;
  text: string;
  build: string;
  state: string;
  result?: string;
  turns: number;
}

const scriptedTasks = async () => (await vscode.commands.executeCommand<ScriptedTask[]>('clineStandIn.scriptedTasks')) ?? [];
const globalHooksDir = async () => (await vscode.commands.executeCommand<string>('clineStandIn.globalHooksDir'))!;

/** A user's own TaskComplete hook: it logs its stdin and answers Cline with a context modification. */
const USER_HOOK =
  '#!/bin/sh\n# my own hook\ncat >> "$HOME/user-hook.log"\necho >> "$HOME/user-hook.log"\necho \'{"contextModification":"from the user hook"}\'\n';

for (const build of ['next', 'legacy'] as const) {
  describe(`Cline task events (stand-in playing the ${build} build)`, function () {
    this.timeout(60_000);
    let api: ClineCompanionApi;
    let hooksDir: string;
    let userHook: string;
    const userLog = path.join(os.homedir(), 'user-hook.log');
    const changes: CompanionTask[] = [];
    let subscription: vscode.Disposable | undefined;

    before(async () => {
      await activateCompanion();
      api = (await testHooks()).cline.tasks.api;
      subscription = api.onDidChangeTask((t) => changes.push(t));
      await resetStandIn();
      await vscode.commands.executeCommand('clineStandIn.setBehaviour', { build, hooks: { startDelayMs: 50 } });
      hooksDir = await globalHooksDir();
      fs.mkdirSync(hooksDir, { recursive: true });
      userHook = path.join(hooksDir, 'TaskComplete');
      fs.writeFileSync(userHook, USER_HOOK, { mode: 0o750 });
      fs.chmodSync(userHook, 0o750);
      fs.rmSync(userLog, { force: true });
    });

    after(async () => {
      subscription?.dispose();
      if (api.eventsConnected) await vscode.commands.executeCommand('clineCompanion.disconnectTaskEvents');
      fs.rmSync(userHook, { force: true });
      await resetStandIn();
    });

    it('connect (from code, global) installs a forwarder per event, chains the user hook, and listens', async () => {
      assert.equal(api.eventsConnected, false);
      const ok = await vscode.commands.executeCommand<boolean>('clineCompanion.connectTaskEvents', { scope: 'global' });
      assert.equal(ok, true);
      assert.equal(api.eventsConnected, true);
      for (const event of ['TaskStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'TaskComplete', 'TaskCancel', 'Notification']) {
        const text = fs.readFileSync(path.join(hooksDir, event), 'utf8');
        assert.match(text, /cline-companion-forwarder v\d+/, event);
      }
      assert.equal(fs.readFileSync(path.join(hooksDir, chainedFileName('TaskComplete', 'sh')), 'utf8'), USER_HOOK);
      // The stand-in caches the global hooks like Cline; a reset stands for the window reload Cline needs.
      await vscode.commands.executeCommand('clineStandIn.reset');
      await vscode.commands.executeCommand('clineStandIn.setBehaviour', { build, hooks: { startDelayMs: 50 } });
    });

    it('a started task runs, waits with its tool shown, is approved by our command, and completes with its result', async () => {
      const task = await api.startTask('Run the tests');
      assert.equal(task.prompt, 'Run the tests');
      const waiting = await waitFor(
        () => api.getTasks().find((t) => t.id === task.id && t.state === 'waiting'),
        'the task waiting',
        15_000,
      );
      assert.ok(waiting.clineTaskId, "linked to Cline's task id");
      if (build === 'next') assert.deepEqual(waiting.pendingTool, { name: 'run_commands', parameters: { commands: ['npm test'] } });
      else assert.deepEqual(waiting.pendingTool, { name: 'command', parameters: { message: 'npm test' } });
      const before = (await standInCalls()).filter((c) => c.method === 'pressPrimaryButton').length;
      const answered = await run('clineCompanion.approve');
      assert.deepEqual(answered, { ok: true, message: 'Approved: Run `npm test`?' });
      assert.equal((await standInCalls()).filter((c) => c.method === 'pressPrimaryButton').length, before + 1);
      const done = await waitFor(
        () => api.getTasks().find((t) => t.id === task.id && t.state === 'completed'),
        'the task completed',
        15_000,
      );
      assert.equal(done.result, 'Done: ran `npm test`, all tests pass.');
      assert.ok(
        changes.some((c) => c.id === task.id && c.state === 'running'),
        'a running state was reported',
      );
      // The user's own TaskComplete hook still ran, with the same payload on stdin.
      const logged = await waitFor(() => (fs.existsSync(userLog) ? fs.readFileSync(userLog, 'utf8') : ''), 'the user hook ran');
      assert.match(logged, /"hookName":"TaskComplete"/);
    });

    it('approve with nothing waiting does not press, and says so (a press would start a paid turn)', async () => {
      const before = await standInCalls();
      const result = await run('clineCompanion.approve');
      assert.deepEqual(result, { ok: false, reason: 'noTarget', message: 'Cline has nothing waiting for approval.' });
      const after = await standInCalls();
      assert.equal(
        after.filter((c) => c.method === 'pressPrimaryButton').length,
        before.filter((c) => c.method === 'pressPrimaryButton').length,
      );
      assert.ok(
        (await scriptedTasks()).every((t) => t.turns === 1),
        'no task got a new turn',
      );
    });

    it('reject answers the waiting tool with no, and the task goes on to completion', async () => {
      const task = await api.startTask('Run the tests, again');
      await waitFor(() => api.getTasks().find((t) => t.id === task.id && t.state === 'waiting'), 'the task waiting', 15_000);
      const answered = await run('clineCompanion.reject');
      assert.deepEqual(answered, { ok: true, message: 'Rejected: Run `npm test`?' });
      const done = await waitFor(() => api.getTasks().find((t) => t.id === task.id && t.state === 'completed'), 'completed', 15_000);
      assert.match(done.result ?? '', /declined/);
    });

    it('the queue starts the next task only after the running one has completed', async () => {
      const first = api.enqueueTask('Queued one');
      const second = api.enqueueTask('Queued two');
      await waitFor(() => api.getTasks().find((t) => t.id === first.id && t.state === 'waiting'), 'the first task waiting', 15_000);
      await new Promise((r) => setTimeout(r, 300));
      const started = (await standInCalls()).filter((c) => c.method === 'startNewTask').map((c) => c.args[0]);
      assert.ok(started.includes('Queued one'));
      assert.ok(!started.includes('Queued two'), 'the second must wait while the first waits for approval');
      assert.equal(api.getTasks().find((t) => t.id === second.id)?.state, 'queued');
      await run('clineCompanion.approve');
      await waitFor(() => api.getTasks().find((t) => t.id === first.id && t.state === 'completed'), 'the first completed', 15_000);
      await waitFor(
        () => api.getTasks().find((t) => t.id === second.id && t.state === 'waiting'),
        'the second started and waiting',
        15_000,
      );
      await run('clineCompanion.approve');
      await waitFor(() => api.getTasks().find((t) => t.id === second.id && t.state === 'completed'), 'the second completed', 15_000);
    });

    it('a task cancelled in Cline leaves no task open: sendMessage offers a new task instead of sending', async () => {
      const task = await api.startTask('Something to cancel');
      await waitFor(() => api.getTasks().find((t) => t.id === task.id && t.state === 'waiting'), 'the task waiting', 15_000);
      await vscode.commands.executeCommand('clineStandIn.clearTask');
      await waitFor(() => api.getTasks().find((t) => t.id === task.id && t.state === 'cancelled'), 'the task cancelled', 15_000);
      const before = (await standInCalls()).length;
      const result = await run('clineCompanion.sendMessage', 'Hello?');
      assert.deepEqual(result, {
        ok: false,
        reason: 'noTarget',
        message: 'Cline has no task open, so the message was not sent (Cline would drop it).',
        prompt: 'Hello?',
      });
      assert.equal((await standInCalls()).length, before, 'nothing was sent to Cline');
    });

    it('disconnect removes every forwarder and puts the user hook back byte for byte, with its permissions', async () => {
      const ok = await vscode.commands.executeCommand<boolean>('clineCompanion.disconnectTaskEvents');
      assert.equal(ok, true);
      assert.equal(api.eventsConnected, false);
      assert.deepEqual(fs.readdirSync(hooksDir), ['TaskComplete']);
      assert.equal(fs.readFileSync(userHook, 'utf8'), USER_HOOK);
      assert.equal(fs.statSync(userHook).mode & 0o777, 0o750);
      // Without events, approve is the blind press of before.
      await withSettings({}, async () => {
        const result = await run('clineCompanion.approve');
        assert.equal(result.ok, true);
      });
    });
  });
}

describe('Cline task events that do not arrive', function () {
  this.timeout(60_000);
  after(async () => {
    const api = (await testHooks()).cline.tasks.api;
    if (api.eventsConnected) await vscode.commands.executeCommand('clineCompanion.disconnectTaskEvents');
    await resetStandIn();
  });

  it('when a task starts and no event follows (hooks off in Cline), says why events may not be reaching us', async () => {
    const tasks = (await testHooks()).cline.tasks;
    assert.equal(await vscode.commands.executeCommand<boolean>('clineCompanion.connectTaskEvents', { scope: 'global' }), true);
    await resetStandIn();
    await vscode.commands.executeCommand('clineStandIn.setBehaviour', { hooks: { enabled: false } });
    const problems: string[] = [];
    const subscription = tasks.load().service.onProblem((message) => problems.push(message));
    try {
      const task = await tasks.api.startTask('Nobody will hear of this task');
      assert.equal(task.state, 'starting', 'connected: it waits for its TaskStart');
      const message = await waitFor(() => problems[0], 'the no-events warning', 20_000);
      assert.match(message, /no task event reached Cline Companion/);
      assert.match(message, /reload/);
      assert.match(message, /Hooks/);
    } finally {
      subscription.dispose();
    }
  });
});
