/**
 * The incremental markdown renderer, driven directly in Chromium (the harness's /renderer page, under
 * the chat CSP): streamed output must equal a one-shot render, after every delta and at the end;
 * finished blocks are rendered once; renders are coalesced per frame; fences, links, images and code
 * toolbars behave.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { AppPage, startBrowser, type TestBrowser } from './harness';
import type { RendererApi } from './rendererPage';
import { realisticAnswer, seededRandom, splitIntoChunks } from './sampleMarkdown';

type PageWindow = Window & { __renderer: RendererApi; __codeActions: unknown[]; __links: string[] };

/** Chunks of random sizes 1..max. */
function randomChunks(text: string, max: number, seed: number): string[] {
  const rand = seededRandom(seed);
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const n = 1 + Math.floor(rand() * max);
    chunks.push(text.slice(i, i + n));
    i += n;
  }
  return chunks;
}

/** Markdown that exercises the block boundaries a streaming splitter can get wrong. */
const TRICKY = [
  'Setext heading\n===\n\nAnother\n---',
  '| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | `4` |',
  '- one\n- two\n\n  continued in two\n- three\n  1. nested\n  2. more',
  '> quoted\n> more\n\nafter',
  '~~~python\nprint("tilde")\n~~~',
  '````md\n```js\ninner fence\n```\n````',
  '   ```\n   indented fence\n   ```',
  '    indented code block\n    second line',
  '[r]: https://example.com/ref\n\nA [ref link][r] after its definition.',
  'Windows\r\nline endings\r\n\r\nhere',
  'Raw <div class="button">html</div> and <b>bold</b> shown as text.',
  '<div>\nblock html\n</div>',
  'An image: ![alt text](https://example.com/a.png "title").',
  'Hard  \nbreak and trailing spaces   \n\nnext',
  '1. first\n2. second\n\n3. third (loose)',
  '***\n\n# Heading #\n\nText with *em*, **strong**, ~~del~~, `code`, <https://example.com>, www.example.com.',
  '- [ ] task\n- [x] done',
  'Unclosed **bold and `code',
  '```js\nlet open = "fence without end";\nconsole.log(open);',
].join('\n\n');

describe('incremental markdown renderer (Chromium)', function () {
  this.timeout(120_000);
  let tb: TestBrowser;
  let app: AppPage;
  let page: Page;

  before(async () => {
    tb = await startBrowser();
    app = await AppPage.open(tb, '/renderer', { width: 600, height: 800 });
    page = app.page;
    await page.waitForFunction(() => !!(window as unknown as PageWindow).__renderer);
    // The syntax highlighter is loaded lazily; these tests look at highlighted code from the first render.
    assert.equal(await page.evaluate(() => (window as unknown as PageWindow).__renderer.loadHighlighter()), true);
  });
  after(async () => {
    await app?.close();
    await tb?.close();
  });
  afterEach(async () => {
    assert.deepEqual(app.problems, []);
    assert.deepEqual(await app.cspViolations(), []);
  });

  const full = (text: string) => page.evaluate((t) => (window as unknown as PageWindow).__renderer.fullRender(t).html, text);
  const streamed = (chunks: string[]) => page.evaluate((cs) => (window as unknown as PageWindow).__renderer.streamedStates(cs), chunks);

  it('ends with the same DOM as a one-shot render, however the text is split', async () => {
    const texts = [realisticAnswer(30_000, 11), TRICKY];
    for (const text of texts) {
      const expected = await full(text);
      assert.ok(expected.includes('<pre') && expected.includes('<li>'), 'the sample has code and lists');
      for (const [max, seed] of [
        [1, 1],
        [4, 2],
        [17, 3],
        [64, 4],
        [400, 5],
      ]) {
        const { finished } = await streamed(randomChunks(text, max, seed));
        assert.equal(finished, expected, `chunks up to ${max} (seed ${seed})`);
      }
    }
  });

  // (A reference definition arriving after its use is the one exception while streaming: the link
  // resolves when the answer finishes, tested below.)
  it('matches a fresh render of the same text after every delta (fast paths included)', async () => {
    for (const [text, count] of [
      [realisticAnswer(10_000, 5), 800],
      [TRICKY, 400],
    ] as const) {
      const chunks = splitIntoChunks(text, count, 9);
      const result = await page.evaluate((cs) => (window as unknown as PageWindow).__renderer.verifySteps(cs, 3), chunks);
      assert.deepEqual(result.mismatches, []);
      if (text !== TRICKY) assert.ok(result.fastSteps > chunks.length * 0.4, `fast steps: ${result.fastSteps} of ${chunks.length}`);
    }
  });

  it('shows plain words at once and re-renders the open block at most every 100 ms, without new text too', async () => {
    const steps = await page.evaluate(() =>
      (window as unknown as PageWindow).__renderer.scripted([
        { at: 0, append: 'Call `fetch' },
        { at: 10, append: '()` with' },
        { at: 20, append: ' a timeout' },
        { at: 90 },
        { at: 101 },
        { at: 130, append: ' **now**' },
        { at: 250 },
      ]),
    );
    const texts = steps.map((s) => s.text.trimEnd());
    assert.deepEqual(texts.slice(0, 5), [
      'Call `fetch', // the first render is never held back: an unclosed code span is text
      'Call `fetch', // the closing backtick waits for the next real render…
      'Call `fetch', // …and so does what follows it in the same paragraph
      'Call `fetch',
      'Call fetch() with a timeout', // 100 ms after the last real render, with no new text
    ]);
    assert.match(steps[4].html, /<code>fetch\(\)<\/code> with a timeout/);
    assert.equal(texts[5], 'Call fetch() with a timeout', 'the words before the markup are shown at once');
    assert.match(steps[5].html, /a timeout <\/p>/);
    assert.match(steps[6].html, /<strong>now<\/strong>/);
  });

  it('paces a stream: the DOM is always a render of what it shows, and no text waits over 100 ms', async () => {
    for (const [text, count] of [
      [realisticAnswer(10_000, 5), 800],
      [TRICKY, 300],
    ] as const) {
      const chunks = splitIntoChunks(text, count, 9);
      const expected = await full(text);
      for (const timeline of [
        { deltasPerPost: 5, postIntervalMs: 30 },
        { deltasPerPost: 1, postIntervalMs: 30 },
        { deltasPerPost: 1, postIntervalMs: 7 },
      ]) {
        const result = await page.evaluate(([cs, tl]) => (window as unknown as PageWindow).__renderer.checkPacing(cs, tl), [
          chunks,
          timeline,
        ] as const);
        const label = `${text === TRICKY ? 'tricky' : 'realistic'} ${JSON.stringify(timeline)}`;
        assert.deepEqual(result.problems, [], label);
        assert.ok(result.heldFrames > 0, `${label}: the interval held text back (${result.heldFrames} frames)`);
        assert.equal(result.html, expected, label);
      }
    }
  });

  it('renders finished blocks once and keeps their nodes', async () => {
    const result = await page.evaluate(() =>
      (window as unknown as PageWindow).__renderer.keepsFinishedBlocks('First paragraph.\n\nSecond', [
        ' paragraph grows',
        '.\n\n```ts\nconst x = 1;\n```\n',
        '\n- a list\n- more\n',
      ]),
    );
    assert.equal(result.same, true);
  });

  it('coalesces many deltas into one render per frame', async () => {
    const chunks = splitIntoChunks(realisticAnswer(10_000, 2), 500);
    const result = await page.evaluate((cs) => (window as unknown as PageWindow).__renderer.coalesced(cs), chunks);
    assert.ok(result.renders >= 1 && result.renders <= 2, `renders: ${result.renders}`);
    assert.ok(result.text.length > 5_000);
  });

  it('shows an open fence as plain code, then highlights it with a toolbar once it closes', async () => {
    const open = await streamed(['Code:\n\n```ts\nconst a', ' = 1;\nfunction f() {}\n']);
    assert.match(
      open.open,
      /<pre class="code-block code-open"><code class="hljs language-ts" data-lang="ts">const a = 1;\nfunction f\(\) \{\}<\/code><\/pre>/,
    );
    assert.doesNotMatch(open.open, /hljs-keyword|code-toolbar/);
    const closed = await streamed(['Code:\n\n```ts\nconst a', ' = 1;\n``', '`\n\nafter']);
    assert.match(closed.open, /hljs-keyword/);
    assert.match(closed.open, /code-toolbar/);
    assert.doesNotMatch(closed.open, /code-open/);
    // An answer that ends inside a fence is highlighted when it finishes.
    assert.match(open.finished, /hljs-keyword/);
  });

  it('resolves a reference link whose definition arrives after the link', async () => {
    const text = 'See [the docs][d] first.\n\nMore text.\n\n[d]: https://example.com/docs';
    const { finished } = await streamed(randomChunks(text, 5, 3));
    assert.match(finished, /<a href="https:\/\/example\.com\/docs">the docs<\/a>/);
    assert.equal(finished, await full(text));
  });

  it('turns images into text placeholders and raw HTML into text', async () => {
    const html = await full('![a cat](https://example.com/cat.png) and <b>bold</b>\n\n<div>\nblock\n</div>');
    assert.match(html, /<span class="md-image">\[image: a cat\]\(https:\/\/example\.com\/cat\.png\)<\/span>/);
    assert.match(html, /&lt;b&gt;bold&lt;\/b&gt;/);
    assert.match(html, /<p class="md-raw">&lt;div&gt;\nblock\n&lt;\/div&gt;<\/p>/);
    assert.doesNotMatch(html, /<img|<b>|<div>/);
  });

  it('reports code actions with the code text and language, and link clicks with the href', async () => {
    await page.evaluate(() =>
      (window as unknown as PageWindow).__renderer.mount(
        'Run:\n\n```bash\necho "a < b"\n```\n\nThen read [the guide](https://example.com/guide) or [this](javascript:alert(1)).',
        true,
      ),
    );
    const frame = page.locator('.code-block-frame');
    assert.equal(await frame.locator('.code-language').textContent(), 'bash');
    await frame.getByRole('button', { name: 'Copy' }).click();
    await frame.getByRole('button', { name: 'Insert at Cursor' }).click();
    await frame.getByRole('button', { name: 'Open in New Editor' }).click();
    await page.getByRole('link', { name: 'the guide' }).click();
    await page.locator('a', { hasText: 'this' }).click();
    const recorded = await page.evaluate(() => ({
      actions: (window as unknown as PageWindow).__codeActions,
      links: (window as unknown as PageWindow).__links,
    }));
    assert.deepEqual(recorded.actions, [
      { action: 'copy', code: 'echo "a < b"', language: 'bash' },
      { action: 'insert', code: 'echo "a < b"', language: 'bash' },
      { action: 'open', code: 'echo "a < b"', language: 'bash' },
    ]);
    assert.deepEqual(recorded.links, ['https://example.com/guide']);
  });
});
