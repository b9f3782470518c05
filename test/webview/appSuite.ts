/**
 * The lifecycle every suite of the chat app shares: one Chromium for the suite, a fresh page per test
 * (the app says `ready` before the test starts), and after each passing test no console problem and no
 * CSP violation (the app uses no inline styles or scripts, and renders nothing from the model as HTML).
 */
import assert from 'node:assert/strict';
import { AppPage, startBrowser, type TestBrowser } from './harness';

/**
 * Call inside a `describe`: returns the current test's page (`pathname`: `/?lang=de` for the page in German,
 * `/renderer` for the renderer alone). `ready`, run in the page, says when a test may start (default: the app
 * said `ready`).
 */
export function useAppPage(
  pathname = '/',
  options: { viewport?: { width: number; height: number }; ready?: () => boolean } = {},
): () => AppPage {
  let tb: TestBrowser;
  let app: AppPage;

  before(async () => {
    tb = await startBrowser();
  });
  after(async () => {
    await tb?.close();
  });

  beforeEach(async () => {
    app = await AppPage.open(tb, pathname, options.viewport);
    await app.page.waitForFunction(options.ready ?? (() => (window as unknown as { __posted: unknown[] }).__posted.length > 0));
  });

  afterEach(async function () {
    const problems = app.problems;
    const violations = await app.cspViolations();
    await app.close();
    if (this.currentTest?.state === 'passed') {
      assert.deepEqual(problems, [], 'console problems');
      assert.deepEqual(violations, [], 'CSP violations');
    }
  });

  return () => app;
}
