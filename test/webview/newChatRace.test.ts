/**
 * New Chat, then a question at once: the view clears itself and tells the host, which answers with an `init`
 * (a new chat). That init can arrive after the question was sent (seen in the real workbench, where the UI test
 * asks right after New Chat); the question must stay and its answer must show.
 */
import assert from 'node:assert/strict';
import { useAppPage } from './appSuite';
import { conversation, init, message } from './fixtures';
import type { AppPage } from './harness';

describe('New Chat answered by the host after a question was already asked (Chromium)', function () {
  this.timeout(60_000);
  const currentApp = useAppPage();
  let app: AppPage;
  beforeEach(() => {
    app = currentApp();
  });

  it('keeps the question, and shows the answer the host then starts in the new chat', async () => {
    const page = app.page;
    const log = page.getByRole('log', { name: 'Conversation' });
    const box = page.getByRole('textbox', { name: 'Message' });
    await app.host(init({ active: conversation('c1', [message('user', 'earlier'), message('assistant', 'ok', { status: 'done' })]) }));
    await page.getByRole('button', { name: 'New Chat', exact: true }).click();
    await app.waitForPosted('newChat');
    await box.fill('asked at once');
    await box.press('Enter');
    assert.equal((await app.waitForPosted('send')).conversationId, null);

    await app.host(init()); // the host's answer to New Chat, late
    await log.getByText('asked at once').waitFor();

    const answer = message('assistant', '', { status: 'streaming' });
    await app.host(
      { type: 'streamStart', conversationId: 'c2', message: answer, userMessage: message('user', 'asked at once') },
      { type: 'streamDelta', conversationId: 'c2', messageId: answer.id, content: 'The answer.' },
      { type: 'streamEnd', conversationId: 'c2', messageId: answer.id, status: 'done' },
    );
    await log.getByText('The answer.').waitFor();
    assert.equal(await log.getByText('asked at once').count(), 1, 'the question once (the host copy replaced the pending one)');
  });
});
