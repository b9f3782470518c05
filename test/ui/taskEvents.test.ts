/**
 * Cline's task events as a person sees them, in the real workbench against the stand-in Cline, which runs our
 * hook forwarders like Cline does (test/fixtures/standInCline/hooks.js): Connect from the palette (the dialog,
 * Connect Globally), a task that waits for approval (the status bar, the Cline Tasks view, the notification),
 * Approve from the notification, the finished task with its result, and Disconnect.
 * It also takes the README's picture of a waiting task (docs/images/tasks-waiting.png): written when the file
 * is missing or UPDATE_README_IMAGES is set, so a normal run leaves the working tree clean.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { repoRoot } from '../host/codeServer';
import { toast, until, screenshotIfFailed, Workbench } from './workbench';

const PROMPT = 'Run the unit tests and fix what fails';
/** What the stand-in's scripted task waits for (PreToolUse run_commands ["npm test"]), as Cline Companion words it. */
const WAITS_FOR = 'Run `npm test`?';
/** The waiting task's row as a screen reader names it: the words it shows, then how long it has waited (" · 5 s"). */
const WAITING_ROW = new RegExp(`^${`${PROMPT}, waiting for your approval: ${WAITS_FOR}`.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')}( · .+)?$`);
const RESULT = 'Done: ran `npm test`, all tests pass.';
const FORWARDED_EVENTS = ['TaskStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'TaskComplete', 'TaskCancel', 'Notification'];
const SIDEBAR_WIDTH = 460;
const README_IMAGE = path.join(repoRoot, 'docs', 'images', 'tasks-waiting.png');

/** The names of the buttons in a notification toast. */
async function buttonsOf(t: Locator): Promise<string[]> {
  return (await t.locator('.notification-list-item-buttons-container').getByRole('button').allInnerTexts()).map((s) => s.trim());
}

describe('UI: Cline task events (stand-in Cline running the hooks)', function () {
  let wb: Workbench;
  let hooksDir: string;

  /** The Cline Tasks view's pane (its header is a button named "<title> Section"). */
  const tasksPane = (): Locator =>
    wb.page.locator('.pane').filter({ has: wb.page.getByRole('button', { name: 'Cline Tasks Section', exact: true }) });
  /** The Cline status bar item (ours: its accessible name starts with "Cline: "). */
  const statusItem = (name: RegExp): Locator => wb.page.locator('.part.statusbar').getByRole('button', { name });

  /** Shows the Cline Tasks view, expanded (Cline's own view comes forward when a task starts). */
  async function showTasksView(): Promise<void> {
    await wb.runCommand('Focus on Cline Tasks View');
    await wb.page.locator('.pane-header[aria-label="Cline Tasks Section"][aria-expanded="true"]').waitFor();
  }

  async function run(title: string): Promise<void> {
    await wb.runCommand(title, { exact: true });
  }

  const forwarders = (): string[] =>
    FORWARDED_EVENTS.filter((event) => {
      const file = path.join(hooksDir, event);
      return fs.existsSync(file) && /cline-companion-forwarder/.test(fs.readFileSync(file, 'utf8'));
    });

  before(async () => {
    wb = await Workbench.open({ settings: { 'editor.minimap.enabled': false } });
  });
  after(async () => {
    await wb?.close();
  });
  afterEach(async function () {
    await screenshotIfFailed(wb, 'task-events', this.currentTest);
  });

  it('Connect from the palette: the dialog says where, Connect Globally installs the forwarders, and the Cline Tasks view shows the connected state', async () => {
    await wb.openFile('src/inventory.py');
    await showTasksView();
    // The Quick Chat shares the sidebar: collapsed, the task view has the room (and the README picture shows it).
    const chatHeader = wb.page.getByRole('button', { name: 'Quick Chat Section', exact: true });
    if ((await chatHeader.getAttribute('aria-expanded')) === 'true') await chatHeader.click();
    await wb.page.locator('.pane-header[aria-label="Quick Chat Section"][aria-expanded="false"]').waitFor();
    // Wide enough for a task's prompt and what it waits for, side by side.
    await wb.resizeSidebar(SIDEBAR_WIDTH);
    const connectButton = tasksPane().getByRole('button', { name: 'Connect Cline Task Events', exact: true });
    await connectButton.waitFor();

    await run('Cline Companion: Connect Cline Task Events…');
    const dialog = wb.page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.locator('#monaco-dialog-message-text').innerText(), /^Connect Cline Task Events\?$/);
    const detail = await dialog.locator('#monaco-dialog-message-detail').innerText();
    hooksDir = /^Global \(every workspace, shown in Cline's Hooks screen\): (.+)$/m.exec(detail)?.[1].trim() ?? '';
    // <Documents>/Cline/Hooks of the test host's throw-away HOME, never the real one.
    assert.ok(
      hooksDir.startsWith(wb.server.tmp) && hooksDir.endsWith(path.join('Cline', 'Hooks')),
      `global hooks folder in the dialog: ${detail}`,
    );
    assert.match(detail, /This workspace only: .*\.clinerules\/hooks/);
    for (const name of ['Connect Globally', 'This Workspace Only', 'Cancel'])
      await dialog.getByRole('button', { name, exact: true }).waitFor();
    assert.deepEqual(forwarders(), [], 'nothing is installed before the choice');
    await dialog.getByRole('button', { name: 'Connect Globally', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    // Cline was not running yet, so no reload is advised: it reads the hooks when it first runs one.
    await toast(wb, /^Cline's task events are connected\.$/).waitFor();
    await until('a forwarder for every event in the global hooks folder', () => forwarders().length === FORWARDED_EVENTS.length);
    // Connected: the welcome content now offers to start a task instead.
    await tasksPane().getByRole('button', { name: 'Start Cline Task', exact: true }).waitFor();
    await tasksPane().getByText('No Cline task yet in this window.', { exact: false }).waitFor();
    assert.equal(await connectButton.count(), 0, 'Connect is no longer offered');
  });

  it('a task started from the palette waits for approval: the status bar, the Cline Tasks view and a notification say what waits', async () => {
    await run('Notifications: Clear All Notifications');
    await run('Cline Companion: Start Cline Task…');
    await wb.answerInput(PROMPT);
    const [call] = await wb.waitForCall('startNewTask');
    assert.equal(call.args[0], PROMPT);

    const waitingItem = statusItem(/^Cline: Cline waits for your approval: /);
    await waitingItem.waitFor({ timeout: 30_000 });
    assert.equal(
      await waitingItem.getAttribute('aria-label'),
      `Cline: Cline waits for your approval: ${WAITS_FOR}. Click to approve or reject.`,
    );
    assert.equal((await waitingItem.innerText()).trim(), `Cline: ${WAITS_FOR}`);
    assert.equal(await waitingItem.locator('.codicon-bell-dot').count(), 1, 'the bell icon leads the text');

    const notification = toast(wb, new RegExp(`^Cline waits for approval: ${WAITS_FOR.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')}$`));
    await notification.waitFor();
    assert.deepEqual(await buttonsOf(notification), ['Approve', 'Reject', 'Show Cline']);

    await showTasksView();
    await tasksPane().getByRole('treeitem', { name: 'Current: 1', exact: true }).waitFor();
    await tasksPane().getByRole('treeitem', { name: WAITING_ROW }).waitFor();
  });

  it("takes the README's picture: the Cline Tasks view with the waiting task, the notification and the status bar", async () => {
    await tasksPane().getByRole('treeitem', { name: WAITING_ROW }).waitFor();
    // The toast fades in; the pointer stays off anything with a hover.
    await wb.page.locator('.notifications-toasts .notification-toast.notification-fade-in-done').first().waitFor();
    await wb.page.mouse.move(1200, 10);
    const file = await wb.screenshot('tasks-waiting');
    if (process.env.UPDATE_README_IMAGES || !fs.existsSync(README_IMAGE)) fs.copyFileSync(file, README_IMAGE);
  });

  it('Approve in the notification answers Cline; the task shows as completed in Recent with its result, and the status bar says finished', async () => {
    assert.equal(wb.standInCalls().filter((c) => c.method === 'pressPrimaryButton').length, 0);
    await toast(wb, /^Cline waits for approval: /)
      .getByRole('button', { name: 'Approve', exact: true })
      .click();
    await wb.waitForCall('pressPrimaryButton');

    const finished = statusItem(/^Cline: Cline finished: /);
    await finished.waitFor({ timeout: 30_000 });
    assert.equal((await finished.innerText()).trim(), 'Cline: finished');
    assert.match(
      (await finished.getAttribute('aria-label')) ?? '',
      new RegExp(`^Cline: Cline finished: ${PROMPT}\\n${RESULT.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')}`),
    );
    assert.equal(await finished.locator('.codicon-pass').count(), 1);
    assert.equal(wb.standInCalls().filter((c) => c.method === 'pressPrimaryButton').length, 1, 'one press, no more');

    await tasksPane().getByRole('treeitem', { name: 'Recent: 1', exact: true }).waitFor();
    await tasksPane().getByRole('treeitem', { name: 'Current: Cline is idle', exact: true }).waitFor();
    // Named with the words the row shows: the state, then how long ago (" · 5 s").
    const done = tasksPane().getByRole('treeitem', { name: new RegExp(`^${PROMPT}, completed( · .+)?$`) });
    await done.waitFor();
    await wb.screenshot('tasks-completed');
    // A click opens the whole result in an editor. A click that lands while the tree is re-rendered only
    // selects the row, so it is clicked again until the result shows.
    const result = wb.page
      .locator('.part.editor .monaco-editor .view-lines')
      .getByText(/Done:\sran\s`npm\stest`,\sall\stests\spass\./)
      .first();
    await until('the result opened from the Cline Tasks view', async () => {
      await done.click();
      return result.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      );
    });
  });

  it('Disconnect from the palette removes the forwarders; the status bar forgets the task and the Cline Tasks view offers Connect again', async () => {
    await run('Cline Companion: Disconnect Cline Task Events');
    await toast(wb, /^Cline's task events are disconnected; Cline Companion's hooks are removed\.$/).waitFor();
    assert.deepEqual(forwarders(), []);
    const idle = statusItem(/^Cline: Cline 4\.1\.99 is ready\./);
    await idle.waitFor();
    assert.equal((await idle.innerText()).trim(), 'Cline');

    await showTasksView();
    await tasksPane().getByRole('button', { name: 'Connect Cline Task Events', exact: true }).waitFor();
    await tasksPane().getByText("Cline's API does not say what Cline is doing.", { exact: false }).waitFor();
    await wb.screenshot('tasks-disconnected');
  });
});
