/**
 * Cline's task events with two VS Code windows, as a person has them: two windows of one code-server (two
 * pages of one browser, two folders, so two extension hosts, each with its own stand-in Cline and its own
 * Cline Companion), one HOME, so one global hooks folder with one set of forwarders for both. Every event must
 * reach only the window whose Cline ran the hook: a task started in one window shows in its status bar, its
 * Cline Tasks view and its notifications, and nowhere in the other; approving in one window finishes only that
 * window's task. (The forwarders find their window through the environment each window's Cline Companion sets
 * at activation; a spool folder or port shared by the windows would show a task in the wrong window, or lose it.)
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { FORWARDED_HOOK_EVENTS } from '../../src/core/tasks/hookPayload';
import { repoRoot } from '../host/codeServer';
import { toast, until, screenshotIfFailed, Workbench } from './workbench';

const PROMPT_A = 'Window A: run the unit tests and fix what fails';
const PROMPT_B = 'Window B: run the unit tests and update the snapshots';
/** What the stand-in's scripted task waits for (PreToolUse run_commands ["npm test"]), as Cline Companion words it. */
const WAITS_FOR = 'Run `npm test`?';
const RESULT = 'Done: ran `npm test`, all tests pass.';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&');
/** A task's row as a screen reader names it: its prompt, then its state (and how long ago: " · 5 s"). */
const waitingRow = (prompt: string): RegExp => new RegExp(`^${escape(`${prompt}, waiting for your approval: ${WAITS_FOR}`)}( · .+)?$`);
const completedRow = (prompt: string): RegExp => new RegExp(`^${escape(prompt)}, completed( · .+)?$`);
/** Any row of a task with this prompt, whatever its state. */
const anyRow = (prompt: string): RegExp => new RegExp(`^${escape(prompt)}, `);
/** How long a window is watched for an event that must not reach it (the events reach their own window in ms). */
const QUIET_MS = 2000;

/** One window and what a person sees of Cline's task events in it. */
class Window {
  constructor(
    readonly name: string,
    readonly wb: Workbench,
  ) {}

  get page() {
    return this.wb.page;
  }

  /** The Cline Tasks view's pane (its header is a button named "Cline Tasks Section"). */
  tasksPane(): Locator {
    return this.page.locator('.pane').filter({ has: this.page.getByRole('button', { name: 'Cline Tasks Section', exact: true }) });
  }

  row(name: RegExp | string): Locator {
    return this.tasksPane().getByRole('treeitem', { name, exact: typeof name === 'string' });
  }

  /** The Cline status bar item (ours: its accessible name starts with "Cline: "). */
  statusItem(name: RegExp): Locator {
    return this.page.locator('.part.statusbar').getByRole('button', { name });
  }

  waitingStatus(): Locator {
    return this.statusItem(/^Cline: Cline waits for your approval: /);
  }

  finishedStatus(): Locator {
    return this.statusItem(/^Cline: Cline finished: /);
  }

  approvalToast(): Locator {
    return toast(this.wb, /^Cline waits for approval: /);
  }

  /** Shows the Cline Tasks view, expanded (Cline's own view comes forward when a task starts). */
  async showTasksView(): Promise<void> {
    await this.wb.runCommand('Focus on Cline Tasks View');
    await this.page.locator('.pane-header[aria-label="Cline Tasks Section"][aria-expanded="true"]').waitFor();
  }

  async startTask(prompt: string): Promise<void> {
    await this.wb.runCommand('Notifications: Clear All Notifications', { exact: true });
    await this.wb.runCommand('Cline Companion: Start Cline Task…', { exact: true });
    await this.wb.answerInput(prompt);
    // Both windows' stand-ins write one call log (one server): the prompt says which task reached a Cline.
    await until(`startNewTask "${prompt}" reached a Cline`, () =>
      this.wb.standInCalls().some((c) => c.method === 'startNewTask' && c.args[0] === prompt),
    );
  }

  /** The task with this prompt waits for approval here: the status bar, the Cline Tasks view and a notification say so. */
  async seesWaiting(prompt: string): Promise<void> {
    await this.waitingStatus().waitFor({ timeout: 30_000 });
    assert.equal((await this.waitingStatus().innerText()).trim(), `Cline: ${WAITS_FOR}`);
    await this.approvalToast().waitFor();
    await this.showTasksView();
    await this.row('Current: 1').waitFor();
    await this.row(waitingRow(prompt)).waitFor();
  }

  /** Every task row in this window's Cline Tasks view, by its accessible name. */
  async rowNames(): Promise<string[]> {
    const names = await this.tasksPane()
      .getByRole('treeitem')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    return names.filter((n) => !/^(Current|Queue|Recent)( \(paused[^)]*\))?: /.test(n));
  }

  /**
   * Watches this window for QUIET_MS: nothing of the task with this prompt may show (no row; the status bar
   * waits only when this window's own task does; with nothing of its own waiting, no approval notification).
   */
  async staysWithout(prompt: string, ownTaskWaits: boolean): Promise<void> {
    const deadline = Date.now() + QUIET_MS;
    do {
      assert.equal(await this.row(anyRow(prompt)).count(), 0, `${this.name} shows a row of "${prompt}": ${await this.rowNames()}`);
      assert.equal(await this.waitingStatus().count(), ownTaskWaits ? 1 : 0, `${this.name}: a status bar that waits`);
      // (A toast of the window's own task may have timed out: only its absence is certain.)
      if (!ownTaskWaits) assert.equal(await this.approvalToast().count(), 0, `${this.name}: an approval notification`);
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < deadline);
  }

  /**
   * Approves from this window's palette (which answers only what this window knows to wait: with nothing
   * waiting it would say so and not press); the task with this prompt finishes here.
   */
  async approveAndSeeFinished(prompt: string): Promise<void> {
    await this.wb.runCommand("Cline Companion: Approve Cline's Pending Action", { exact: true });
    const finished = this.finishedStatus();
    await finished.waitFor({ timeout: 30_000 });
    assert.match(
      (await finished.getAttribute('aria-label')) ?? '',
      new RegExp(`^Cline: Cline finished: ${escape(prompt)}\\n${escape(RESULT)}`),
    );
    await this.showTasksView();
    await this.row('Recent: 1').waitFor();
    await this.row('Current: Cline is idle').waitFor();
    await this.row(completedRow(prompt)).waitFor();
  }
}

describe('UI: Cline task events in two windows (each with its own stand-in Cline, one global hooks folder)', function () {
  let a: Window;
  let b: Window;
  let hooksDir: string;

  const forwarderCount = (): number =>
    fs.existsSync(hooksDir)
      ? fs.readdirSync(hooksDir).filter((f) => /cline-companion-forwarder/.test(fs.readFileSync(path.join(hooksDir, f), 'utf8'))).length
      : 0;
  const presses = (): number => a.wb.standInCalls().filter((c) => c.method === 'pressPrimaryButton').length;

  before(async () => {
    a = new Window('window A', await Workbench.open({ settings: { 'editor.minimap.enabled': false } }));
  });
  after(async () => {
    await b?.wb.close();
    await a?.wb.close();
  });
  afterEach(async function () {
    await screenshotIfFailed(a?.wb, 'two-windows-A', this.currentTest);
    await screenshotIfFailed(b?.wb, 'two-windows-B', this.currentTest);
  });

  it('Connect Globally in window A; window B, opened on another folder, is connected through the same global hooks', async () => {
    await a.showTasksView();
    await a.wb.runCommand('Cline Companion: Connect Cline Task Events…', { exact: true });
    const dialog = a.page.getByRole('dialog');
    await dialog.waitFor();
    const detail = await dialog.locator('#monaco-dialog-message-detail').innerText();
    hooksDir = /^Global \(every workspace, shown in Cline's Hooks screen\): (.+)$/m.exec(detail)?.[1].trim() ?? '';
    assert.ok(hooksDir.startsWith(a.wb.server.tmp), `global hooks folder of the test host's HOME: ${detail}`);
    await dialog.getByRole('button', { name: 'Connect Globally', exact: true }).click();
    await toast(a.wb, /^Cline's task events are connected\.$/).waitFor();
    await until('the forwarders in the global hooks folder', () => forwarderCount() === FORWARDED_HOOK_EVENTS.length);
    await a.tasksPane().getByText('No Cline task yet in this window.', { exact: false }).waitFor();

    // The second window: another folder of the same server, so its own extension host (its own Cline).
    const folderB = path.join(a.wb.server.tmp, 'workspace-b');
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), folderB, { recursive: true });
    b = new Window('window B', await a.wb.openWindow(folderB));
    await until("window B's title names its folder", async () => (await b.page.title()).includes('workspace-b'));
    assert.ok(!(await a.page.title()).includes('workspace-b'), await a.page.title());
    await b.showTasksView();
    await b.tasksPane().getByText('No Cline task yet in this window.', { exact: false }).waitFor();
    await b.tasksPane().getByRole('button', { name: 'Start Cline Task', exact: true }).waitFor();
    assert.equal(forwarderCount(), FORWARDED_HOOK_EVENTS.length, 'one set of forwarders serves both windows');
  });

  it("a task started in window A waits for approval in A's status bar, Cline Tasks view and notifications, and shows nowhere in B", async () => {
    await a.startTask(PROMPT_A);
    await a.seesWaiting(PROMPT_A);
    await a.wb.screenshot('two-windows-A-waiting');

    await b.showTasksView();
    await b.staysWithout(PROMPT_A, false);
    assert.deepEqual(await b.rowNames(), [], 'window B has no task at all');
    await b.tasksPane().getByText('No Cline task yet in this window.', { exact: false }).waitFor();
    assert.equal(await b.finishedStatus().count(), 0);
    await b.wb.screenshot('two-windows-B-untouched');
  });

  it('a task started in window B waits in B alone; A still shows only its own task', async () => {
    await b.startTask(PROMPT_B);
    await b.seesWaiting(PROMPT_B);
    assert.deepEqual(await b.rowNames(), [await b.row(waitingRow(PROMPT_B)).getAttribute('aria-label')], "B's only task is its own");

    await a.showTasksView();
    await a.staysWithout(PROMPT_B, true);
    // A's task is still the one waiting there, and the only one.
    await a.row('Current: 1').waitFor();
    assert.deepEqual(await a.rowNames(), [await a.row(waitingRow(PROMPT_A)).getAttribute('aria-label')], "A's only task is its own");
  });

  it("Approve in window A finishes A's task only; B's still waits, until it is approved in B", async () => {
    assert.equal(presses(), 0);
    await a.approveAndSeeFinished(PROMPT_A);
    assert.equal(presses(), 1, 'one press, from window A');
    await a.wb.screenshot('two-windows-A-finished');

    // B's task still waits: its status bar, its notification and its row, and nothing finished there.
    await b.showTasksView();
    await b.staysWithout(PROMPT_A, true);
    await b.row(waitingRow(PROMPT_B)).waitFor();
    assert.equal(await b.finishedStatus().count(), 0, 'nothing finished in B');
    assert.equal(await b.row('Recent: none').count(), 1, 'nothing in Recent in B');

    await b.approveAndSeeFinished(PROMPT_B);
    assert.equal(presses(), 2);
    assert.deepEqual(await b.rowNames(), [await b.row(completedRow(PROMPT_B)).getAttribute('aria-label')], "B's only task is its own");
    // A is untouched by B's approval: still its one finished task.
    await a.showTasksView();
    await a.row('Recent: 1').waitFor();
    assert.equal(await a.row(anyRow(PROMPT_B)).count(), 0);
    assert.match((await a.finishedStatus().getAttribute('aria-label')) ?? '', new RegExp(`^Cline: Cline finished: ${escape(PROMPT_A)}\\n`));
  });
});
