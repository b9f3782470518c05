/**
 * A task started in a fresh window, where Cline's view has never been opened, must stay alive.
 *
 * Cline's legacy build (what every offline or first install runs) clears the current task when its
 * sidebar view is resolved; so a task started before the view has loaded dies when it loads, whether
 * we open it right after (revealView on) or the user does later (revealView off). Each case runs in a
 * new window of its own (test/host/runIntegration.ts, scenario `fresh`), described by the JSON file
 * $COMPANION_FRESH_CASE_FILE: the build the stand-in plays (the runner puts it in the stand-in's behaviour
 * file before the window opens), revealView, and the one way in that starts one task. Required in every
 * case: the view had loaded before startNewTask arrived, the task is alive afterwards, and it is still
 * alive after Cline's view is opened (again).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/wiring/testHooks';
import type { HostMessage } from '../../src/protocol/chatProtocol';
import { startFakeClineServer, type FakeClineServer } from '../fixtures/fakeClineServer';
import { activateCompanion, standInCalls, waitFor } from './helpers';
import { run, workspaceUri } from './clineHelpers';

interface FreshCase {
  build: 'next' | 'legacy';
  revealView: boolean;
  entry: 'startTask' | 'template' | 'handoff';
}
interface StandInTask {
  id: string;
  text: string;
  state: 'running' | 'aborted';
  abortedBy?: string;
}
interface ViewState {
  resolved: boolean;
  visible: boolean;
  resolves: { time: number; build: string }[];
  build: string;
}

const caseFile = process.env.COMPANION_FRESH_CASE_FILE;
const fresh: FreshCase = caseFile && fs.existsSync(caseFile) ? JSON.parse(fs.readFileSync(caseFile, 'utf8')) : ({} as FreshCase);

const viewState = async () => (await vscode.commands.executeCommand<ViewState>('clineStandIn.viewState'))!;
const currentTask = async () => (await vscode.commands.executeCommand<StandInTask | null>('clineStandIn.currentTask')) ?? null;
const allTasks = async () => (await vscode.commands.executeCommand<StandInTask[]>('clineStandIn.tasks')) ?? [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts one task through the case's way in; resolves to the text Cline should have received. */
const ENTRIES: Record<FreshCase['entry'], { title: string; start(): Promise<string> }> = {
  startTask: {
    title: 'clineCompanion.startTask',
    async start() {
      const text = 'Add input validation to the signup form';
      const result = await run('clineCompanion.startTask', text);
      assert.deepEqual(result, { ok: true, prompt: text });
      return text;
    },
  },
  template: {
    title: 'the Explain template (clineCompanion.explain)',
    async start() {
      const result = await run('clineCompanion.explain', workspaceUri('src', 'sample.ts'), new vscode.Range(0, 0, 2, 1));
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.ok(result.prompt?.includes('export function add'), `the prompt carries the code: ${result.prompt}`);
      return result.prompt!;
    },
  },
  handoff: {
    title: "the chat's Continue in Cline",
    async start() {
      const ext = await activateCompanion();
      const hooks = (ext.exports as { testHooks: TestHooks }).testHooks;
      const server: FakeClineServer = await startFakeClineServer();
      const posted: HostMessage[] = [];
      const provider = hooks.chat.provider;
      const original = provider.post.bind(provider);
      provider.post = (m: HostMessage) => {
        posted.push(m);
        return original(m);
      };
      try {
        await vscode.workspace.getConfiguration('clineCompanion').update('chat.baseUrl', server.url, vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand('clineCompanion.setApiKey', 'sk-test-fresh-window');
        await hooks.chat.controller.onMessage({
          type: 'send',
          conversationId: null,
          text: 'How do I validate an email address?',
          model: 'openai/gpt-4o',
        });
        await waitFor(() => posted.some((m) => m.type === 'streamEnd'), 'the chat answer', 30_000);
        const conversation = hooks.chat.controller.activeConversation;
        assert.ok(conversation, 'the chat has a conversation to hand off');
        await hooks.chat.controller.onMessage({ type: 'continueInCline', conversationId: conversation.id });
        const [call] = await waitFor(
          async () => {
            const calls = await standInCalls();
            return calls.length ? calls : undefined;
          },
          'the hand-off to reach Cline',
          30_000,
        );
        assert.ok(
          String(call.args[0]).includes('How do I validate an email address?'),
          `the hand-off carries the question: ${String(call.args[0])}`,
        );
        return String(call.args[0]);
      } finally {
        provider.post = original;
        await server.close();
      }
    },
  },
};

describe(`a fresh window, Cline's view never opened (stand-in ${fresh.build} build, revealView ${fresh.revealView ? 'on' : 'off'})`, function () {
  this.timeout(60_000);
  const entry = ENTRIES[fresh.entry];

  it(`${entry?.title ?? fresh.entry} starts a task that stays alive: Cline's view loads first, and opening it later keeps the task`, async () => {
    assert.ok(entry, `unknown case ${JSON.stringify(fresh)} (from ${caseFile})`);
    await activateCompanion();
    // Read on use by the bridge, so setting it now is the same as a window that opened with it.
    await vscode.workspace
      .getConfiguration('clineCompanion')
      .update('cline.revealView', fresh.revealView, vscode.ConfigurationTarget.Global);
    await vscode.extensions.getExtension('saoudrizwan.claude-dev')!.activate();
    const before = await viewState();
    assert.equal(before.build, fresh.build, "the stand-in plays the case's build");
    assert.equal(before.resolved, false, "precondition: Cline's view was never resolved in this window");

    const text = await entry.start();
    const starts = (await standInCalls()).filter((c) => c.method === 'startNewTask');
    assert.equal(starts.length, 1, `exactly one startNewTask: ${JSON.stringify(starts)}`);
    assert.equal(starts[0].args[0], text);

    // Everything that goes wrong is collected, so a failure tells the whole story at once.
    const problems: string[] = [];
    const started = starts[0] as (typeof starts)[0] & { viewResolved?: boolean };
    if (started.viewResolved !== true) problems.push("Cline's view had not loaded when startNewTask arrived");

    // If our call opened the view late (after the task started), wait for that to land: a task it was going
    // to clear is gone by then.
    if (fresh.revealView && !(await viewState()).resolved) {
      await waitFor(async () => (await viewState()).resolved, "Cline's view to resolve", 5000).catch(() => undefined);
    }
    await sleep(200);
    const afterCall = await viewState();
    if (fresh.revealView && !afterCall.visible) problems.push("revealView is on but Cline's view is not showing");
    const alive = await currentTask();
    if (!alive || alive.state !== 'running' || alive.text !== text) {
      problems.push(
        `right after the call the task is not alive (current: ${JSON.stringify(alive)}; all: ${JSON.stringify(await allTasks())})`,
      );
    }

    // The user opens Cline's view now (or again): that must not cost the task.
    await vscode.commands.executeCommand('claude-dev.SidebarProvider.focus');
    await waitFor(async () => (await viewState()).visible, "Cline's view showing");
    await sleep(200);
    const later = await currentTask();
    if (!later || later.state !== 'running' || later.text !== text || (alive && later.id !== alive.id)) {
      problems.push(
        `after opening Cline's view the task is not alive (current: ${JSON.stringify(later)}; all: ${JSON.stringify(await allTasks())})`,
      );
    }
    const resolves = (await viewState()).resolves.map((r) => r.time - started.time);
    console.log(`      (Cline's view resolved at ${JSON.stringify(resolves)} ms relative to startNewTask)`);
    assert.deepEqual(problems, [], `view resolved at ${JSON.stringify(resolves)} ms relative to startNewTask`);
  });
});
