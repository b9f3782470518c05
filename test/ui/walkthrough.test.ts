/**
 * The first run as a new user meets it, in the real workbench: the Get Started walkthrough opening by itself
 * once in a new profile (and not after a reload), from the palette, with steps that tick themselves off as
 * the user does them (the code lenses, the key and a first answer through the Quick Chat's empty state, task
 * events and the queue through the Cline Tasks view's welcome content); and, without Cline, a Cline Tasks view
 * that says what is missing.
 * The test hosts turn `workbench.welcomePage.walkthroughs.openOnInstall` off (test/host/codeServer.ts); these
 * turn it back on, as it is by default.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { startFakeClineServer, type FakeClineServer } from '../fixtures/fakeClineServer';
import { until, screenshotIfFailed, Workbench } from './workbench';

const OPEN_ON_INSTALL = { 'workbench.welcomePage.walkthroughs.openOnInstall': true, 'editor.minimap.enabled': false };
const STEP_TITLES = [
  'Install or find Cline',
  'Set your Cline API key',
  'Ask a first question',
  'Turn on the code lenses',
  'See what Cline is doing',
  'Queue a task',
];
/** How long a reload gets to open the walkthrough again (it opens right after activation when it does). */
const SETTLE_MS = 3000;

/** The walkthrough's editor tab: "Walkthrough: Cline Companion", or "Welcome" while it has not been shown yet. */
function walkthroughTabs(wb: Workbench): Locator {
  return wb.page
    .locator('.tabs-container .tab')
    .filter({ has: wb.page.locator('.label-name', { hasText: /^(Welcome|Walkthrough: Cline Companion)$/ }) });
}

/** The walkthrough page's step with this title (a button that expands it). */
function step(wb: Workbench, title: string): Locator {
  return wb.page
    .locator('.gettingStartedContainer button.getting-started-step')
    .filter({ has: wb.page.locator('h3.step-title', { hasText: title }) });
}

/** Whether a step is ticked off (its checkbox). */
async function isDone(wb: Workbench, title: string): Promise<boolean> {
  return (await step(wb, title).locator('[role="checkbox"]').getAttribute('aria-checked')) === 'true';
}

async function waitDone(wb: Workbench, title: string): Promise<void> {
  await until(`the step "${title}" ticked off`, () => isDone(wb, title));
}

async function showWalkthrough(wb: Workbench): Promise<void> {
  await wb.runCommand('Cline Companion: Get Started', { exact: true });
  await wb.page.locator('.gettingStartedContainer h2.category-title', { hasText: 'Get Started with Cline Companion' }).waitFor();
}

/** The Cline Tasks view's pane (its header is a button named "<title> Section"). */
function tasksPane(wb: Workbench): Locator {
  return wb.page.locator('.pane').filter({ has: wb.page.getByRole('button', { name: 'Cline Tasks Section', exact: true }) });
}

async function showTasksView(wb: Workbench): Promise<void> {
  await wb.runCommand('Focus on Cline Tasks View');
  await wb.page.locator('.pane-header[aria-label="Cline Tasks Section"][aria-expanded="true"]').waitFor();
}

describe('UI: Get Started (a new profile, the stand-in Cline installed)', function () {
  let wb: Workbench;
  let server: FakeClineServer;

  before(async () => {
    server = await startFakeClineServer();
    // No key: CLINE_API_KEY never reaches a test host unless a test passes one.
    wb = await Workbench.open({ settings: { ...OPEN_ON_INSTALL, 'clineCompanion.chat.baseUrl': server.url } });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });
  afterEach(async function () {
    await screenshotIfFailed(wb, 'walkthrough', this.currentTest);
  });

  it('the first activation (a file opened) opens the walkthrough once, and shows no notification', async () => {
    assert.equal(await walkthroughTabs(wb).count(), 0, 'nothing before the extension activates');
    await wb.openFile('src/cart.ts');
    await wb.page.locator('.gettingStartedContainer h2.category-title', { hasText: 'Get Started with Cline Companion' }).waitFor();
    await wb.page.locator('.tabs-container .tab.active .label-name', { hasText: 'Walkthrough: Cline Companion' }).waitFor();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    assert.equal(await walkthroughTabs(wb).count(), 1);
    // Never a notification at start-up (the status bar item and the chat do not nag either).
    assert.equal(await wb.page.locator('.notifications-toasts .notification-toast').count(), 0);
  });

  it('a reload does not open it again', async () => {
    await walkthroughTabs(wb).first().locator('.codicon-close').click();
    await until('the walkthrough closed', async () => (await walkthroughTabs(wb).count()) === 0);
    await wb.page.locator('.tabs-container .tab.active .label-name', { hasText: 'cart.ts' }).waitFor();
    // The workbench's own reload stores the window's state first (a browser reload may lose what was not yet stored).
    const reloaded = wb.page.waitForEvent('framenavigated', { predicate: (frame) => frame === wb.page.mainFrame(), timeout: 60_000 });
    await wb.runCommand('Developer: Reload Window', { exact: true });
    await reloaded;
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // cart.ts comes back, and activates the extension: its status bar item shows.
    await wb.page.locator('.tabs-container .tab.active .label-name', { hasText: 'cart.ts' }).waitFor({ timeout: 60_000 });
    await wb.page
      .locator('.part.statusbar')
      .getByRole('button', { name: /^Cline: / })
      .waitFor({ timeout: 60_000 });
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    assert.equal(await walkthroughTabs(wb).count(), 0);
  });

  it('"Cline Companion: Get Started" opens it from the palette: six steps, the first done as Cline is installed', async () => {
    await showWalkthrough(wb);
    const titles = await wb.page.locator('.gettingStartedContainer button.getting-started-step h3.step-title').allInnerTexts();
    assert.deepEqual(
      titles.map((t) => t.trim()),
      STEP_TITLES,
    );
    await waitDone(wb, 'Install or find Cline');
    for (const title of STEP_TITLES.slice(1)) assert.equal(await isDone(wb, title), false, `${title} is still to do`);
  });

  it('"Turn On Code Lenses" in its step turns them on: the step ticks itself off and the lenses show', async () => {
    await step(wb, 'Turn on the code lenses').click();
    const button = step(wb, 'Turn on the code lenses').getByRole('button', { name: 'Turn On Code Lenses', exact: true });
    await button.click();
    await waitDone(wb, 'Turn on the code lenses');
    const settings = JSON.parse(fs.readFileSync(path.join(wb.server.tmp, 'user-data', 'User', 'settings.json'), 'utf8'));
    assert.equal(settings['clineCompanion.codeLens.enabled'], true);
    await wb.screenshot('walkthrough-code-lenses');
    await wb.page.locator('.tabs-container .tab', { hasText: 'cart.ts' }).click();
    await wb.page.locator('.monaco-editor .codelens-decoration', { hasText: 'Explain' }).first().waitFor({ timeout: 30_000 });
  });

  it("the Quick Chat's empty state links the walkthrough and the key; the key and a first answer tick off their steps", async () => {
    await wb.runCommand('Cline Companion: Open Quick Chat', { exact: true });
    const chat: FrameLocator = wb.webview();
    const emptyState = chat.locator('.empty-state');
    await emptyState.getByRole('button', { name: 'Get Started', exact: true }).click({ timeout: 60_000 });
    await wb.page.locator('.tabs-container .tab.active .label-name', { hasText: 'Walkthrough: Cline Companion' }).waitFor();
    assert.equal(await isDone(wb, 'Set your Cline API key'), false);

    await emptyState.getByRole('button', { name: 'Set API Key', exact: true }).click();
    await wb.answerInput('sk-walkthrough-test-key');
    await waitDone(wb, 'Set your Cline API key');

    assert.equal(await isDone(wb, 'Ask a first question'), false);
    await emptyState.getByRole('button', { name: /^Explain the difference between let, const and var/ }).click();
    await chat.getByRole('log', { name: 'Conversation' }).getByText('Hello from the fake Cline server.').waitFor({ timeout: 30_000 });
    await waitDone(wb, 'Ask a first question');
  });

  it('the Cline Tasks view says what to do next; Connect and Queue in it tick off the last two steps', async () => {
    await showTasksView(wb);
    const pane = tasksPane(wb);
    await pane.getByText("Cline's API does not say what Cline is doing.", { exact: false }).waitFor();
    await pane.getByRole('button', { name: 'Connect Cline Task Events', exact: true }).click();
    const dialog = wb.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Connect Globally', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await pane.getByText('No Cline task yet in this window.', { exact: false }).waitFor();

    await pane.getByRole('button', { name: 'Queue a Task', exact: true }).click();
    await wb.answerInput('Add a README');
    // Cline is idle and events are connected: the queued task starts at once.
    await wb.waitForCall('startNewTask');

    await showWalkthrough(wb);
    await waitDone(wb, 'See what Cline is doing');
    await waitDone(wb, 'Queue a task');
    for (const title of STEP_TITLES) assert.equal(await isDone(wb, title), true, `${title} is done`);
  });
});

describe('UI: Get Started without Cline', function () {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open({ withStandInCline: false, settings: OPEN_ON_INSTALL });
  });
  after(async () => {
    await wb?.close();
  });
  afterEach(async function () {
    await screenshotIfFailed(wb, 'walkthrough-no-cline', this.currentTest);
  });

  it('the Cline Tasks view says Cline is missing and offers Install Cline and Get Started; the first step stays open', async () => {
    await showTasksView(wb);
    const pane = tasksPane(wb);
    await pane.getByText('which is not installed or is disabled in this window', { exact: false }).waitFor({ timeout: 30_000 });
    await pane.getByRole('button', { name: 'Install Cline', exact: true }).waitFor();
    assert.equal(await pane.getByRole('button', { name: 'Connect Cline Task Events', exact: true }).count(), 0, 'no Connect without Cline');

    await pane.getByRole('button', { name: 'Get Started', exact: true }).click();
    await wb.page.locator('.gettingStartedContainer h2.category-title', { hasText: 'Get Started with Cline Companion' }).waitFor();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    assert.equal(await isDone(wb, 'Install or find Cline'), false);
  });
});
