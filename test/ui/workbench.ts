/**
 * Drives the real workbench (code-server) in Chromium the way a person would: the command palette,
 * clicks, the keyboard. Screenshots go to test-results/screenshots (git-ignored).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from '../host/chromium';
import { disableExtensionsInPage } from '../host/disabledExtensions';
import { startCodeServer, workbenchUrl, repoRoot, type CodeServer, type CodeServerOptions } from '../host/codeServer';

const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export interface RecordedCall {
  method: string;
  args: unknown[];
  time: number;
}

/** Polls `check` until it returns something truthy (retrying instead of sleeping blindly), or fails after `timeoutMs`. */
export async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The visible notification toast whose message matches. */
export function toast(wb: Workbench, message: RegExp): Locator {
  return wb.page
    .locator('.notifications-toasts .notification-toast', { has: wb.page.locator('.notification-list-item-message', { hasText: message }) })
    .first();
}

export class Workbench {
  private constructor(
    readonly server: CodeServer,
    readonly browser: Browser,
    readonly page: Page,
    /** Closes what this window owns: the browser and the server for the first window, its page for another. */
    private readonly closeWindow: () => Promise<void>,
    readonly consoleErrors: string[],
  ) {}

  static async open(options: CodeServerOptions = {}): Promise<Workbench> {
    const server = await startCodeServer(options);
    try {
      const { browser, cleanup } = await launchChromium();
      // A context of our own rather than browser.newPage(), whose context takes no second page (openWindow).
      const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
      const consoleErrors = await Workbench.load(page, server, server.workspace);
      return new Workbench(
        server,
        browser,
        page,
        async () => {
          await cleanup();
          await server.stop();
        },
        consoleErrors,
      );
    } catch (err) {
      await server.stop();
      throw err;
    }
  }

  /**
   * Another window of the same code-server with `folder` open: a new page in this browser's context (so it
   * shares the workbench's browser storage, as a second tab of a real user does) and its own extension host,
   * with the same HOME, user data and extensions. Its close() closes only its page.
   */
  async openWindow(folder: string): Promise<Workbench> {
    const page = await this.page.context().newPage();
    const consoleErrors = await Workbench.load(page, this.server, folder);
    return new Workbench(this.server, this.browser, page, () => page.close(), consoleErrors);
  }

  /** Opens the workbench on `page` with `folder` (or a `.code-workspace`) and waits until it is up. */
  private static async load(page: Page, server: CodeServer, folder: string): Promise<string[]> {
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`${msg.location().url}: ${msg.text()}`);
    });
    await disableExtensionsInPage(page, server.disabledExtensions);
    await page.goto(workbenchUrl({ ...server, workspace: folder }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer shows the workspace once the window has fully come up.
    await page.locator('.explorer-folders-view').first().waitFor({ timeout: 60_000 });
    return consoleErrors;
  }

  async close(): Promise<void> {
    await this.closeWindow();
  }

  /**
   * Runs a command from the palette by its title. A command shows only after the extension host
   * registered it, so this retries rather than sleeping.
   */
  async runCommand(title: string, options: { exact?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    // With `exact`, the row whose label is exactly `title` is clicked (titles can share a prefix);
    // otherwise Enter takes the palette's best match.
    const exactLabel = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const input = this.page.locator('.quick-input-widget input');
    for (let attempt = 0; ; attempt++) {
      try {
        // Escape only closes a leftover palette: in an editor it would also drop the selection.
        if (await this.page.locator('.quick-input-widget').isVisible()) await this.page.keyboard.press('Escape');
        if (attempt > 0) {
          // The key may have gone into a webview (it has focus after a reload, say): give focus back
          // to the workbench first.
          await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          await this.page
            .locator('.part.statusbar')
            .click({ position: { x: 5, y: 5 } })
            .catch(() => undefined);
        }
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 3000 });
        await input.fill(`>${title}`, { timeout: 3000 });
        const rows = this.page.locator('.quick-input-list .monaco-list-row');
        const row = options.exact
          ? rows.filter({ has: this.page.locator('.label-name', { hasText: exactLabel }) }).first()
          : rows.filter({ hasText: title }).first();
        await row.waitFor({ state: 'visible', timeout: 2000 });
        if (options.exact) await row.click();
        else await this.page.keyboard.press('Enter');
        return;
      } catch (err) {
        // Not registered yet, or the palette closed under us: try again until the deadline.
        if (Date.now() > deadline)
          throw new Error(`command "${title}" could not be run from the palette: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  }

  /** Answers an open quick input (input box) with text and Enter. */
  async answerInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  async openFile(relativePath: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    // Recently opened files are listed at once: wait for the search's row of this file before Enter.
    await this.page
      .locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relativePath) })
      .first()
      .waitFor();
    await this.page.keyboard.press('Enter');
    await this.page
      .locator(`.tab[aria-label*="${path.basename(relativePath)}"]`)
      .first()
      .waitFor();
  }

  /** The stand-in Cline's recorded calls, read from its log file. */
  standInCalls(): RecordedCall[] {
    if (!fs.existsSync(this.server.standInLog)) return [];
    return fs
      .readFileSync(this.server.standInLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as RecordedCall);
  }

  async waitForCall(method: string, count = 1, timeoutMs = 30_000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const calls = this.standInCalls().filter((c) => c.method === method);
      if (calls.length >= count) return calls;
      if (Date.now() > deadline)
        throw new Error(`stand-in Cline never got ${count} ${method} call(s); got ${JSON.stringify(this.standInCalls())}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  setStandInBehaviour(b: Record<string, unknown>): void {
    fs.writeFileSync(this.server.standInBehaviour, JSON.stringify(b));
  }

  /** The content frame of one of our webviews (the outer iframe, then #active-frame). */
  webview(extensionId = 'cline-companion.cline-companion'): FrameLocator {
    return this.page
      .locator(`iframe.webview[src*="extensionId=${extensionId}"]:visible`)
      .first()
      .contentFrame()
      .locator('iframe#active-frame')
      .contentFrame();
  }

  /** Drags the sidebar's edge until the sidebar is `width` pixels wide (for the README's pictures). */
  async resizeSidebar(width: number): Promise<void> {
    const sidebar = this.page.locator('.part.sidebar');
    const box = (await sidebar.boundingBox())!;
    await this.page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width + 1, box.y + box.height / 2, { steps: 5 });
    await this.page.mouse.up();
    await until('a sidebar of the width asked for', async () => Math.abs(((await sidebar.boundingBox())?.width ?? 0) - width) <= 10);
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** After a failed test: a screenshot named after it (`FAILED-<prefix>-<title>`), for the CI log's reader. */
export async function screenshotIfFailed(wb: Workbench | undefined, prefix: string, test: Mocha.Test | undefined): Promise<void> {
  if (wb && test?.state === 'failed') await wb.screenshot(`FAILED-${prefix}-${test.title.slice(0, 40).replace(/\W+/g, '-')}`);
}
