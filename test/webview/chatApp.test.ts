/**
 * The real webview bundle in Chromium, under the real CSP, driven like VS Code drives it: host messages
 * in through window.postMessage, posted messages recorded by the stubbed VS Code API.
 */
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { HostMessage } from '../../src/protocol/chatProtocol';
import { noApiKeyText } from '../../src/protocol/chatStrings';
import { answerStream, conversation, init, message, MODELS, questionsAndAnswers, SUMMARIES } from './fixtures';
import { useAppPage } from './appSuite';
import type { AppPage } from './harness';
import { REQUEST_TIMEOUT_MS } from '../../src/ui/protocolClient';

describe('webview app (Chromium)', function () {
  this.timeout(60_000);
  // Nothing a test does may log an error or trip the CSP (appSuite.ts).
  const currentApp = useAppPage();
  let app: AppPage;
  beforeEach(() => {
    app = currentApp();
  });

  const page = () => app.page;
  const input = () => page().getByRole('textbox', { name: 'Message' });
  const log = () => page().getByRole('log', { name: 'Conversation' });
  const button = (name: string | RegExp) => page().getByRole('button', { name, exact: typeof name === 'string' });

  async function stream(messages: HostMessage[]): Promise<void> {
    await app.host(...messages);
    await app.frames();
  }

  it('says ready once, and its message list is a log that is not live (a status line speaks for it)', async () => {
    assert.deepEqual(await app.posted(), [{ type: 'ready' }]);
    await app.host(init());
    assert.equal(await log().getAttribute('aria-live'), 'off');
    assert.equal((await app.posted()).filter((m) => m.type === 'ready').length, 1);
  });

  it('announces an answer once, when it ends (its rendered text, not every delta), then Stopped', async () => {
    const announcer = page().locator('.message-list > [role="status"]');
    await app.host(init());
    await input().fill('say it');
    await input().press('Enter');
    const { start, deltas, end } = answerStream('c5', 'It is **bold** and `code`.', { userText: 'say it', chunk: 4 });
    await stream([start, ...deltas]);
    assert.equal(await announcer.textContent(), '', 'nothing is said while it streams');
    await stream([end]);
    assert.equal(await announcer.textContent(), 'Answer finished. It is bold and code.');
    await input().fill('again');
    await input().press('Enter');
    const next = answerStream('c5', 'Half', { userText: 'again' });
    await stream([next.start, ...next.deltas, { type: 'streamEnd', conversationId: 'c5', messageId: next.messageId, status: 'stopped' }]);
    assert.equal(await announcer.textContent(), 'Stopped.');
  });

  it('keeps a question sent before the host is ready, and sends it once it is', async () => {
    await input().fill('typed before init');
    await input().press('Enter');
    assert.equal((await app.postedOfType('send')).length, 0);
    assert.equal(await input().inputValue(), 'typed before init', 'nothing typed is lost');
    await app.host(init());
    const sent = await app.waitForPosted('send');
    assert.equal(sent.text, 'typed before init');
    assert.equal(await input().inputValue(), '');
    assert.equal(await log().locator('.message.user').count(), 1);
  });

  it('shows example questions in an empty chat, and clicking one sends it', async () => {
    await app.host(init());
    const examples = page().locator('.example-question');
    assert.ok((await examples.count()) >= 3 && (await examples.count()) <= 4);
    const question = await examples.first().textContent();
    await examples.first().click();
    const sent = await app.waitForPosted('send');
    assert.deepEqual(sent, { type: 'send', conversationId: null, text: question, model: 'anthropic/claude-sonnet-4' });
    // The question shows at once.
    assert.equal(await log().locator('.message.user .message-text').textContent(), question);
  });

  it('the empty state says what to do next: Get Started opens the walkthrough, Set API Key asks for the key', async () => {
    await app.host(init());
    const empty = log().locator('.empty-state');
    await empty.getByRole('button', { name: 'Get Started', exact: true }).click();
    assert.deepEqual(await app.waitForPosted('openWalkthrough'), { type: 'openWalkthrough' });
    await empty.getByRole('button', { name: 'Set API Key', exact: true }).click();
    assert.deepEqual(await app.waitForPosted('setApiKey'), { type: 'setApiKey' });
    assert.equal((await app.postedOfType('openWalkthrough')).length, 1);
  });

  it('sends on Enter, adds a line on Shift+Enter, and leaves Enter to an IME while composing', async () => {
    await app.host(init());
    await input().click();
    const oneLine = await input().evaluate((el) => el.getBoundingClientRect().height);
    await input().pressSequentially('first line');
    await input().press('Shift+Enter');
    await input().pressSequentially('second line');
    assert.equal(await input().inputValue(), 'first line\nsecond line');
    assert.equal((await app.postedOfType('send')).length, 0);
    // The box grows with its text: a CSSOM height write, which the CSP allows (unlike style="").
    assert.ok(await input().evaluate((el, h) => el.getBoundingClientRect().height > h && el.style.height !== '', oneLine));

    // An Enter that confirms an IME composition must not send.
    await page().evaluate(() => {
      const box = document.querySelector('textarea')!;
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }));
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, cancelable: true }));
    });
    assert.equal((await app.postedOfType('send')).length, 0);

    await input().press('Enter');
    const sent = await app.waitForPosted('send');
    assert.equal(sent.text, 'first line\nsecond line');
    assert.equal(await input().inputValue(), '');
  });

  it('sends one question at a time: a second Enter before the answer starts keeps its text', async () => {
    await app.host(init());
    await input().fill('first');
    await input().press('Enter');
    await input().fill('second');
    await input().press('Enter');
    assert.equal((await app.postedOfType('send')).length, 1);
    assert.equal(await input().inputValue(), 'second');
    const { start, end } = answerStream('c7', 'ok', { userText: 'first' });
    await stream([start, end]);
    await input().press('Enter');
    assert.deepEqual((await app.waitForPosted('send', 2)).conversationId, 'c7');
  });

  it('turns Send into Stop while an answer streams, and Stop posts stop', async () => {
    await app.host(init({ active: conversation('c1', [message('user', 'hi'), message('assistant', 'hello', { status: 'done' })]) }));
    await input().fill('next question');
    await button('Send').click();
    const { start, deltas, end } = answerStream('c1', 'Part one. Part two.', { userText: 'next question' });
    await stream([start, deltas[0]]);
    assert.equal(await button('Send').count(), 0);
    await button('Stop').click();
    assert.deepEqual(await app.waitForPosted('stop'), { type: 'stop', conversationId: 'c1' });
    await stream([...deltas.slice(1), end]);
    assert.equal(await button('Stop').count(), 0);
    assert.equal(await button('Send').count(), 1);
    // The optimistic question was replaced by the host's copy, not duplicated.
    assert.equal(await log().locator('.message.user').count(), 2);
  });

  it('renders a streamed answer incrementally and ends with the full markdown', async () => {
    await app.host(init());
    await input().fill('show me code');
    await input().press('Enter');
    const text = 'Here is a function:\n\n```ts\nconst x: number = 1;\nfunction f() { return x; }\n```\n\nAnd a list:\n\n- one\n- **two**\n';
    const { start, deltas, end } = answerStream('c9', text, { userText: 'show me code', chunk: 5 });
    await stream([start, ...deltas.slice(0, 10)]);
    const content = log().locator('.message.assistant .message-content');
    const partial = await content.textContent();
    assert.ok(partial && partial.length > 0 && partial.length < text.length, `partial: ${partial}`);
    // An open fence shows as code, not highlighted yet. Text that needs a real render of the open block (here the
    // fence's first line) may wait up to the renderer's tail-render interval (100 ms), longer than two frames: wait
    // for it rather than for a number of frames.
    await stream(deltas.slice(10, 12));
    await content.locator('pre.code-open').waitFor();
    assert.equal(await content.locator('pre.code-open').count(), 1);
    assert.equal(await content.locator('.hljs-keyword').count(), 0);
    await stream([...deltas.slice(12), end]);
    assert.equal(await content.locator('pre.code-open').count(), 0);
    // The closed fence is the first code to highlight: the highlighter is loaded then, and colours the block it finds.
    await content.locator('.hljs-keyword').first().waitFor();
    assert.ok((await content.locator('.hljs-keyword').count()) >= 2, 'highlighted once closed');
    assert.equal(await content.locator('li').count(), 2);
    assert.equal(await content.locator('li strong').textContent(), 'two');
    assert.equal(await content.locator('p').first().textContent(), 'Here is a function:');
    // The new conversation's id was adopted: Stop/Retry would target it.
    assert.equal(await log().locator('.message').count(), 2);
  });

  it('keeps reasoning in a Thinking block open while streaming and collapsed after', async () => {
    await app.host(init());
    await input().fill('think');
    await input().press('Enter');
    const { start, deltas, end } = answerStream('c9', 'Answer.', { reasoning: 'Let me think about this.', userText: 'think' });
    await stream([start, ...deltas]);
    const details = log().locator('details.thinking');
    assert.equal(await details.locator('summary').textContent(), 'Thinking');
    assert.equal(await details.evaluate((d) => (d as HTMLDetailsElement).open), true);
    assert.equal(await details.locator('.thinking-text').textContent(), 'Let me think about this.');
    await stream([end]);
    assert.equal(await details.evaluate((d) => (d as HTMLDetailsElement).open), false);
  });

  it('shows tool calls by name with their arguments as code', async () => {
    await app.host(init());
    await input().fill('weather?');
    await input().press('Enter');
    const { start, end, messageId } = answerStream('c9', '', { userText: 'weather?' });
    await stream([
      start,
      {
        type: 'streamDelta',
        conversationId: 'c9',
        messageId,
        toolCalls: [{ index: 0, id: 'call_1', name: 'get_weather', arguments: '{"city":' }],
      },
      { type: 'streamDelta', conversationId: 'c9', messageId, toolCalls: [{ index: 0, name: '', arguments: '"Paris"}' }] },
      end,
    ]);
    const call = log().locator('.tool-call');
    assert.equal(await call.count(), 1);
    assert.equal(await call.locator('.tool-call-name').textContent(), 'get_weather');
    assert.equal(await call.locator('pre code').textContent(), '{\n  "city": "Paris"\n}');
  });

  it('shows tokens and cost under each answer and a running total for the conversation', async () => {
    await app.host(
      init({
        active: conversation('c1', [
          message('user', 'q1'),
          message('assistant', 'a1', {
            status: 'done',
            usage: { promptTokens: 1200, completionTokens: 300, cachedTokens: 1000, cost: 0.0012 },
          }),
        ]),
      }),
    );
    const footers = log().locator('.usage-footer');
    assert.equal(await footers.first().locator('.usage-numbers').textContent(), '1,200 in · 300 out · 1,000 cached · $0.0012');
    // A screen reader hears what the numbers are.
    assert.equal(await footers.first().textContent(), 'Tokens and cost: 1,200 in · 300 out · 1,000 cached · $0.0012');
    const total = page().locator('.conversation-total');
    assert.match((await total.textContent()) ?? '', /1,200 in · 300 out · 1,000 cached · \$0\.0012/);

    await input().fill('q2');
    await input().press('Enter');
    const { start, deltas, end } = answerStream('c1', 'a2', {
      userText: 'q2',
      usage: { promptTokens: 1500, completionTokens: 20, cachedTokens: 1200, cost: 0.0005 },
    });
    await stream([start, ...deltas, end]);
    assert.equal(await footers.nth(1).locator('.usage-numbers').textContent(), '1,500 in · 20 out · 1,200 cached · $0.0005');
    assert.match((await total.textContent()) ?? '', /2,700 in · 320 out · 2,200 cached · \$0\.0017/);
  });

  it('code block buttons post copy, insertAtCursor and openInEditor with the code only', async () => {
    const code = 'def f():\n    return "<b>&</b>"';
    await app.host(
      init({
        active: conversation('c1', [
          message('user', 'q'),
          message('assistant', `Try:\n\n\`\`\`python\n${code}\n\`\`\`\n`, { status: 'done' }),
        ]),
      }),
    );
    const frame = log().locator('.code-block-frame');
    await frame.getByRole('button', { name: 'Copy' }).click();
    assert.deepEqual(await app.waitForPosted('copy'), { type: 'copy', text: code });
    await frame.getByRole('button', { name: 'Insert at Cursor' }).click();
    assert.deepEqual(await app.waitForPosted('insertAtCursor'), { type: 'insertAtCursor', code });
    await frame.getByRole('button', { name: 'Open in New Editor' }).click();
    assert.deepEqual(await app.waitForPosted('openInEditor'), { type: 'openInEditor', code, language: 'python' });
  });

  it('asks the host to open links and never follows them itself', async () => {
    await app.host(
      init({
        active: conversation('c1', [
          message('user', 'q'),
          message('assistant', 'See [the docs](https://example.com/docs) and [bad](javascript:alert(1)).', { status: 'done' }),
        ]),
      }),
    );
    const url = page().url();
    await log().getByRole('link', { name: 'the docs' }).click();
    assert.deepEqual(await app.waitForPosted('openLink'), { type: 'openLink', href: 'https://example.com/docs' });
    assert.equal(page().url(), url);
    const bad = log().locator('a', { hasText: 'bad' });
    assert.equal(await bad.getAttribute('href'), null);
    await bad.click();
    assert.equal((await app.postedOfType('openLink')).length, 1);
  });

  it('keeps mailto links as links and hands them to the host, which asks before opening them', async () => {
    await app.host(
      init({
        active: conversation('c1', [
          message('user', 'q'),
          message('assistant', 'Write to [support](mailto:help@example.com).', { status: 'done' }),
        ]),
      }),
    );
    await log().getByRole('link', { name: 'support' }).click();
    assert.deepEqual(await app.waitForPosted('openLink'), { type: 'openLink', href: 'mailto:help@example.com' });
  });

  describe('model picker', () => {
    const combo = () => page().getByRole('combobox', { name: 'Model' });

    it('lists the host models, labels free ones, and posts setModel when one is chosen', async () => {
      await app.host(init());
      assert.equal(await combo().inputValue(), 'anthropic/claude-sonnet-4');
      await combo().click();
      const options = page().getByRole('option');
      assert.equal(await options.count(), MODELS.length);
      assert.equal(
        await page()
          .getByRole('option', { name: /Grok Code Fast.*free/ })
          .count(),
        1,
      );
      assert.equal(
        await page()
          .getByRole('option', { name: /GPT-4o/ })
          .locator('.model-free')
          .count(),
        0,
      );
      await page()
        .getByRole('option', { name: /GPT-4o/ })
        .click();
      assert.deepEqual(await app.waitForPosted('setModel'), { type: 'setModel', conversationId: null, model: 'openai/gpt-4o' });
      assert.equal(await combo().inputValue(), 'openai/gpt-4o');
      assert.equal(await combo().getAttribute('aria-expanded'), 'false');
      // The next question goes to the chosen model.
      await input().fill('hi');
      await input().press('Enter');
      assert.equal((await app.waitForPosted('send')).model, 'openai/gpt-4o');
    });

    it('filters as you type, moves with the arrow keys, chooses with Enter and closes with Escape', async () => {
      await app.host(init());
      await combo().fill('qwen');
      assert.equal(await page().getByRole('option').count(), 1);
      await combo().press('ArrowDown');
      const active = await combo().getAttribute('aria-activedescendant');
      assert.ok(active, 'an option is active');
      await combo().press('Enter');
      assert.equal((await app.waitForPosted('setModel')).model, 'qwen/qwen3-coder');

      await combo().press('ArrowDown');
      assert.equal(await combo().getAttribute('aria-expanded'), 'true');
      await combo().press('Escape');
      assert.equal(await combo().getAttribute('aria-expanded'), 'false');
      assert.equal(await combo().inputValue(), 'qwen/qwen3-coder');
      assert.equal((await app.postedOfType('setModel')).length, 1);
    });

    it('accepts any provider/model id typed in', async () => {
      await app.host(init({ active: conversation('c1', [message('user', 'q')]) }));
      await combo().fill('mistralai/devstral-small');
      await combo().press('Enter');
      assert.deepEqual(await app.waitForPosted('setModel'), { type: 'setModel', conversationId: 'c1', model: 'mistralai/devstral-small' });
      // Not a model id (blank): nothing is posted, the current model comes back.
      await combo().fill('   ');
      await combo().press('Enter');
      assert.equal((await app.postedOfType('setModel')).length, 1);
      assert.equal(await combo().inputValue(), 'mistralai/devstral-small');
    });

    it('takes the ids other servers use: llama3 typed in, a model file path chosen from the list', async () => {
      const llamaCpp = [
        { id: '/models/qwen2.5-7b-instruct-q4_k_m.gguf', name: '/models/qwen2.5-7b-instruct-q4_k_m.gguf' },
        { id: 'llama3.2:3b', name: 'llama3.2:3b' },
      ];
      await app.host(init({ models: llamaCpp, defaultModel: 'llama3.2:3b' }));
      assert.equal(await combo().getAttribute('placeholder'), 'Model id');
      // A plain id, typed, is used as typed (even though llama3.2:3b also matches what was typed).
      await combo().fill('llama3');
      assert.match((await page().locator('.model-hint').textContent()) ?? '', /Press Enter to use llama3/);
      await combo().press('Enter');
      assert.deepEqual(await app.waitForPosted('setModel'), { type: 'setModel', conversationId: null, model: 'llama3' });
      await input().fill('hi');
      await input().press('Enter');
      assert.equal((await app.waitForPosted('send')).model, 'llama3');

      // A path-like id from the server's /models, chosen in the list, goes out exactly as listed.
      const answer = message('assistant', '', { status: 'streaming', model: 'llama3' });
      await app.host(
        { type: 'streamStart', conversationId: 'n1', message: answer },
        { type: 'streamEnd', conversationId: 'n1', messageId: answer.id, status: 'done' },
      );
      await combo().click();
      await page()
        .getByRole('option', { name: /qwen2\.5-7b-instruct-q4_k_m\.gguf/ })
        .click();
      assert.deepEqual((await app.postedOfType('setModel')).at(-1), {
        type: 'setModel',
        conversationId: 'n1',
        model: '/models/qwen2.5-7b-instruct-q4_k_m.gguf',
      });
      assert.equal(await combo().inputValue(), '/models/qwen2.5-7b-instruct-q4_k_m.gguf');
      await input().fill('again');
      await input().press('Enter');
      assert.equal((await app.waitForPosted('send', 2)).model, '/models/qwen2.5-7b-instruct-q4_k_m.gguf');
    });

    it('says so when the host did not use the chosen model: why, and which model it uses instead', async () => {
      await app.host(init());
      const notice = page().getByRole('status').filter({ hasText: 'not used' });
      assert.equal(await notice.count(), 0);
      await app.host({
        type: 'modelRefused',
        model: 'bad\nid',
        reason: 'The model id contains a line break or another control character.',
        using: 'openai/gpt-4o',
      });
      assert.match((await notice.textContent()) ?? '', /not used: The model id contains a line break.*Using openai\/gpt-4o\./);
      assert.equal(await combo().inputValue(), 'openai/gpt-4o');
      await input().fill('hi');
      await input().press('Enter');
      assert.equal((await app.waitForPosted('send')).model, 'openai/gpt-4o', 'the next question names the model really used');
      // Choosing a model clears the note; so does its Dismiss button.
      await combo().click();
      await page()
        .getByRole('option', { name: /Qwen3 Coder/ })
        .click();
      assert.equal(await notice.isVisible(), false);
    });
  });

  describe('errors', () => {
    async function showError(
      error: NonNullable<Extract<HostMessage, { type: 'streamEnd' }>['error']>,
      status: 'error' | 'stopped' | 'interrupted' = 'error',
    ): Promise<Locator> {
      await app.host(init({ active: conversation('c1', [message('user', 'q')]) }));
      await input().fill('again');
      await input().press('Enter');
      const { start, deltas, messageId } = answerStream('c1', 'Partial answer', { userText: 'again' });
      await stream([start, ...deltas, { type: 'streamEnd', conversationId: 'c1', messageId, status, error }]);
      return log().locator('.error-view');
    }

    it('401: says the key was refused, offers Set API Key, shows status and a copyable request id', async () => {
      const view = await showError({
        kind: 'unauthorized',
        status: 401,
        message: 'Invalid API key',
        requestId: 'req_abc123',
        retryable: false,
      });
      // Not an alert (it is drawn again whenever the conversation is reopened): the status line says it once.
      assert.equal(await view.getAttribute('role'), null);
      assert.match((await page().locator('.message-list > [role="status"]').textContent()) ?? '', /^Error: Invalid API key\. /);
      assert.match((await view.textContent()) ?? '', /Invalid API key/);
      assert.match((await view.locator('.error-status').textContent()) ?? '', /HTTP 401/);
      assert.equal(await view.locator('.request-id').textContent(), 'req_abc123');
      await view.getByRole('button', { name: 'Copy request ID' }).click();
      assert.deepEqual(await app.waitForPosted('copy'), { type: 'copy', text: 'req_abc123' });
      await view.getByRole('button', { name: 'Set API Key' }).click();
      await app.waitForPosted('setApiKey');
      assert.equal(await view.getByRole('button', { name: /Retry/ }).count(), 0, 'no retry for a bad key');
    });

    it('payment: an Add Credits link opened through the host', async () => {
      const view = await showError({ kind: 'payment', status: 402, message: 'Insufficient credits', retryable: false });
      const link = view.getByRole('link', { name: 'Add Credits' });
      assert.equal(await link.getAttribute('href'), 'https://app.cline.bot');
      const url = page().url();
      await link.click();
      assert.deepEqual(await app.waitForPosted('openLink'), { type: 'openLink', href: 'https://app.cline.bot' });
      assert.equal(page().url(), url);
    });

    it('noApiKey: says once that a key is needed, and offers Set API Key', async () => {
      const view = await showError({ kind: 'noApiKey', message: noApiKeyText(), retryable: true });
      const said = ((await view.textContent()) ?? '').split(noApiKeyText()).length - 1;
      assert.equal(said, 1, 'the hint and the host message are the same words: shown once');
      await view.getByRole('button', { name: 'Set API Key' }).click();
      await app.waitForPosted('setApiKey');
    });

    it('notFound: a hint about the provider/model form', async () => {
      const view = await showError({ kind: 'notFound', status: 404, message: 'Model not found', retryable: false });
      assert.match((await view.locator('.error-hint').textContent()) ?? '', /provider\/model/);
    });

    it('network: a hint about the base URL or proxy, and Retry when retryable', async () => {
      const view = await showError({ kind: 'network', message: 'ECONNREFUSED', retryable: true });
      assert.match((await view.locator('.error-hint').textContent()) ?? '', /base URL.*proxy/);
      await view.getByRole('button', { name: /Retry/ }).click();
      assert.deepEqual(await app.waitForPosted('retry'), { type: 'retry', conversationId: 'c1' });
      // The failed answer makes room for the retried one.
      assert.equal(await log().locator('.message.assistant').count(), 0);
    });

    it('midstream: shows the code and offers Retry even when not marked retryable', async () => {
      const view = await showError({ kind: 'midstream', code: 'context_length_exceeded', message: 'Too long', retryable: false });
      assert.match((await view.locator('.error-code').textContent()) ?? '', /context_length_exceeded/);
      assert.equal(await view.getByRole('button', { name: /Retry/ }).count(), 1);
      // What streamed before the error stays visible.
      assert.match((await log().locator('.message.assistant .message-content').textContent()) ?? '', /Partial answer/);
    });

    const others: Array<[string, { kind: 'rateLimited' | 'server' | 'timeout' | 'forbidden'; status?: number }, RegExp, boolean]> = [
      ['rateLimited', { kind: 'rateLimited', status: 429 }, /Rate limited/, true],
      ['server', { kind: 'server', status: 502 }, /Server error/, true],
      ['timeout', { kind: 'timeout' }, /Timed out/, true],
      ['forbidden', { kind: 'forbidden', status: 403 }, /Access denied/, false],
    ];
    for (const [name, partial, title, retryable] of others) {
      it(`${name}: its own words${retryable ? ' and Retry' : ''}`, async () => {
        const view = await showError({ ...partial, message: 'upstream said no', retryable });
        assert.match((await view.locator('.error-title').textContent()) ?? '', title);
        assert.match((await view.locator('.error-message').textContent()) ?? '', /upstream said no/);
        assert.equal(await view.getByRole('button', { name: /Retry/ }).count(), retryable ? 1 : 0);
        if (partial.status) assert.match((await view.locator('.error-status').textContent()) ?? '', new RegExp(String(partial.status)));
      });
    }

    it('a stopped answer keeps its text and offers Retry', async () => {
      await app.host(
        init({ active: conversation('c1', [message('user', 'q'), message('assistant', 'Half an ans', { status: 'stopped' })]) }),
      );
      assert.match((await log().locator('.status-note').textContent()) ?? '', /Stopped/);
      await log().getByRole('button', { name: /Retry/ }).click();
      assert.deepEqual(await app.waitForPosted('retry'), { type: 'retry', conversationId: 'c1' });
    });
  });

  describe('no API key', () => {
    it('shows Set API Key instead of sending, and keeps the typed text', async () => {
      await app.host(init({ hasApiKey: false }));
      const cta = page().getByRole('region', { name: 'API key needed' });
      assert.equal(await cta.isVisible(), true);
      await input().fill('my carefully typed question');
      await input().press('Enter');
      assert.equal((await app.postedOfType('send')).length, 0);
      assert.equal(await input().inputValue(), 'my carefully typed question');
      await cta.getByRole('button', { name: 'Set API Key' }).click();
      await app.waitForPosted('setApiKey');

      await app.host({ type: 'apiKey', hasApiKey: true, keyRequired: true });
      assert.equal(await cta.isVisible(), false);
      await input().press('Enter');
      assert.equal((await app.waitForPosted('send')).text, 'my carefully typed question');
    });

    it('a server that takes no key (llama.cpp, Ollama…): no Set API Key, the question is sent', async () => {
      await app.host(init({ hasApiKey: false, keyRequired: false }));
      assert.equal(await page().getByRole('region', { name: 'API key needed' }).isVisible(), false);
      await input().fill('local question');
      await input().press('Enter');
      assert.equal((await app.waitForPosted('send')).text, 'local question');
    });

    it('an example question goes into the box instead of being lost', async () => {
      await app.host(init({ hasApiKey: false }));
      const question = await page().locator('.example-question').first().textContent();
      await page().locator('.example-question').first().click();
      assert.equal(await input().inputValue(), question);
      assert.equal((await app.postedOfType('send')).length, 0);
    });
  });

  it('keeps the draft, the scroll position and the open conversation across a reload', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    const active = conversation('c2', [message('user', 'q'), message('assistant', long, { status: 'done' })]);
    await app.host(init({ active }));
    await input().fill('half-typed');
    await log().evaluate((el) => {
      el.scrollTop = 150;
      el.dispatchEvent(new Event('scroll'));
    });
    await page().waitForTimeout(200); // the scroll position is saved after a short pause
    await page().reload();
    await page().waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    assert.equal(await input().inputValue(), 'half-typed');
    await app.host(init({ active }));
    await app.frames();
    assert.equal(await log().evaluate((el) => el.scrollTop), 150);
    // If the host comes back with no conversation open, the view asks for the one it showed.
    await page().reload();
    await page().waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    await app.host(init({ active: null }));
    assert.deepEqual(await app.waitForPosted('openConversation'), { type: 'openConversation', id: 'c2' });
  });

  it('follows the stream, and offers Jump to latest when the user scrolled up', async () => {
    await app.host(init({ active: conversation('c1', [message('user', 'q')]) }));
    await input().fill('long please');
    await input().press('Enter');
    const text = Array.from({ length: 60 }, (_, i) => `Line ${i} of a long answer.`).join('\n\n');
    const { start, deltas, end } = answerStream('c1', text, { userText: 'long please', chunk: 40 });
    await stream([start, ...deltas.slice(0, 20)]);
    await app.frames();
    const atEnd = () => log().evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2);
    assert.equal(await atEnd(), true, 'follows the end');
    await log().evaluate((el) => {
      el.scrollTop = 0;
    });
    await stream(deltas.slice(20, 40));
    await app.frames();
    assert.equal(await log().evaluate((el) => el.scrollTop), 0, 'stays where the user scrolled');
    const jump = button('Jump to latest');
    assert.equal(await jump.isVisible(), true);
    await jump.click();
    await stream([...deltas.slice(40), end]);
    await app.frames();
    assert.equal(await atEnd(), true);
  });

  describe('history', () => {
    const historyButton = () => button('History');

    it('opens a conversation from the list', async () => {
      await app.host(init());
      await historyButton().click();
      assert.equal(await historyButton().getAttribute('aria-expanded'), 'true');
      const items = page().locator('.history-open');
      assert.equal(await items.count(), SUMMARIES.length);
      await page()
        .getByRole('button', { name: /Python palindrome/ })
        .first()
        .click();
      assert.deepEqual(await app.waitForPosted('openConversation'), { type: 'openConversation', id: 'c2' });
      assert.equal(await historyButton().getAttribute('aria-expanded'), 'false');
      await app.host({
        type: 'conversation',
        conversation: conversation('c2', [message('user', 'palindrome?'), message('assistant', 'Use `s == s[::-1]`.', { status: 'done' })]),
      });
      assert.equal(await log().locator('.message').count(), 2);
      assert.equal(await page().getByRole('combobox', { name: 'Model' }).inputValue(), 'anthropic/claude-sonnet-4');
    });

    it('renames inline and posts the new title', async () => {
      await app.host(init());
      await historyButton().click();
      await button('Rename Git undo').click();
      const field = page().getByRole('textbox', { name: 'Conversation title' });
      await field.fill('Undo a commit');
      await field.press('Enter');
      assert.deepEqual(await app.waitForPosted('renameConversation'), { type: 'renameConversation', id: 'c3', title: 'Undo a commit' });
      assert.equal(await page().locator('.history-title', { hasText: 'Undo a commit' }).count(), 1);
      // Escape cancels a rename.
      await button('Rename Regex help').click();
      await page().getByRole('textbox', { name: 'Conversation title' }).fill('nope');
      await page().getByRole('textbox', { name: 'Conversation title' }).press('Escape');
      assert.equal((await app.postedOfType('renameConversation')).length, 1);
      assert.equal(await page().locator('.history-title', { hasText: 'Regex help' }).count(), 1);
    });

    it('deletes only after a confirmation', async () => {
      await app.host(init({ active: conversation('c1', [message('user', 'q')]) }));
      await historyButton().click();
      await button('Delete Regex help').click();
      await button('Cancel').click();
      assert.equal((await app.postedOfType('deleteConversation')).length, 0);
      await button('Delete Regex help').click();
      await button('Confirm Delete').click();
      assert.deepEqual(await app.waitForPosted('deleteConversation'), { type: 'deleteConversation', id: 'c1' });
      assert.equal(await page().locator('.history-open').count(), SUMMARIES.length - 1);
      // The open conversation was the deleted one: the view is a new chat now.
      await historyButton().click();
      assert.equal(await log().locator('.empty-state').count(), 1);
    });

    it('filters titles at once and merges the host search results', async () => {
      await app.host(init());
      await historyButton().click();
      const search = page().getByRole('searchbox', { name: 'Search conversations' });
      await search.fill('regex');
      assert.deepEqual(await page().locator('.history-title').allTextContents(), ['Regex help']);
      const request = await app.waitForPosted('search');
      assert.equal(request.query, 'regex');
      // The host also finds a conversation whose messages mention it.
      await app.host({ type: 'reply', requestId: request.requestId, ok: true, result: [SUMMARIES[2]] });
      await app.frames();
      assert.deepEqual(await page().locator('.history-title').allTextContents(), ['Git undo', 'Regex help']);
      await search.fill('');
      assert.equal(await page().locator('.history-open').count(), SUMMARIES.length);
    });

    it('says when the host search failed, and keeps the title matches', async () => {
      await app.host(init());
      await historyButton().click();
      await page().getByRole('searchbox', { name: 'Search conversations' }).fill('regex');
      const request = await app.waitForPosted('search');
      await app.host({
        type: 'reply',
        requestId: request.requestId,
        ok: false,
        error: 'Searching the conversations failed: EACCES: permission denied',
      });
      const problem = page().locator('.history-panel [role="status"]');
      assert.equal(
        await problem.textContent(),
        'Searching the conversations failed: EACCES: permission denied Showing title matches only.',
      );
      assert.equal(await problem.isVisible(), true);
      assert.deepEqual(await page().locator('.history-title').allTextContents(), ['Regex help']);
      // A new query clears the note.
      await page().getByRole('searchbox', { name: 'Search conversations' }).fill('regex h');
      assert.equal(await problem.isVisible(), false);
    });

    it('says when the host search did not answer in time', async () => {
      // Fake timers (time still flows) so the reply timeout can be jumped to.
      await page().clock.install();
      await page().reload();
      await page().waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
      await app.host(init());
      await historyButton().click();
      await page().getByRole('searchbox', { name: 'Search conversations' }).fill('git');
      await app.waitForPosted('search');
      const problem = page().locator('.history-panel [role="status"]');
      await page().clock.fastForward(REQUEST_TIMEOUT_MS - 1_000);
      assert.equal(await problem.isVisible(), false, 'still waiting');
      await page().clock.fastForward(1_000);
      assert.equal(
        await problem.textContent(),
        `Searching the conversations failed: the extension did not answer within ${REQUEST_TIMEOUT_MS / 1000} seconds. Showing title matches only.`,
      );
      assert.deepEqual(await page().locator('.history-title').allTextContents(), ['Git undo']);
    });

    it('is usable by keyboard: arrows move, Escape closes', async () => {
      await app.host(init());
      await historyButton().click();
      await page().keyboard.press('ArrowDown');
      assert.equal(await page().evaluate(() => document.activeElement?.textContent?.startsWith('Regex help')), true);
      await page().keyboard.press('ArrowDown');
      assert.equal(await page().evaluate(() => document.activeElement?.textContent?.startsWith('Python palindrome')), true);
      await page().keyboard.press('Escape');
      assert.equal(await historyButton().getAttribute('aria-expanded'), 'false');
      assert.equal(await page().evaluate(() => document.activeElement?.getAttribute('aria-label')), 'History');
    });
  });

  describe('a long conversation', () => {
    const ANSWERS = 80;
    /** 80 questions and answers of ~4 KB (~320 KB of markdown), each answer marked so it can be found. */
    const long = () => conversation('c1', questionsAndAnswers(ANSWERS, 4_000, 100));

    type Snapshot = { deferred: number; lastRendered: boolean; firstRendered: boolean; atEnd: boolean; busy: boolean };
    /** Post `conversation` and snapshot the log in the same task, right after the app handled it. */
    const openAndSnapshot = (scrollToTop: boolean) =>
      page().evaluate(
        ([m, top]) =>
          new Promise<Snapshot>((resolve) => {
            const snapshot = (): Snapshot => {
              const log = document.querySelector('[role="log"]') as HTMLElement;
              const answers = log.querySelectorAll('.message.assistant .message-content');
              const rendered = (el: Element | undefined) =>
                !!el && !el.classList.contains('deferred') && (el.textContent ?? '').length > 1000;
              return {
                deferred: log.querySelectorAll('.message-content.deferred').length,
                lastRendered: rendered(answers[answers.length - 1]),
                firstRendered: rendered(answers[0]),
                atEnd: log.scrollTop + log.clientHeight >= log.scrollHeight - 32,
                busy: log.getAttribute('aria-busy') === 'true',
              };
            };
            // Registered after the app's listener: runs in the same task, right after the app handled it.
            window.addEventListener(
              'message',
              () => {
                if (!top) return resolve(snapshot());
                (document.querySelector('[role="log"]') as HTMLElement).scrollTop = 0;
                requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve(snapshot()))));
              },
              { once: true },
            );
            window.postMessage(m, '*');
          }),
        [{ type: 'conversation', conversation: long() } satisfies HostMessage, scrollToTop] as const,
      );

    const allRendered = () =>
      page().waitForFunction(() => document.querySelectorAll('.message-content.deferred').length === 0, undefined, { timeout: 30_000 });

    it('shows the newest answers at once and renders the older ones in slices, ending at the end', async () => {
      await app.host(init());
      const first = await openAndSnapshot(false);
      assert.equal(first.lastRendered, true, 'the newest answer is rendered in the same task');
      assert.ok(first.deferred > ANSWERS / 2, `most older answers wait for later slices (${first.deferred} deferred)`);
      assert.equal(first.atEnd, true);
      assert.equal(first.busy, true, 'the live log is busy (no announcements) while it fills in');
      await allRendered();
      await app.frames();
      const log = page().getByRole('log', { name: 'Conversation' });
      const state = await log.evaluate((el) => ({
        atEnd: el.scrollTop + el.clientHeight >= el.scrollHeight - 32,
        busy: el.getAttribute('aria-busy'),
        markers: [...el.querySelectorAll('.message.assistant .message-content')].map(
          (c) => /Answer marker (\d+)/.exec(c.textContent ?? '')?.[1],
        ),
        code: el.querySelectorAll('.message.assistant pre.code-block').length,
      }));
      assert.deepEqual(
        state.markers,
        Array.from({ length: ANSWERS }, (_, i) => String(i)),
      );
      assert.ok(state.code > ANSWERS, `code blocks rendered: ${state.code}`);
      assert.equal(state.atEnd, true, 'still following the end after older answers grew above');
      assert.equal(state.busy, null);
    });

    it('renders the answers the user scrolls to before the slices reach them', async () => {
      await app.host(init());
      const top = await openAndSnapshot(true);
      assert.equal(top.firstRendered, true, 'the oldest answer, scrolled into view, is rendered');
      assert.ok(top.deferred > 0, 'while answers in the middle still wait');
      await allRendered();
    });

    it('drops the rest of a conversation when another one is opened', async () => {
      await app.host(init());
      await openAndSnapshot(false);
      await app.host({
        type: 'conversation',
        conversation: conversation('c2', [message('user', 'Short one'), message('assistant', 'Short **answer**.', { status: 'done' })]),
      });
      await app.frames();
      const log = page().getByRole('log', { name: 'Conversation' });
      assert.equal(await log.locator('.message').count(), 2);
      assert.equal(await log.locator('strong').textContent(), 'answer');
      assert.equal(await log.getAttribute('aria-busy'), null);
    });
  });

  it('New Chat clears the view and tells the host', async () => {
    await app.host(init({ active: conversation('c1', [message('user', 'q'), message('assistant', 'a', { status: 'done' })]) }));
    await button('New Chat').click();
    await app.waitForPosted('newChat');
    assert.equal(await log().locator('.message').count(), 0);
    assert.equal(await log().locator('.empty-state').count(), 1);
    await input().fill('fresh');
    await input().press('Enter');
    assert.equal((await app.waitForPosted('send')).conversationId, null);
  });

  it('Continue in Cline posts the open conversation', async () => {
    await app.host(init());
    assert.equal(await button('Continue in Cline').count(), 0, 'hidden without a conversation');
    await app.host({
      type: 'conversation',
      conversation: conversation('c3', [message('user', 'q'), message('assistant', 'a', { status: 'done' })]),
    });
    await button('Continue in Cline').click();
    assert.deepEqual(await app.waitForPosted('continueInCline'), { type: 'continueInCline', conversationId: 'c3' });
  });

  it('shows context chips, each removable', async () => {
    await app.host(
      init({
        chips: [
          { id: 'k1', label: 'src/a.ts:10-20', language: 'typescript', code: 'x' },
          { id: 'k2', label: 'b.py:3', language: 'python', code: 'y' },
        ],
      }),
    );
    assert.deepEqual(await page().locator('.context-chips .chip-label').allTextContents(), ['src/a.ts:10-20', 'b.py:3']);
    await button('Remove src/a.ts:10-20').click();
    assert.deepEqual(await app.waitForPosted('removeChip'), { type: 'removeChip', id: 'k1' });
    assert.deepEqual(await page().locator('.context-chips .chip-label').allTextContents(), ['b.py:3']);
  });

  it('drops malformed host messages without breaking', async () => {
    await app.host(init());
    await page().evaluate(() => window.postMessage({ type: 'streamDelta', conversationId: 5 }, '*'));
    await app.frames();
    assert.match(app.problems.join('\n'), /dropped a malformed host message/);
    app.problems.length = 0;
    await input().fill('still works');
    await input().press('Enter');
    await app.waitForPosted('send');
  });

  it('uses codicons and theme variables only, with focus visible on keyboard navigation', async () => {
    await app.host(init());
    assert.ok((await page().locator('.codicon').count()) > 3);
    const inlineStyles = await page().evaluate(() => document.querySelectorAll('[style]').length);
    // Only the input's CSSOM height (allowed by the CSP) may set a style attribute.
    assert.ok(inlineStyles <= 1, `elements with style: ${inlineStyles}`);
    await page().keyboard.press('Tab');
    const outline = await page().evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.notEqual(outline, 'none');
  });
});
