/**
 * The Quick Chat that knows the workspace (issue 10), as a person uses it in the real workbench and the real
 * webview, against the fake Cline REST server on 127.0.0.1: an `@` mention chosen by keyboard, sent as a fenced
 * block; a `read_file` call the model makes, shown collapsed (Chromium's own accessibility tree says so) and
 * opened on its arguments and on exactly what went back to the model; Allow, Allow for This Conversation and Deny
 * when a call waits (the "ask" approval mode, set in the Settings editor, and a protected `.env` in "auto" mode),
 * checked in what the server receives next; and the tool calls of a conversation opened from the history after
 * a window reload.
 * It also takes the README's picture of a tool call (docs/images/chat-tool-call.png): written when the file is
 * missing or UPDATE_README_IMAGES is set, so a normal run leaves the working tree clean.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { DECLINED_TEXT } from '../../src/core/chat/toolRound';
import { repoRoot } from '../host/codeServer';
import {
  reply,
  sse,
  startFakeClineServer,
  toolResultsOf,
  SAMPLE_CATALOG,
  SAMPLE_USAGE,
  type FakeClineServer,
  type RecordedRequest,
  type Reply,
  type ScriptedToolCall,
} from '../fixtures/fakeClineServer';
import { until, screenshotIfFailed, Workbench } from './workbench';

const README_IMAGE = path.join(repoRoot, 'docs', 'images', 'chat-tool-call.png');
const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'workspace');
/** What the test's `.env` holds: it must never reach the server unless the user allows it. */
const ENV_SECRET = 'ENV-SECRET-UI-4b7d';
/** Wide enough for a tool call's summary line and its numbered output (the README picture shows them). */
const SIDEBAR_WIDTH = 520;
const APPROVAL_SETTING = 'clineCompanion.chat.tools.approval';

const CART_QUESTION = 'How does the cart add an item?';
const CART_CALL: ScriptedToolCall = { name: 'read_file', arguments: { path: 'src/cart.ts', startLine: 8, endLine: 18 } };
/** A done call's summary line: what it asked for, then what it returned (lines of the total, size). */
const CART_DONE = /^read_file src\/cart\.ts lines 8-18 of 40, [\d.]+ (B|KB) — done$/;
const CART_WAITING = 'read_file src/cart.ts lines 8-18 — waiting for approval';
const SAMPLE_DONE = /^read_file src\/sample\.ts lines 1-3 of 3, [\d.]+ (B|KB) — done$/;
const DENIED = /^read_file src\/cart\.ts lines 8-18 — denied$/;
const DENIED_QUESTION = 'What is in the cart file?';
const SAMPLE_CALL: ScriptedToolCall = { name: 'read_file', arguments: { path: 'src/sample.ts' } };
const ENV_CALL: ScriptedToolCall = { name: 'read_file', arguments: { path: '.env' } };
const CART_ANSWER = '`Cart.add` pushes the item onto its private `items` list.';

const chatRequests = (server: FakeClineServer): RecordedRequest[] => server.requests.filter((r) => r.route === '/chat/completions');
const lastMessage = (request: RecordedRequest): { role: string; content: string | null } => request.body.messages.at(-1);

/**
 * The model's side of one question: call `calls`, then answer `answer` once their results came back (the request
 * ends with `role: "tool"` messages; earlier questions' results may be in any request of the conversation).
 */
function callsThenAnswer(calls: ScriptedToolCall[], answer: string): Reply {
  return reply.fromRequest((request) =>
    lastMessage(request).role === 'tool'
      ? reply.stream([sse.role(), sse.content(answer), sse.finish('stop', SAMPLE_USAGE)])
      : reply.toolCalls(calls),
  );
}

/** The lines `first`..`last` of a fixture file as read_file numbers them (`   12| text`). */
function numbered(file: string, first: number, last: number): RegExp[] {
  const lines = fs.readFileSync(path.join(FIXTURE, file), 'utf8').split('\n');
  return lines
    .slice(first - 1, last)
    .map((line, i) => new RegExp(`^ *${first + i}\\| ${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
}

/** One node of Chromium's accessibility tree (CDP `Accessibility.AXNode`, the parts used here). */
interface AxNode {
  role?: { value?: unknown };
  name?: { value?: unknown };
  properties?: { name: string; value: { value?: unknown } }[];
}

describe('UI: Quick Chat with the workspace (mentions and tools)', function () {
  let wb: Workbench;
  let server: FakeClineServer;
  let chat: FrameLocator;

  const log = (): Locator => chat.getByRole('log', { name: 'Conversation' });
  const messageBox = (): Locator => chat.getByRole('textbox', { name: 'Message' });
  /** A tool call of the conversation, by its summary line ("read_file src/cart.ts lines 8-18 … — done"). */
  const toolCall = (summary: string | RegExp): Locator =>
    log()
      .locator('.tool-call')
      .filter({ has: chat.locator('summary', { hasText: summary }) });

  async function ask(text: string): Promise<void> {
    await messageBox().fill(text);
    await messageBox().press('Enter');
  }

  async function newChat(): Promise<void> {
    await chat.getByRole('button', { name: 'New Chat' }).click();
    await until('an empty conversation', async () => (await log().locator('.message').count()) === 0);
  }

  async function openChat(): Promise<void> {
    await wb.runCommand('Cline Companion: Open Quick Chat');
    chat = wb.webview();
    await messageBox().waitFor({ timeout: 60_000 });
  }

  /**
   * Chromium's accessibility tree of the chat's frame, as a screen reader gets it. The frame is found by its
   * URL in the page's frame tree (the webview's frames share the workbench's process); a frame of its own
   * process gets its own session.
   */
  async function accessibilityTree(): Promise<AxNode[]> {
    const frame = await (await chat.locator('body').elementHandle())!.ownerFrame();
    assert.ok(frame, 'the chat frame');
    const context = wb.page.context();
    let ownSessionError = '';
    try {
      const own = await context.newCDPSession(frame);
      try {
        return (await own.send('Accessibility.getFullAXTree')).nodes as AxNode[];
      } finally {
        await own.detach();
      }
    } catch (err) {
      // Not a frame of its own process: the page's session reaches it by frame id.
      ownSessionError = (err as Error).message;
    }
    const session = await context.newCDPSession(wb.page);
    try {
      type FrameTree = { frame: { id: string; url: string }; childFrames?: FrameTree[] };
      const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: FrameTree };
      // The chat's frame is the webview's inner one: CDP may report it with its parent's URL, so it is found as
      // the deepest frame named with the webview's id.
      const webviewId = new URL(frame.url()).searchParams.get('id');
      const deepest = (tree: FrameTree): string | undefined =>
        (tree.childFrames ?? []).map(deepest).find(Boolean) ??
        (new URL(tree.frame.url).searchParams.get('id') === webviewId ? tree.frame.id : undefined);
      const frameId = deepest(frameTree);
      const urls = (tree: FrameTree): string[] => [tree.frame.url, ...(tree.childFrames ?? []).flatMap(urls)];
      assert.ok(frameId, `the chat frame (${frame.url()}; ${ownSessionError}) in the page's frame tree: ${urls(frameTree).join(', ')}`);
      return (await session.send('Accessibility.getFullAXTree', { frameId })).nodes as AxNode[];
    } finally {
      await session.detach();
    }
  }

  /** The expandable node (a `<summary>` is a disclosure triangle) whose accessible name includes `text`. */
  async function disclosure(text: string): Promise<{ role: string; name: string; expanded: unknown }> {
    const nodes = await accessibilityTree();
    const found = nodes
      .map((node) => ({
        role: String(node.role?.value ?? ''),
        name: String(node.name?.value ?? ''),
        expanded: node.properties?.find((p) => p.name === 'expanded')?.value.value,
      }))
      .filter((node) => node.name.includes(text) && node.expanded !== undefined);
    assert.equal(found.length, 1, `one expandable node named with "${text}": ${JSON.stringify(found)}`);
    return found[0];
  }

  /** Changes the approval mode in the Settings editor, as a person would, and waits until it is saved. */
  async function setApproval(mode: 'ask' | 'auto'): Promise<void> {
    await wb.runCommand('Preferences: Open Settings (UI)', { exact: true });
    const editor = wb.page.locator('.settings-editor');
    await editor.locator('.settings-header .suggest-input-container').click();
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.type(`@id:${APPROVAL_SETTING}`);
    const select = editor.locator('.setting-item-enum select');
    await until('the approval setting alone in the Settings editor', async () => (await select.count()) === 1);
    await select.selectOption(mode);
    const file = path.join(wb.server.tmp, 'user-data', 'User', 'settings.json');
    // The default may be written or removed: either way the file then says `mode`.
    await until(
      `${APPROVAL_SETTING} saved as "${mode}"`,
      () => (JSON.parse(fs.readFileSync(file, 'utf8'))[APPROVAL_SETTING] ?? 'auto') === mode,
    );
    await wb.runCommand('View: Close All Editors', { exact: true });
    await openChat();
  }

  /** The approval buttons of a waiting call, by their accessible names, in order. */
  async function approvalButtons(item: Locator): Promise<string[]> {
    return item.getByRole('group', { name: 'read_file waits for your approval' }).getByRole('button').allInnerTexts();
  }

  before(async () => {
    server = await startFakeClineServer();
    wb = await Workbench.open({
      settings: { 'clineCompanion.chat.baseUrl': server.url, 'editor.minimap.enabled': false },
      env: { CLINE_API_KEY: 'sk-ui-test-key' },
    });
    // A protected file in the test's copy of the fixture (never committed).
    fs.writeFileSync(path.join(wb.server.workspace, '.env'), `API_KEY=${ENV_SECRET}\n`);
    await wb.openFile('src/sample.ts');
    // By mouse: the keyboard may go to an editor that opens by itself meanwhile (the Get Started walkthrough).
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cart.ts' }).dblclick();
    await wb.page.locator('.tab[aria-label*="cart.ts"]').first().waitFor();
    await openChat().catch(async (err: unknown) => {
      await wb.screenshot('FAILED-workspace-chat-open');
      throw err;
    });
  });

  after(async () => {
    await wb?.close();
    await server?.close();
  });

  beforeEach(() => {
    server.reset();
    server.catalog = SAMPLE_CATALOG;
  });
  afterEach(async function () {
    await screenshotIfFailed(wb, 'workspace-chat', this.currentTest);
  });

  it('@ by keyboard: "Mentions" lists the file, ArrowDown/Enter makes it a chip, and the question carries it as a fenced block with its path', async () => {
    await newChat();
    const box = messageBox();
    await box.click();
    await box.pressSequentially('What does @sam');
    const mentions = chat.getByRole('listbox', { name: 'Mentions' });
    const sample = mentions.getByRole('option', { name: /^@src\/sample\.ts\b/ });
    await sample.waitFor();
    assert.equal(await box.getAttribute('aria-controls'), await mentions.getAttribute('id'), 'the box points at the list');
    const count = await mentions.getByRole('option').count();
    for (let i = 0; i < count && (await sample.getAttribute('aria-selected')) !== 'true'; i++) await box.press('ArrowDown');
    assert.equal(await sample.getAttribute('aria-selected'), 'true');
    assert.equal(
      await box.getAttribute('aria-activedescendant'),
      await sample.getAttribute('id'),
      'the box points at the highlighted option',
    );
    await box.press('Enter');

    await mentions.waitFor({ state: 'hidden' });
    assert.equal(await box.inputValue(), 'What does ', 'the @ text became the chip');
    await chat.getByRole('list', { name: 'Context' }).getByRole('listitem').filter({ hasText: '@src/sample.ts' }).waitFor();
    await chat.getByRole('button', { name: 'Remove @src/sample.ts' }).waitFor();

    await box.pressSequentially('this do?');
    await box.press('Enter');
    const [request] = await server.waitForRequests(1, 30_000, '/chat/completions');
    const content = String(lastMessage(request).content);
    assert.match(content, /^What does this do\?/);
    const source = fs.readFileSync(path.join(FIXTURE, 'src', 'sample.ts'), 'utf8');
    assert.match(content, /\nsrc\/sample\.ts:1-3:\n(`{3,})typescript\n/, 'the file as a fenced block under its path and lines');
    assert.ok(content.includes(source), 'the whole file, read when sent');

    const sent = log().locator('article.message.user').last();
    await sent.getByRole('list', { name: 'Context' }).getByRole('listitem').filter({ hasText: 'src/sample.ts:1-3' }).waitFor();
    assert.equal((await sent.locator('.message-text').innerText()).trim(), 'What does this do?');
    assert.equal(await chat.getByRole('button', { name: 'Remove @src/sample.ts' }).count(), 0, 'the composer has no chip left');
  });

  it('a read_file call shows as a collapsed item named with read_file that opens on its arguments and on exactly what was sent', async () => {
    await newChat();
    server.script([callsThenAnswer([CART_CALL], CART_ANSWER), callsThenAnswer([CART_CALL], CART_ANSWER)]);
    await ask(CART_QUESTION);
    await log().getByText('pushes the item onto', { exact: false }).waitFor({ timeout: 30_000 });
    const [first, second] = chatRequests(server);
    assert.equal(first.body.tools?.length, 5, 'the five tools are offered');
    const [result] = toolResultsOf(second);
    assert.ok(result, 'the second request carries the result');
    assert.equal(result.tool_call_id, second.body.messages.at(-2).tool_calls[0].id, 'answers the call the model made');
    assert.match(result.content, /^src\/cart\.ts \(lines 8-18 of 40\):\n/);
    for (const line of numbered('src/cart.ts', 8, 18)) assert.match(result.content, line);
    assert.doesNotMatch(result.content, /^ *(7|19)\| /m, 'only the lines asked for');

    const item = toolCall(CART_DONE);
    await item.waitFor();
    const summary = (await item.locator('summary').textContent())!;
    assert.equal(await item.locator('details').evaluate((d) => (d as HTMLDetailsElement).open), false, 'collapsed');
    assert.equal(await item.getByRole('region', { name: 'Result of read_file' }).isVisible(), false);
    assert.deepEqual(await disclosure('read_file src/cart.ts'), { role: 'DisclosureTriangle', name: summary, expanded: false });

    // Opened by keyboard.
    await item.locator('summary').press('Enter');
    const output = item.getByRole('region', { name: 'Result of read_file' });
    await output.waitFor();
    assert.equal((await disclosure('read_file src/cart.ts')).expanded, true);
    assert.equal(
      await item.locator('.tool-call-arguments').textContent(),
      JSON.stringify({ path: 'src/cart.ts', startLine: 8, endLine: 18 }, null, 2),
    );
    assert.equal(await output.textContent(), result.content, 'the view shows exactly what the model was sent');
    assert.equal(await output.locator('*').count(), 0, 'as text, not HTML');
    await item.getByText(`Sent to the model (${result.content.length} characters)`).waitFor();

    // The README's picture: the file that was read in the editor, the chat alone in a wider sidebar, the opened
    // call between the question and the answer, the pointer off anything with a hover.
    const tabs = wb.page.locator('.tabs-container .tab');
    const walkthrough = tabs.filter({ hasText: 'Walkthrough' });
    if (await walkthrough.count()) await walkthrough.locator('.tab-actions .codicon-close').click();
    await tabs.filter({ hasText: 'cart.ts' }).click();
    const tasksHeader = wb.page.getByRole('button', { name: 'Cline Tasks Section', exact: true });
    if ((await tasksHeader.getAttribute('aria-expanded')) === 'true') await tasksHeader.click();
    await item.locator('summary').focus(); // off the section header the click left focused (its ring would show)
    await wb.resizeSidebar(SIDEBAR_WIDTH);
    const jump = chat.getByRole('button', { name: 'Jump to latest' });
    if (await jump.isVisible()) await jump.click();
    await log().getByText('pushes the item onto', { exact: false }).waitFor();
    await wb.page.mouse.move(1200, 10);
    await new Promise((r) => setTimeout(r, 500)); // the sidebar edge's highlight fades
    const file = await wb.screenshot('chat-tool-call');
    if (process.env.UPDATE_README_IMAGES || !fs.existsSync(README_IMAGE)) fs.copyFileSync(file, README_IMAGE);
  });

  it('"ask": the call waits with Allow, Allow for This Conversation and Deny; Deny tells the model the user declined', async () => {
    await setApproval('ask');
    await newChat();
    server.script([callsThenAnswer([CART_CALL], 'Then I cannot say.'), callsThenAnswer([CART_CALL], 'Then I cannot say.')]);
    await ask(DENIED_QUESTION);
    const item = toolCall(CART_WAITING);
    await item.waitFor({ timeout: 30_000 });
    assert.deepEqual(await approvalButtons(item), ['Allow', 'Allow for This Conversation', 'Deny']);
    await new Promise((r) => setTimeout(r, 500)); // nothing is sent while it waits
    assert.equal(chatRequests(server).length, 1);

    await item.getByRole('button', { name: 'Deny', exact: true }).click();
    await log().getByText('Then I cannot say.').waitFor({ timeout: 30_000 });
    const [result] = toolResultsOf(chatRequests(server)[1]);
    assert.equal(result.content, DECLINED_TEXT);
    const denied = toolCall(DENIED);
    await denied.waitFor();
    assert.equal(await denied.getByRole('button').count(), 0, 'no buttons once answered');
  });

  it('"ask": Allow runs the call and sends its result', async () => {
    server.script([callsThenAnswer([SAMPLE_CALL], 'It adds two numbers.'), callsThenAnswer([SAMPLE_CALL], 'It adds two numbers.')]);
    await ask('And what does sample.ts do?');
    const item = toolCall('read_file src/sample.ts — waiting for approval');
    await item.waitFor({ timeout: 30_000 });
    await item.getByRole('button', { name: 'Allow', exact: true }).click();
    await log().getByText('It adds two numbers.').waitFor({ timeout: 30_000 });
    const results = toolResultsOf(chatRequests(server)[1]);
    assert.equal(results.at(-1)!.content.split('\n')[0], 'src/sample.ts (lines 1-3 of 3):');
    for (const line of numbered('src/sample.ts', 1, 3)) assert.match(results.at(-1)!.content, line);
    await toolCall(SAMPLE_DONE).waitFor();
  });

  it('"ask": Allow for This Conversation runs the call, and the later calls of the conversation run without asking', async () => {
    server.script([
      callsThenAnswer([SAMPLE_CALL], 'Still two numbers.'),
      callsThenAnswer([SAMPLE_CALL], 'Still two numbers.'),
      callsThenAnswer([CART_CALL], CART_ANSWER),
      callsThenAnswer([CART_CALL], CART_ANSWER),
    ]);
    await ask('Read sample.ts once more?');
    const waiting = toolCall('read_file src/sample.ts — waiting for approval');
    await waiting.waitFor({ timeout: 30_000 });
    await waiting.getByRole('button', { name: 'Allow for This Conversation', exact: true }).click();
    await log().getByText('Still two numbers.').waitFor({ timeout: 30_000 });
    // Nobody answers this one: it runs only if it does not wait.
    await ask('And the cart?');
    await log().getByText('pushes the item onto', { exact: false }).waitFor({ timeout: 30_000 });
    await toolCall(CART_DONE).waitFor();
    assert.equal(chatRequests(server).length, 4);
  });

  it('"auto": a call runs at once, but a read of a protected file (.env) waits for an explicit Allow', async () => {
    await setApproval('auto');
    await newChat();
    server.script([
      callsThenAnswer([SAMPLE_CALL, ENV_CALL], 'The key stays with you.'),
      callsThenAnswer([SAMPLE_CALL, ENV_CALL], 'The key stays with you.'),
    ]);
    await ask('Which API key does the project use?');
    await toolCall(SAMPLE_DONE).waitFor({ timeout: 30_000 });
    const envItem = log()
      .locator('.tool-call')
      .filter({ has: chat.locator('summary', { hasText: /^read_file .*— waiting for approval$/ }) });
    await envItem.waitFor();
    assert.match(await envItem.locator('summary').innerText(), /\.env is a protected file/);
    assert.deepEqual(await approvalButtons(envItem), ['Allow', 'Allow for This Conversation', 'Deny']);
    assert.equal(chatRequests(server).length, 1, 'nothing is sent while it waits');

    await envItem.getByRole('button', { name: 'Deny', exact: true }).click();
    await log().getByText('The key stays with you.').waitFor({ timeout: 30_000 });
    const results = toolResultsOf(chatRequests(server)[1]);
    assert.equal(results.length, 2);
    assert.match(results[0].content, /^src\/sample\.ts \(lines 1-3 of 3\):/);
    assert.equal(results[1].content, DECLINED_TEXT);
    for (const request of server.requests)
      assert.ok(!request.rawBody.includes(ENV_SECRET), `the .env content reached the server: ${request.rawBody}`);
  });

  it('after a window reload, a conversation opened from the history shows its tool calls with their states', async () => {
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await openChat();
    await chat.getByRole('button', { name: 'History' }).click();
    const history = chat.getByRole('list', { name: 'Conversations' });
    await history.getByRole('button', { name: new RegExp(`^${CART_QUESTION.replace(/[?]/g, '\\?')}`) }).click();
    const done = toolCall(CART_DONE);
    await done.waitFor({ timeout: 30_000 });
    assert.equal(await done.locator('details').evaluate((d) => (d as HTMLDetailsElement).open), false, 'collapsed');
    await done.locator('summary').press('Enter');
    await done.getByRole('region', { name: 'Result of read_file' }).getByText('8| export class Cart {', { exact: false }).waitFor();
    await log().getByText('pushes the item onto', { exact: false }).waitFor();

    await chat.getByRole('button', { name: 'History' }).click();
    await history.getByRole('button', { name: /^What is in the cart file\?/ }).click();
    await toolCall(DENIED).waitFor({ timeout: 30_000 });
    assert.equal(await toolCall(SAMPLE_DONE).count(), 2);
    await toolCall(CART_DONE).waitFor();
  });
});
