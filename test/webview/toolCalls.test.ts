/**
 * Workspace tool calls in the real webview bundle (Chromium, production CSP): each call a collapsed item
 * named by its tool, what it asked for and its state; its arguments and the exact output as text; the
 * approval buttons of a waiting call; a multi-round answer keeping the view busy; notes under a message.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import type { ChatMessage, HostMessage, ToolCallView } from '../../src/protocol/chatProtocol';
import { useAppPage } from './appSuite';
import { conversation, init, message } from './fixtures';
import type { AppPage } from './harness';

describe('tool calls in the conversation (Chromium)', function () {
  this.timeout(60_000);
  const currentApp = useAppPage();
  let app: AppPage;
  beforeEach(() => {
    app = currentApp();
  });

  const page = () => app.page;
  const log = () => page().getByRole('log', { name: 'Conversation' });
  const button = (name: string) => page().getByRole('button', { name, exact: true });
  /** What a screen reader gets for each call's summary: Chromium's accessibility tree. */
  const disclosures = async () => (await app.accessibilityNodes('DisclosureTriangle')).filter((d) => d.name !== 'Thinking');
  /** Asserts the disclosures once they are `expected`: streamed deltas render on an animation frame, not at once. */
  async function expectDisclosures(expected: Awaited<ReturnType<typeof disclosures>>): Promise<void> {
    const deadline = Date.now() + 5000;
    let seen = await disclosures();
    while (!isDeepStrictEqual(seen, expected) && Date.now() < deadline) {
      await app.frames();
      seen = await disclosures();
    }
    assert.deepEqual(seen, expected);
  }

  const hostile = '<img src="x" onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  const readCall: ToolCallView = {
    index: 0,
    id: 'call_1',
    name: 'read_file',
    arguments: '{"path":"src/app.ts","startLine":1,"endLine":40}',
  };
  const doneRead: ToolCallView = {
    ...readCall,
    state: 'done',
    summary: 'src/app.ts lines 1-40 of 120 (1.2 KB)',
    output: `src/app.ts lines 1-40 of 120\n1| const banner = '${hostile}';\n2| export {};`,
  };

  /** A question asked in conversation c1, and the start of its first answer `a1` (a round with tool calls). */
  async function startAnswer(): Promise<ChatMessage> {
    await app.host(init({ active: conversation('c1', [message('user', 'earlier'), message('assistant', 'ok', { status: 'done' })]) }));
    await page().getByRole('textbox', { name: 'Message' }).fill('what is in app.ts?');
    await page().getByRole('textbox', { name: 'Message' }).press('Enter');
    const answer = message('assistant', '', { status: 'streaming', model: 'anthropic/claude-sonnet-4' });
    await app.host({ type: 'streamStart', conversationId: 'c1', message: answer, userMessage: message('user', 'what is in app.ts?') });
    return answer;
  }

  const toolCall = (messageId: string, call: ToolCallView): HostMessage => ({ type: 'toolCall', conversationId: 'c1', messageId, call });

  it('is a collapsed item named by its tool, what it asked for and its state; it opens on the arguments and the exact output, as text', async () => {
    const answer = await startAnswer();
    await app.host(
      { type: 'streamDelta', conversationId: 'c1', messageId: answer.id, toolCalls: [{ ...readCall, arguments: '{"path":"src/app.ts",' }] },
      {
        type: 'streamDelta',
        conversationId: 'c1',
        messageId: answer.id,
        toolCalls: [{ index: 0, name: '', arguments: '"startLine":1,"endLine":40}' }],
      },
    );
    await expectDisclosures([{ name: 'read_file src/app.ts lines 1-40 — preparing', expanded: false }]);
    await app.host(toolCall(answer.id, { ...readCall, state: 'running' }));
    await expectDisclosures([{ name: 'read_file src/app.ts lines 1-40 — running', expanded: false }]);
    await app.host(toolCall(answer.id, doneRead));
    await expectDisclosures([{ name: 'read_file src/app.ts lines 1-40 of 120 (1.2 KB) — done', expanded: false }]);

    const item = log().locator('.tool-call');
    assert.equal(await item.locator('.tool-call-output').isVisible(), false, 'collapsed');
    await item.locator('summary').click();
    assert.deepEqual(await disclosures(), [{ name: 'read_file src/app.ts lines 1-40 of 120 (1.2 KB) — done', expanded: true }]);
    assert.equal(
      await item.locator('.tool-call-arguments').textContent(),
      '{\n  "path": "src/app.ts",\n  "startLine": 1,\n  "endLine": 40\n}',
    );
    const output = item.getByRole('region', { name: 'Result of read_file' });
    assert.equal(await output.textContent(), doneRead.output, 'exactly what was sent back to the model');
    assert.match((await item.textContent()) ?? '', new RegExp(`Sent to the model \\(${doneRead.output?.length} characters\\)`));
    // The hostile text stayed text: no element was made of it, nothing ran, nothing was fetched (afterEach: no CSP violation).
    assert.equal(await log().locator('img, script').count(), 0);
    await app.frames();
    assert.equal(await page().evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  it('scrolls a long output, which the keyboard can reach', async () => {
    const output = Array.from({ length: 400 }, (_, i) => `${i + 1}| line ${i + 1}`).join('\n');
    const answer = message('assistant', 'Read it.', { status: 'done', toolCalls: [{ ...doneRead, output }] });
    await app.host(init({ active: conversation('c1', [message('user', 'q'), answer]) }));
    await log().locator('.tool-call summary').click();
    const box = log().getByRole('region', { name: 'Result of read_file' });
    const size = await box.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, tabIndex: el.tabIndex }));
    assert.ok(size.scroll > size.client * 3, `scrollable: ${JSON.stringify(size)}`);
    assert.equal(size.tabIndex, 0);
    assert.equal(await box.textContent(), output);
  });

  it('after a reload, the stored calls show as they ended (state, arguments, output)', async () => {
    const refused: ToolCallView = {
      index: 1,
      id: 'call_2',
      name: 'read_file',
      arguments: '{"path":"../../etc/passwd"}',
      state: 'refused',
      summary: '../../etc/passwd: outside the workspace',
      output: 'Refused: ../../etc/passwd is outside the workspace.',
    };
    const search: ToolCallView = {
      index: 2,
      id: 'call_3',
      name: 'search_text',
      arguments: '{"query":"TODO","glob":"src/**"}',
      state: 'denied',
      output: 'The user declined this call.',
    };
    const stored = conversation('c1', [
      message('user', 'q'),
      message('assistant', '', { status: 'done', toolCalls: [doneRead, refused, search] }),
      message('assistant', 'Here it is.', { status: 'done' }),
    ]);
    await app.page.reload();
    await app.page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    await app.host(init({ active: stored }));
    assert.deepEqual(await disclosures(), [
      { name: 'read_file src/app.ts lines 1-40 of 120 (1.2 KB) — done', expanded: false },
      { name: 'read_file ../../etc/passwd: outside the workspace — refused', expanded: false },
      { name: 'search_text "TODO" in src/** — denied', expanded: false },
    ]);
    const items = log().locator('.tool-call');
    await items.nth(2).locator('summary').click();
    assert.equal(await items.nth(2).locator('.tool-call-output').textContent(), 'The user declined this call.');
    assert.equal(await items.nth(2).locator('.tool-call-arguments').textContent(), '{\n  "query": "TODO",\n  "glob": "src/**"\n}');
    assert.equal(await button('Allow').count(), 0, 'no approval for calls that ended');
  });

  it('a waiting call asks Allow, Allow for This Conversation or Deny; a click posts toolApproval and holds until the host answers', async () => {
    const answer = await startAnswer();
    await page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await app.host(
      { type: 'streamDelta', conversationId: 'c1', messageId: answer.id, toolCalls: [readCall] },
      toolCall(answer.id, { ...readCall, state: 'waiting' }),
    );
    const approval = page().getByRole('group', { name: 'read_file waits for your approval' });
    assert.deepEqual(await approval.getByRole('button').allTextContents(), ['Allow', 'Allow for This Conversation', 'Deny']);
    assert.deepEqual(await disclosures(), [{ name: 'read_file src/app.ts lines 1-40 — waiting for approval', expanded: true }]);
    assert.equal(await log().locator('.typing-indicator').last().isVisible(), false, 'the call shows the progress, not typing dots');
    // The arguments show next to the question; the focus is on Allow, and the wait is announced.
    assert.equal(await log().locator('.tool-call-arguments').isVisible(), true);
    assert.equal(await page().evaluate(() => document.activeElement?.textContent), 'Allow');
    assert.equal(await page().locator('.message-list [role="status"]').textContent(), 'read_file is waiting for your approval.');

    await button('Allow for This Conversation').click();
    assert.deepEqual(await app.waitForPosted('toolApproval'), {
      type: 'toolApproval',
      conversationId: 'c1',
      messageId: answer.id,
      callId: 'call_1',
      decision: 'allowConversation',
    });
    for (const name of ['Allow', 'Allow for This Conversation', 'Deny']) assert.equal(await button(name).isDisabled(), true, name);
    // The keyboard stays at the call; a second click can't post twice.
    assert.equal(await page().evaluate(() => document.activeElement?.tagName), 'SUMMARY');
    await button('Allow').click({ force: true });
    assert.equal((await app.postedOfType('toolApproval')).length, 1);

    await app.host(toolCall(answer.id, { ...readCall, state: 'running' }));
    assert.equal(await approval.count(), 0);
    assert.deepEqual(await disclosures(), [{ name: 'read_file src/app.ts lines 1-40 — running', expanded: false }]);

    // The next call waits while the user types in the message box: the focus stays there, the wait is announced.
    const list: ToolCallView = { index: 1, id: 'call_2', name: 'list_files', arguments: '{"path":"src"}' };
    const box = page().getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.pressSequentially('next ');
    await app.host(toolCall(answer.id, { ...list, state: 'waiting' }));
    assert.equal(await page().evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Message');
    assert.equal(await page().locator('.message-list [role="status"]').textContent(), 'list_files is waiting for your approval.');
    await page().getByRole('group', { name: 'list_files waits for your approval' }).getByRole('button', { name: 'Deny' }).click();
    assert.deepEqual((await app.postedOfType('toolApproval')).at(-1), {
      type: 'toolApproval',
      conversationId: 'c1',
      messageId: answer.id,
      callId: 'call_2',
      decision: 'deny',
    });
    // The host asks again (the same call, still waiting): the buttons work again.
    await app.host(toolCall(answer.id, { ...list, state: 'waiting' }));
    await button('Allow').click();
    assert.equal((await app.postedOfType('toolApproval')).at(-1)?.decision, 'allow');
  });

  it('stays busy across rounds: Stop shows from the first round until the final streamEnd', async () => {
    const first = await startAnswer();
    const stop = button('Stop');
    await app.host(
      { type: 'streamDelta', conversationId: 'c1', messageId: first.id, toolCalls: [readCall] },
      toolCall(first.id, { ...readCall, state: 'running' }),
      toolCall(first.id, doneRead),
      { type: 'streamEnd', conversationId: 'c1', messageId: first.id, status: 'done', continues: true },
    );
    await app.frames();
    assert.equal(await stop.isVisible(), true, 'the host runs the calls and goes on');
    assert.equal(await button('Send').count(), 0);
    assert.equal(await log().getAttribute('aria-busy'), 'true');
    // Enter in the box does not send while the answer goes on.
    await page().getByRole('textbox', { name: 'Message' }).fill('too early');
    await page().getByRole('textbox', { name: 'Message' }).press('Enter');
    assert.equal((await app.postedOfType('send')).length, 1);

    const second = message('assistant', '', { status: 'streaming', model: 'anthropic/claude-sonnet-4' });
    await app.host({ type: 'streamStart', conversationId: 'c1', message: second });
    assert.equal(await stop.isVisible(), true);
    await app.host(
      { type: 'streamDelta', conversationId: 'c1', messageId: second.id, content: 'It exports **nothing**.' },
      { type: 'streamEnd', conversationId: 'c1', messageId: second.id, status: 'done' },
    );
    await app.frames();
    assert.equal(await stop.count(), 0);
    assert.equal(await button('Send').isVisible(), true);
    assert.equal(await log().locator('.message.assistant').count(), 3, 'the earlier answer and both rounds');
    assert.equal(await log().locator('.message.user').count(), 2, 'the question once');
    assert.equal(await log().locator('.message.assistant strong').last().textContent(), 'nothing');
  });

  it('shows notes quietly under their message, stored and new', async () => {
    const answered = message('assistant', 'Answer.', { status: 'done', notes: ['This model does not take tools: answered without them.'] });
    const question = message('user', 'q', {
      context: [{ id: 'k1', label: '@src/big.ts', language: 'typescript', code: '…', mention: 'file', note: 'cut: 120 KB of 300 KB' }],
    });
    await app.host(init({ active: conversation('c1', [question, answered]) }));
    const notes = log().locator('.message.assistant .message-note');
    assert.deepEqual(await notes.allTextContents(), ['This model does not take tools: answered without them.']);
    await app.host({ type: 'note', conversationId: 'c1', messageId: answered.id, text: `Round limit reached ${hostile}` });
    assert.deepEqual(await notes.allTextContents(), [
      'This model does not take tools: answered without them.',
      `Round limit reached ${hostile}`,
    ]);
    assert.equal(await log().locator('img').count(), 0);
    // A mention's chip on the question it went with, with what the size budget cut.
    const chip = log().locator('.message.user').getByRole('listitem');
    assert.equal(await chip.textContent(), '@src/big.ts (cut: 120 KB of 300 KB)');
  });
});
