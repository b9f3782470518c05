/**
 * The syntax highlighter is a second bundle (dist/highlight.js), which the chat app adds to the page only when
 * the first code block in a known language is to be highlighted (src/ui/markdown/highlight.ts): with the page's
 * nonce, under the unchanged CSP, once. Code shown before it arrives is plain and gets highlighted in place when
 * it does; if it never arrives, code stays plain and the chat works on.
 */
import assert from 'node:assert/strict';
import type { Page, Request } from 'playwright-core';
import { useAppPage } from './appSuite';
import { answerStream, conversation, init, message } from './fixtures';
import type { AppPage } from './harness';
import type { RendererApi } from './rendererPage';
import { realisticAnswer } from './sampleMarkdown';

const TS_ANSWER = 'A helper:\n\n```ts\nexport function double(n: number): number {\n  return n * 2;\n}\n```\n\nDone.';
const TS_CODE = 'export function double(n: number): number {\n  return n * 2;\n}';
const PYTHON_ANSWER = 'In Python:\n\n```python\ndef double(n):\n    return n * 2\n```\n';

/** Every request the page makes for the highlighter bundle, from now on. */
function highlighterRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/highlight.js') requests.push(request);
  });
  return requests;
}

describe('lazily loaded syntax highlighter (Chromium)', function () {
  this.timeout(60_000);

  describe('in the chat app', () => {
    const currentApp = useAppPage();
    let app: AppPage;
    beforeEach(() => {
      app = currentApp();
    });

    const page = () => app.page;
    const log = () => page().getByRole('log', { name: 'Conversation' });
    const input = () => page().getByRole('textbox', { name: 'Message' });
    const highlighterScripts = () => page().locator('script[src$="/highlight.js"]');

    async function ask(conversationId: string, question: string, answer: string): Promise<void> {
      await input().fill(question);
      await input().press('Enter');
      const { start, deltas, end } = answerStream(conversationId, answer, { userText: question, chunk: 9 });
      await app.host(start, ...deltas, end);
      await app.frames();
    }

    it('requests no highlighter for a conversation without code in a known language', async () => {
      const requests = highlighterRequests(page());
      const restored = conversation('c1', [
        message('user', 'hi'),
        message('assistant', 'Plain **words**, `inline code`, and a fence in no language:\n\n```\nplain text\n```\n', { status: 'done' }),
      ]);
      await app.host(init({ active: restored }));
      await ask('c1', 'more?', 'Still no code.\n\n```nosuchlanguage\nx = 1\n```\n\n- a list');
      await log().getByText('Still no code.').waitFor();
      await log().locator('pre.code-block').nth(1).waitFor();
      assert.equal(await log().locator('pre.code-block').count(), 2);
      // Give a load that was wrongly started the time to show.
      await page().waitForTimeout(200);
      assert.deepEqual(
        requests.map((r) => r.url()),
        [],
      );
      assert.equal(await highlighterScripts().count(), 0);
      assert.equal(await page().evaluate(() => window.clineCompanionHighlighter === undefined), true);
    });

    it('loads it once, on the first code block, with the page nonce, and highlights that block and later ones', async () => {
      const requests = highlighterRequests(page());
      await app.host(init());
      await ask('c9', 'double?', TS_ANSWER);
      const first = log().locator('.message.assistant').first();
      await first.locator('code .hljs-keyword').first().waitFor();
      assert.equal(await first.locator('code').textContent(), TS_CODE);
      assert.equal(await first.locator('code').getAttribute('class'), 'hljs language-ts');
      assert.equal(await first.locator('code').getAttribute('data-lang'), 'ts');

      await ask('c9', 'and python?', PYTHON_ANSWER);
      const second = log().locator('.message.assistant').nth(1);
      await second.locator('code .hljs-keyword').first().waitFor();
      assert.equal(requests.length, 1, 'requested once');
      assert.equal(await highlighterScripts().count(), 1);
      // The added script carries the nonce of the bundle's own script (the CSP allows nothing else).
      const nonces = await page().evaluate(() => [
        document.querySelector<HTMLScriptElement>('script[src$="/webview.js"]')?.nonce,
        document.querySelector<HTMLScriptElement>('script[src$="/highlight.js"]')?.nonce,
      ]);
      assert.ok(nonces[0], 'the bundle has a nonce');
      assert.equal(nonces[1], nonces[0]);
    });

    it('highlights in place the code shown plain before it arrived: a restored conversation and a finished answer', async () => {
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (release = resolve));
      await page().route('**/highlight.js', async (route) => {
        await arrived;
        await route.continue();
      });
      const requests = highlighterRequests(page());
      const restored = conversation('c1', [message('user', 'double?'), message('assistant', TS_ANSWER, { status: 'done' })]);
      await app.host(init({ active: restored }));
      await ask('c1', 'and python?', PYTHON_ANSWER);
      const codes = log().locator('.message.assistant pre.code-block > code');
      await codes.nth(1).waitFor();
      await page().waitForFunction(() => document.querySelector('script[src$="/highlight.js"]') !== null);

      // Shown plain while it loads: the text as written, the same classes, data-lang and toolbar as later.
      assert.equal(await codes.locator('span').count(), 0, 'plain while the highlighter loads');
      assert.deepEqual(await codes.evaluateAll((els) => els.map((e) => [e.className, e.getAttribute('data-lang')])), [
        ['hljs language-ts', 'ts'],
        ['hljs language-python', 'python'],
      ]);
      assert.equal(await codes.first().textContent(), TS_CODE);
      const copy = log().getByRole('button', { name: 'Copy' }).first();
      await copy.click();
      assert.equal((await app.waitForPosted('copy')).text, TS_CODE);

      release();
      await codes.first().locator('.hljs-keyword').first().waitFor();
      await codes.nth(1).locator('.hljs-keyword').first().waitFor();
      assert.equal(requests.length, 1);
      // Highlighted in place: the same text, classes and toolbar, and Copy copies the same code.
      assert.equal(await codes.first().textContent(), TS_CODE);
      assert.equal(await codes.first().getAttribute('class'), 'hljs language-ts');
      assert.equal(await log().locator('.code-block-frame .code-toolbar').count(), 2);
      await copy.click();
      assert.equal((await app.waitForPosted('copy', 2)).text, TS_CODE);
      // Only the highlighter's own classes came in, through the sanitiser.
      const classes = await codes.locator('span').evaluateAll((els) => [...new Set(els.flatMap((e) => [...e.classList]))]);
      assert.ok(classes.length > 0 && classes.every((c) => /^hljs-[\w-]+$/.test(c) || /^[\w-]+_$/.test(c)), classes.join(' '));
    });

    it('keeps code plain and the chat working when the highlighter cannot load, and says so once', async () => {
      await page().route('**/highlight.js', (route) => route.abort());
      const requests = highlighterRequests(page());
      await app.host(init());
      await ask('c9', 'double?', TS_ANSWER);
      const codes = log().locator('.message.assistant pre.code-block > code');
      await codes.first().waitFor();
      await page().waitForFunction(() => document.querySelector('script[src$="/highlight.js"]') !== null);
      await page().waitForTimeout(200);
      assert.equal(await codes.first().textContent(), TS_CODE);
      assert.equal(await codes.locator('span').count(), 0);

      // The chat goes on: another answer with code, shown plain, and no second attempt.
      await ask('c9', 'and python?', PYTHON_ANSWER);
      await log().locator('.message.assistant').nth(1).locator('code').waitFor();
      assert.equal(await log().locator('.message.assistant').nth(1).locator('code').textContent(), 'def double(n):\n    return n * 2');
      assert.equal(await codes.locator('span').count(), 0);
      await log().getByRole('button', { name: 'Copy' }).first().click();
      assert.equal((await app.waitForPosted('copy')).text, TS_CODE);
      assert.equal((await app.postedOfType('send')).length, 2);
      assert.equal(requests.length, 1, 'one attempt');

      // What the console says: the browser's failed request, and our one line about it. Nothing else.
      const problems = app.problems.splice(0);
      assert.equal(problems.length, 2, problems.join('\n'));
      assert.match(problems[0], /^error: Failed to load resource/);
      assert.match(problems[1], /^warning: chat: the syntax highlighter \(dist\/highlight\.js\) is not available: it did not load/);
    });
  });

  describe('on the renderer page', () => {
    type PageWindow = Window & { __renderer: RendererApi };
    const app = useAppPage('/renderer', {
      viewport: { width: 600, height: 800 },
      ready: () => !!(window as unknown as PageWindow).__renderer,
    });

    it('blocks highlighted in place are exactly what a render with the highlighter gives', async () => {
      const text = realisticAnswer(30_000, 5);
      const plain = await app().page.evaluate((t) => {
        (window as unknown as PageWindow).__renderer.mount(t, true);
        return document.querySelector('#app > div')!.innerHTML;
      }, text);
      assert.ok((plain.match(/<pre class="code-block"/g) ?? []).length >= 5, 'the sample has code blocks');
      assert.doesNotMatch(plain, /hljs-/, 'rendered before the highlighter arrived');
      assert.equal(await app().page.evaluate(() => (window as unknown as PageWindow).__renderer.loadHighlighter()), true);
      // The blocks are highlighted a slice at a time: wait until the page equals a fresh render.
      await app().page.waitForFunction(
        (t) => document.querySelector('#app > div')!.innerHTML === (window as unknown as PageWindow).__renderer.detachedRender(t),
        text,
      );
      const highlighted = await app().page.evaluate(() => document.querySelector('#app > div')!.innerHTML);
      assert.match(highlighted, /hljs-keyword/);
      // Only the code's insides changed.
      const strip = (html: string) => html.replace(/<span class="[^"]*">|<\/span>/g, '');
      assert.equal(strip(highlighted), strip(plain));
    });
  });
});
