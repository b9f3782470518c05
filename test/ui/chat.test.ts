/**
 * The sidebar chat as a person uses it, in the real workbench and the real webview, against the
 * fake Cline REST server on 127.0.0.1 (the extension host gets its URL as the base URL setting and
 * a test key through CLINE_API_KEY).
 */
import { strict as assert } from 'node:assert';
import type { FrameLocator } from 'playwright-core';
import { screenshotIfFailed, Workbench } from './workbench';
import { reply, sse, startFakeClineServer, type FakeClineServer, SAMPLE_CATALOG } from '../fixtures/fakeClineServer';

const ANSWER = [
  'Here is a **typed** helper:\n\n',
  '```ts\nexport function double(n: number): number {\n  return n * 2;\n}\n```\n\n',
  'Call it with `double(21)`.',
];
const USAGE = { prompt_tokens: 1234, completion_tokens: 56, prompt_tokens_details: { cached_tokens: 1000 }, cost: 0.0123 };

/** The chat requests only: the model catalog is fetched from the same server. */
const chatRequests = (server: FakeClineServer) => server.waitForRequests(1, 30_000, '/chat/completions');

function words(text: string, per = 3): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += per) out.push(text.slice(i, i + per));
  return out;
}

describe('UI: sidebar quick chat', function () {
  let wb: Workbench;
  let server: FakeClineServer;
  let chat: FrameLocator;

  before(async () => {
    server = await startFakeClineServer();
    server.catalog = SAMPLE_CATALOG;
    wb = await Workbench.open({
      settings: { 'clineCompanion.chat.baseUrl': server.url },
      env: { CLINE_API_KEY: 'sk-ui-test-key' },
    });
    await wb.openFile('src/sample.ts');
    await wb.runCommand('Cline Companion: Open Quick Chat');
    chat = wb.webview();
    await chat.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
    await server?.close();
  });

  beforeEach(() => server.reset());
  afterEach(async function () {
    await screenshotIfFailed(wb, 'chat', this.currentTest);
  });

  async function ask(text: string): Promise<void> {
    const box = chat.getByRole('textbox', { name: 'Message' });
    await box.fill(text);
    await box.press('Enter');
  }

  it('shows the empty state, then streams an answer with reasoning, tokens and cost', async () => {
    await wb.screenshot('chat-empty');
    server.script(
      reply.stream(
        [
          sse.role(),
          sse.reasoning('Let me think about doubling.'),
          ...ANSWER.flatMap((t) => words(t).map((w) => sse.content(w))),
          sse.finish('stop', USAGE),
        ],
        { writeDelayMs: 25 },
      ),
    );
    await ask('Write a function that doubles a number');
    const log = chat.getByRole('log', { name: 'Conversation' });
    await log.getByText('Here is a', { exact: false }).waitFor();
    await chat.getByRole('button', { name: 'Stop' }).waitFor();
    await wb.screenshot('chat-streaming');
    await log.getByText('double(21)').waitFor({ timeout: 30_000 });
    await chat.getByRole('button', { name: 'Send' }).waitFor();
    // The code is highlighted: the syntax highlighter (dist/highlight.js), loaded by the webview on this first block
    // through the URI and nonce the host wrote into the page, ran under the view's CSP.
    const code = log.locator('.message.assistant pre > code');
    await code.locator('.hljs-keyword').first().waitFor();
    assert.equal(await code.getAttribute('data-lang'), 'ts');
    const footer = log.locator('.usage-footer').last();
    await footer.waitFor();
    const usageText = await footer.innerText();
    assert.match(usageText, /1,?234/);
    assert.match(usageText, /56/);
    assert.match(usageText, /1,?000/);
    assert.match(usageText, /\$0\.0123/);
    const request = server.requests.find((r) => r.route === '/chat/completions')!;
    assert.equal(request.headers.authorization, 'Bearer sk-ui-test-key');
    assert.equal(request.body.messages.at(-1).content, 'Write a function that doubles a number');
    await wb.screenshot('chat-answer');
  });

  it('Insert at Cursor puts the code block into the editor', async () => {
    await chat.getByRole('button', { name: 'Insert at Cursor' }).last().click();
    const lines = wb.page.locator('.monaco-editor .view-lines').first();
    await lines.locator('.view-line', { hasText: 'return n * 2' }).waitFor({ timeout: 20_000 });
    // The block ends with its own line break: the code that was at the cursor stays on its own line.
    const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /^}\s*$/m);
    assert.match(text, /^export function add\(/m);
  });

  it('Stop ends the stream: the server sees the connection close and the partial text stays', async () => {
    server.script(reply.stream([sse.role(), ...Array.from({ length: 400 }, (_, i) => sse.content(`part${i} `))], { writeDelayMs: 40 }));
    await ask('Count slowly');
    const log = chat.getByRole('log', { name: 'Conversation' });
    await log.getByText('part5', { exact: false }).waitFor();
    await chat.getByRole('button', { name: 'Stop' }).click();
    const [request] = await chatRequests(server);
    const closed = await Promise.race([request.closed, new Promise((r) => setTimeout(() => r('still open'), 10_000))]);
    assert.deepEqual(closed, { byClient: true });
    await chat.getByRole('button', { name: 'Send' }).waitFor();
    assert.ok((await log.innerText()).includes('part5'), 'partial text kept');
    await log
      .getByText(/stopped/i)
      .first()
      .waitFor();
  });

  it('a mid-stream error keeps the partial text and shows the error with its code', async () => {
    server.script(
      reply.stream([sse.role(), sse.content('Partial answer before the failure. '), sse.error('server_error', 'Upstream provider failed')]),
    );
    await ask('Trigger a mid-stream error');
    const log = chat.getByRole('log', { name: 'Conversation' });
    await log.getByText('Partial answer before the failure.').waitFor();
    await log.getByText('Upstream provider failed', { exact: false }).waitFor();
    assert.ok((await log.innerText()).includes('server_error'));
    await log.getByRole('button', { name: /Retry/ }).last().waitFor();
    await wb.screenshot('chat-error');
  });

  it('401 shows "Set API Key" with the status and request id', async () => {
    server.script(reply.error(401, 'Invalid API key'));
    await ask('Am I authorised?');
    const log = chat.getByRole('log', { name: 'Conversation' });
    await log.getByRole('button', { name: 'Set API Key' }).waitFor();
    const text = await log.innerText();
    assert.match(text, /401/);
    assert.match(text, /Invalid API key/);
    assert.match(text, /req_\d+/);
  });

  it('the model picker changes the model the next request uses', async () => {
    const picker = chat.getByRole('combobox', { name: 'Model' });
    await picker.click();
    await picker.fill('gpt-4o');
    await chat
      .getByRole('option', { name: /gpt-4o/i })
      .first()
      .click();
    await ask('Which model are you?');
    const [request] = await chatRequests(server);
    assert.equal(request.body.model, 'openai/gpt-4o');
  });

  it('Ask in Chat attaches the editor selection as a chip and sends it as a fenced block', async () => {
    await chat.getByRole('button', { name: 'New Chat' }).click();
    await wb.page.locator('.tab', { hasText: 'sample.ts' }).first().click();
    await wb.page.locator('.monaco-editor .view-lines').first().click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.press('Shift+ArrowDown');
    await wb.page.keyboard.press('Shift+ArrowDown');
    await wb.runCommand('Cline Companion: Ask in Chat');
    await chat.getByText('src/sample.ts:1-2').waitFor();
    await wb.screenshot('chat-context-chip');
    await ask('What does this do?');
    const [request] = await chatRequests(server);
    const content: string = request.body.messages.at(-1).content;
    assert.match(content, /^What does this do\?/);
    assert.match(content, /src\/sample\.ts:1-2:\n```typescript\n/);
    assert.ok(content.includes('export function'));
  });

  it('Continue in Cline hands the conversation to the stand-in Cline', async () => {
    await chat.getByRole('button', { name: 'Continue in Cline' }).click();
    const [call] = await wb.waitForCall('startNewTask');
    assert.match(String(call.args[0]), /What does this do\?/);
  });

  it('history survives a window reload mid-answer: the partial text is back, marked interrupted, with Retry', async () => {
    server.script(reply.stream([sse.role(), ...Array.from({ length: 300 }, (_, i) => sse.content(`chunk${i} `))], { writeDelayMs: 40 }));
    await wb.runCommand('Cline Companion: Open Quick Chat'); // Cline's view took the sidebar
    await chat.getByRole('button', { name: 'New Chat' }).click();
    await ask('A long answer to interrupt');
    const log = chat.getByRole('log', { name: 'Conversation' });
    await log.getByText('chunk30', { exact: false }).waitFor();
    await new Promise((r) => setTimeout(r, 1500)); // the partial answer is saved at most once a second
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await wb.runCommand('Cline Companion: Open Quick Chat');
    chat = wb.webview();
    const restored = chat.getByRole('log', { name: 'Conversation' });
    await restored.getByText('chunk10', { exact: false }).waitFor({ timeout: 60_000 });
    await restored
      .getByText(/interrupted/i)
      .first()
      .waitFor();
    await restored.getByRole('button', { name: /Retry/ }).last().waitFor();
    await wb.screenshot('chat-history-restored');
  });
});
