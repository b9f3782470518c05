/**
 * Driving Cline from the editor as a person does, in the real workbench against the stand-in Cline:
 * a click on a code lens, the palette, the editor and explorer context menus, and what the user sees
 * when Cline fails (the toast, its buttons, the kept prompt), is slow, is disabled or is missing.
 */
import { strict as assert } from 'node:assert';
import type { Locator } from 'playwright-core';
import { toast, until, screenshotIfFailed, Workbench } from './workbench';

/** Waits for a toast to finish appearing (it fades in), so screenshots show it whole. */
async function settled(t: Locator): Promise<void> {
  await t.waitFor();
  await t.locator('.monaco-button').first().waitFor();
  await new Promise((r) => setTimeout(r, 500));
}

async function buttonsOf(t: Locator): Promise<string[]> {
  return (await t.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((s) => s.trim());
}

async function clearToasts(wb: Workbench): Promise<void> {
  await run(wb, 'Notifications: Clear All Notifications');
}

/** Runs the palette command whose label is exactly `title` (titles share prefixes). */
async function run(wb: Workbench, title: string): Promise<void> {
  await focusWorkbench(wb);
  await wb.runCommand(title, { exact: true });
}

/**
 * Takes keyboard focus back from a webview (the stand-in's view keeps it after a reload, and then the
 * workbench never sees our shortcuts): a click on the editor area's tab bar or its empty space.
 */
async function focusWorkbench(wb: Workbench): Promise<void> {
  await wb.page.keyboard.press('Escape');
  await wb.page.locator('.part.editor').click({ position: { x: 3, y: 3 } });
}

/** Waits until the Extensions view is open, searching for Cline (Install Cline and Enable Cline lead there). */
async function extensionsViewSearchesForCline(wb: Workbench): Promise<void> {
  await until('the Extensions view searching for Cline', async () => {
    const value = await wb.page
      .locator('.extensions-viewlet .suggest-input-container .monaco-editor .view-line')
      .first()
      .innerText()
      .catch(() => '');
    return value.includes('@id:saoudrizwan.claude-dev');
  });
}

/**
 * Opens a workspace file through the palette's file mode. The palette can close under us (a notification or a
 * late focus change from the previous test takes the focus), so opening it, typing and seeing the file listed
 * are retried together.
 */
async function openFile(wb: Workbench, relativePath: string): Promise<void> {
  const input = wb.page.locator('.quick-input-widget input');
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: relativePath.split('/').pop()! }).first();
  await until(`the quick open list showing ${relativePath}`, async () => {
    try {
      if (!(await input.isVisible())) {
        await focusWorkbench(wb);
        await wb.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 2000 });
      }
      await input.fill(relativePath, { timeout: 2000 });
      await row.waitFor({ timeout: 3000 });
      return true;
    } catch {
      return undefined;
    }
  });
  await wb.page.keyboard.press('Enter');
  await wb.page
    .locator(`.tab.active[aria-label*="${relativePath.split('/').pop()}"]`)
    .first()
    .waitFor();
  await wb.page.locator('.monaco-editor.focused').first().waitFor();
}

/** The lens links of the row right above the line whose text contains `lineText`. */
async function lensRowAbove(wb: Workbench, lineText: string): Promise<Locator[]> {
  const line = wb.page.locator('.monaco-editor .view-lines .view-line', { hasText: lineText }).first();
  const lineBox = await line.boundingBox();
  if (!lineBox) throw new Error(`line "${lineText}" is not visible`);
  const links = wb.page.locator('.monaco-editor .codelens-decoration a');
  let bestY = -Infinity;
  const row: Locator[] = [];
  for (let i = 0; i < (await links.count()); i++) {
    const box = await links.nth(i).boundingBox();
    if (!box || box.y >= lineBox.y) continue;
    if (box.y > bestY + 1) {
      bestY = box.y;
      row.length = 0;
    }
    if (Math.abs(box.y - bestY) <= 1) row.push(links.nth(i));
  }
  return row;
}

function taskTexts(wb: Workbench): string[] {
  return wb
    .standInCalls()
    .filter((c) => c.method === 'startNewTask')
    .map((c) => String(c.args[0]));
}

/** Selects 1-based lines first..last in the active editor with the keyboard (Go to Line, then Shift+Down). */
async function selectLines(wb: Workbench, first: number, last: number): Promise<void> {
  await wb.page.keyboard.press('Control+G');
  await wb.answerInput(`:${first}`);
  await wb.page.locator('.monaco-editor.focused').first().waitFor();
  await wb.page.keyboard.press('Home');
  await wb.page.keyboard.press('Home'); // twice: the first stops at the indentation
  for (let i = first; i <= last; i++) await wb.page.keyboard.press('Shift+ArrowDown');
  await until('a selection', async () => (await wb.page.locator('.monaco-editor .selected-text').count()) > 0);
}

describe('UI: driving Cline from the editor (stand-in Cline)', function () {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open({
      settings: {
        'clineCompanion.codeLens.enabled': true,
        'clineCompanion.cline.timeoutSeconds': 1,
        'editor.minimap.enabled': false,
      },
    });
  });
  after(async () => {
    await wb?.close();
  });
  afterEach(async function () {
    await screenshotIfFailed(wb, 'cline', this.currentTest);
    // Close whatever a failed step left open (menus, inputs).
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Escape');
  });

  it('Cline failing to start: the toast says why and offers Show Log and Copy Prompt; after a reload the prompt is still there', async () => {
    // The stand-in reads this when it activates, which is on our first call.
    wb.setStandInBehaviour({ activationError: 'remote config unreachable' });
    await run(wb, 'Cline Companion: Start Cline Task…');
    await wb.answerInput('Migrate the settings page');
    const t = toast(wb, /Cline failed to start: remote config unreachable/);
    await t.waitFor();
    assert.deepEqual(await buttonsOf(t), ['Show Log', 'Copy Prompt']);
    await t.locator('.monaco-button', { hasText: 'Show Log' }).click();
    // The editor renders spaces as non-breaking ones: \s matches both.
    const log = wb.page.locator('.monaco-workbench .part.panel .view-lines');
    await log
      .getByText(/activating\sCline\s4\.1\.99\s\(first\suse\)/)
      .first()
      .waitFor();
    await log
      .getByText(/startNewTask\s\(25\schars\)\s→\sactivationFailed\safter\s\d+\sms.*:\sremote\sconfig\sunreachable/)
      .first()
      .waitFor();
    assert.equal(await log.getByText(/Migrate/).count(), 0, 'the prompt text stays out of the log (trace level only)');

    // A failed activation lasts the session: reload the window with a working Cline.
    wb.setStandInBehaviour({});
    await wb.page.reload();
    await wb.page.locator('.explorer-folders-view').first().waitFor({ timeout: 60_000 });
    await run(wb, 'Cline Companion: Start Cline Task…');
    const input = wb.page.locator('.quick-input-widget input');
    await until('the kept prompt in the input', async () => (await input.inputValue()) === 'Migrate the settings page');
    await wb.page.keyboard.press('Enter');
    await until('the task reached Cline', () => taskTexts(wb).includes('Migrate the settings page'));
  });

  it('shows the lenses, and a real click on one reaches Cline with that symbol', async () => {
    await openFile(wb, 'src/cart.ts');
    const lens = wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Explain' });
    // TypeScript's server takes a while to start; the lenses come once it answers.
    await until('several Explain lenses', async () => (await lens.count()) >= 4, 60_000);
    await wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Implement with Cline' }).first().waitFor();
    await run(wb, 'View: Show Explorer');
    await wb.screenshot('codelens');
    const before = taskTexts(wb).length;
    const row = await lensRowAbove(wb, 'total(): number {');
    assert.deepEqual(
      await Promise.all(row.map((l) => l.innerText())),
      ['Explain', 'Tests', 'Refactor'].map((t) => t),
    );
    await row[0].click();
    const text = await until('a new task', () => taskTexts(wb)[before]);
    assert.match(text, /^Explain the following typescript code from src\/cart\.ts \(lines 20-24\)/);
    assert.match(text, /```typescript\n {2}total\(\): number \{/);
  });

  it('the palette: Start Cline Task offers the recent prompts; picking one puts it in the input to edit', async () => {
    await run(wb, 'Cline Companion: Start Cline Task…');
    await wb.answerInput('Add input validation to the form');
    await until('first task', () => taskTexts(wb).includes('Add input validation to the form'));
    await run(wb, 'Cline Companion: Start Cline Task…');
    const recent = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Add input validation to the form' }).first();
    await recent.waitFor();
    await wb.screenshot('start-task-history');
    await recent.click();
    const input = wb.page.locator('.quick-input-widget input');
    await until('the recent prompt in the input', async () => (await input.inputValue()) === 'Add input validation to the form');
    await input.press('End');
    await input.type(' and the signup page');
    await wb.page.keyboard.press('Enter');
    await until('edited task', () => taskTexts(wb).includes('Add input validation to the form and the signup page'));
  });

  it('the editor context menu: Cline Companion › Explain with Cline on a selection', async () => {
    await openFile(wb, 'src/cart.ts');
    await selectLines(wb, 15, 18);
    const before = taskTexts(wb).length;
    // Right-click on text inside the selection, so the selection stays.
    await wb.page
      .locator('.monaco-editor .view-line span', { hasText: /^push$/ })
      .first()
      .click({ button: 'right' });
    await wb.page
      .locator('.context-view .action-label', { hasText: /^Cline Companion$/ })
      .first()
      .hover();
    const item = wb.page.locator('.context-view .action-label', { hasText: /^Explain with Cline$/ }).first();
    await item.waitFor();
    await wb.screenshot('context-menu');
    await item.click();
    const text = await until('the task from the context menu', () => taskTexts(wb)[before]);
    assert.match(text, /^Explain the following typescript code from src\/cart\.ts \(lines 15-18\)/);
  });

  it('the explorer context menu: Ask Cline About File… asks the question, then sends it with the file', async () => {
    const before = taskTexts(wb).length;
    // The command, not the activity bar icon: a click on the icon of the view already shown hides the side bar.
    await run(wb, 'View: Show Explorer');
    const src = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^src$/ }).first();
    const file = wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'inventory.py' }).first();
    await src.waitFor();
    // Expand src only when it is collapsed (a click on an expanded folder would collapse it).
    if ((await src.getAttribute('aria-expanded')) !== 'true') await src.click();
    await file.click({ button: 'right' });
    const ask = wb.page.locator('.context-view .action-label', { hasText: /^Ask Cline About File…$/ }).first();
    // A menu ignores clicks that come right after it opened (the right-click's own mouse-up).
    await ask.hover();
    await new Promise((r) => setTimeout(r, 300));
    await ask.click();
    await wb.answerInput('Where is the stock loaded from?');
    const text = await until('the question', () => taskTexts(wb)[before]);
    assert.match(text, /^Where is the stock loaded from\?\n\nThis is about src\/inventory\.py:/);
  });

  it('a throwing Cline: the toast offers Retry, Show Log and Copy Prompt; running the command again pre-fills the prompt', async () => {
    await clearToasts(wb);
    wb.setStandInBehaviour({ throwFrom: ['startNewTask'] });
    await run(wb, 'Cline Companion: Start Cline Task…');
    await wb.answerInput('Keep this prompt safe');
    const t = toast(wb, /Cline could not start the task: stand-in Cline: startNewTask failed on purpose/);
    await t.waitFor();
    assert.deepEqual(await buttonsOf(t), ['Retry', 'Show Log', 'Copy Prompt']);
    assert.match(await t.innerText(), /Your text is kept/);
    await settled(t);
    await wb.screenshot('notification-failure');
    // (What lands on the clipboard is checked in the integration suite; headless Chromium has no system clipboard.)
    await t.locator('.monaco-button', { hasText: 'Copy Prompt' }).click();
    await wb.page.locator('.statusbar-item', { hasText: 'Prompt copied to the clipboard' }).first().waitFor();

    wb.setStandInBehaviour({});
    await run(wb, 'Cline Companion: Start Cline Task…');
    const input = wb.page.locator('.quick-input-widget input');
    await until('pre-filled', async () => (await input.inputValue()) === 'Keep this prompt safe');
    await wb.page.keyboard.press('Enter');
    await until('resent', () => taskTexts(wb).filter((x) => x === 'Keep this prompt safe').length === 2);
  });

  it('a slow Cline: a progress notification after the timeout, gone when the call settles, nothing cancelled', async () => {
    await clearToasts(wb);
    wb.setStandInBehaviour({ delayMs: 4000 });
    await run(wb, 'Cline Companion: Send Message to Cline…');
    await wb.answerInput('take your time');
    const progress = toast(wb, /Still waiting for Cline to take the message/);
    await progress.waitFor({ timeout: 10_000 });
    assert.match(await progress.innerText(), /nothing was cancelled/);
    await new Promise((r) => setTimeout(r, 500)); // its fade-in
    await wb.screenshot('notification-slow');
    await progress.waitFor({ state: 'detached', timeout: 15_000 });
    wb.setStandInBehaviour({});
    assert.ok(wb.standInCalls().some((c) => c.method === 'sendMessage' && c.args[0] === 'take your time'));
  });

  it('the status bar item opens the Cline actions', async () => {
    await wb.page
      .locator('.statusbar-item', { hasText: 'Cline' })
      .filter({ has: wb.page.locator('.codicon-hubot, .codicon-warning') })
      .first()
      .click();
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Start Cline Task…' }).first().waitFor();
    for (const label of ['Send Message to Cline…', 'Approve', 'Reject', 'Show Cline', 'Turn Code Lenses Off']) {
      assert.ok(await rows.filter({ hasText: label }).count(), `${label} in the status bar menu`);
    }
    await wb.screenshot('status-bar-actions');
    await wb.page.keyboard.press('Escape');
  });

  it('disabled in the Extensions view: after the reload, "installed but disabled" with Enable Cline, which opens the Extensions view', async () => {
    // Our development extension cannot be disabled: "all installed" is the stand-in Cline.
    await run(wb, 'Extensions: Disable All Installed Extensions');
    await new Promise((r) => setTimeout(r, 1000)); // let the workbench store the new state before the reload
    await wb.page.reload();
    await wb.page.locator('.explorer-folders-view, .extensions-viewlet').first().waitFor({ timeout: 60_000 });
    await run(wb, 'Cline Companion: Start Cline Task…');
    await wb.answerInput('One more task');
    const t = toast(wb, /Cline is installed but disabled/);
    await t.waitFor();
    assert.deepEqual(await buttonsOf(t), ['Enable Cline', 'Reload Window', 'Copy Prompt']);
    await settled(t);
    await wb.screenshot('notification-disabled');
    await t.locator('.monaco-button', { hasText: 'Enable Cline' }).click();
    await extensionsViewSearchesForCline(wb);
  });
});

describe('UI: Cline not installed', function () {
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.open({ withStandInCline: false });
  });
  after(async () => {
    await wb?.close();
  });

  it('the toast offers Install Cline (which opens the Extensions view on it) and Copy Prompt', async () => {
    await run(wb, 'Cline Companion: Start Cline Task…');
    await wb.answerInput('Set up CI');
    const t = toast(wb, /Cline is not installed/);
    await t.waitFor();
    assert.deepEqual(await buttonsOf(t), ['Install Cline', 'Copy Prompt']);
    await settled(t);
    await wb.screenshot('notification-not-installed');
    await t.locator('.monaco-button', { hasText: 'Install Cline' }).click();
    await extensionsViewSearchesForCline(wb);
  });
});
