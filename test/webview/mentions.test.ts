/**
 * `@` mentions in the message box, in the real webview bundle (Chromium, production CSP): the Mentions
 * listbox by keyboard, the chips, what `send` carries, the draft across a reload, Restricted Mode.
 */
import assert from 'node:assert/strict';
import type { MentionSuggestion } from '../../src/protocol/chatProtocol';
import { restrictedModeText } from '../../src/ui/composer';
import { useAppPage } from './appSuite';
import { init, message } from './fixtures';
import type { AppPage } from './harness';

const APP_TS: MentionSuggestion = { kind: 'file', path: 'src/app.ts', label: '@src/app.ts', detail: 'src' };
const APP_TEST: MentionSuggestion = { kind: 'file', path: 'test/app.test.ts', label: '@test/app.test.ts', detail: 'test' };
const SRC: MentionSuggestion = { kind: 'folder', path: 'src', label: '@src', detail: 'folder' };
const SELECTION: MentionSuggestion = { kind: 'selection', label: '@selection', detail: 'The selection in the active editor' };
const PROBLEMS: MentionSuggestion = { kind: 'problems', label: '@problems', detail: 'Problems in the active file' };
const CHANGES: MentionSuggestion = { kind: 'changes', label: '@changes', detail: 'The working-tree diff' };

describe('@ mentions in the composer (Chromium)', function () {
  this.timeout(60_000);
  const currentApp = useAppPage();
  let app: AppPage;
  beforeEach(() => {
    app = currentApp();
  });

  const page = () => app.page;
  const input = () => page().getByRole('textbox', { name: 'Message' });
  const listbox = () => page().getByRole('listbox', { name: 'Mentions' });
  const options = () => listbox().getByRole('option');
  const contextChips = () => page().locator('.composer').getByRole('list', { name: 'Context' }).getByRole('listitem');

  /** Answer the latest `mentions` request (the `count`th) with these suggestions; returns its query. */
  async function suggest(suggestions: MentionSuggestion[], count = 1): Promise<string> {
    const request = await app.waitForPosted('mentions', count);
    await app.host({ type: 'reply', requestId: request.requestId, ok: true, result: suggestions });
    await app.frames();
    return request.query;
  }

  const selectedOption = () => listbox().locator('[role="option"][aria-selected="true"]');

  it('@ opens the Mentions list; arrows and Enter pick; the chip appears; send posts the mentions', async () => {
    await app.host(init());
    await input().click();
    await input().pressSequentially('explain @');
    assert.equal(await listbox().isVisible(), true);
    // A textarea may not carry aria-expanded (it is no combobox in ARIA in HTML): aria-activedescendant, below, says
    // which option is highlighted.
    assert.equal(await input().getAttribute('aria-expanded'), null);
    assert.equal(await input().getAttribute('aria-controls'), await listbox().getAttribute('id'));
    assert.equal(await suggest([APP_TS, SRC, SELECTION, PROBLEMS, CHANGES]), '');
    assert.deepEqual(await options().allTextContents(), [
      '@src/app.ts src',
      '@src folder',
      '@selection The selection in the active editor',
      '@problems Problems in the active file',
      '@changes The working-tree diff',
    ]);
    assert.equal(await selectedOption().textContent(), '@src/app.ts src');
    assert.equal(await input().getAttribute('aria-activedescendant'), await selectedOption().getAttribute('id'));

    // Typing narrows: one request once typing pauses, for the text after the @.
    // No delay between the keys: a pause longer than the debounce (a loaded machine) would rightly ask twice.
    await input().pressSequentially('app');
    assert.equal(await suggest([APP_TS, APP_TEST], 2), 'app');
    assert.equal((await app.postedOfType('mentions')).length, 2, 'not one request per key');
    assert.equal(await options().count(), 2);
    await input().press('ArrowDown');
    assert.equal(await selectedOption().textContent(), '@test/app.test.ts test');
    await input().press('ArrowDown');
    assert.equal(await selectedOption().textContent(), '@src/app.ts src', 'wraps around');
    await input().press('ArrowUp');
    assert.equal(await input().getAttribute('aria-activedescendant'), await selectedOption().getAttribute('id'));
    await input().press('Enter');

    assert.equal(await listbox().isVisible(), false);
    assert.equal(await input().getAttribute('aria-activedescendant'), null);
    assert.equal(await input().inputValue(), 'explain ', 'the @query text left the box');
    assert.deepEqual(await contextChips().allTextContents(), ['@test/app.test.ts']);
    assert.equal((await app.postedOfType('send')).length, 0, 'Enter chose; it did not send');

    await input().pressSequentially('and @sel');
    await suggest([SELECTION], 3);
    await input().press('Tab');
    assert.deepEqual(await contextChips().allTextContents(), ['@test/app.test.ts', '@selection']);
    await input().pressSequentially('please');
    await input().press('Enter');
    assert.deepEqual(await app.waitForPosted('send'), {
      type: 'send',
      conversationId: null,
      text: 'explain and please',
      model: 'anthropic/claude-sonnet-4',
      mentions: [
        { kind: 'file', path: 'test/app.test.ts', label: '@test/app.test.ts' },
        { kind: 'selection', label: '@selection' },
      ],
    });
    assert.equal(await contextChips().count(), 0, 'the chips went with the question');
    // The question shows with its mentions at once, then the host's copy with what it read.
    const question = page().locator('.message.user').getByRole('listitem');
    assert.deepEqual(await question.allTextContents(), ['@test/app.test.ts', '@selection']);
    const answer = message('assistant', '', { status: 'streaming' });
    await app.host({
      type: 'streamStart',
      conversationId: 'c9',
      message: answer,
      userMessage: message('user', 'explain and please', {
        context: [
          { id: 'm1', label: '@test/app.test.ts', language: 'typescript', code: 'test()', mention: 'file' },
          { id: 'm2', label: '@selection', language: 'plaintext', code: '', mention: 'selection', note: 'empty: no selection' },
        ],
      }),
    });
    assert.deepEqual(await question.allTextContents(), ['@test/app.test.ts', '@selection (empty: no selection)']);
  });

  it('Escape closes the list, and typing on does not reopen it; an @ inside a word is no mention', async () => {
    await app.host(init());
    await input().click();
    await input().pressSequentially('mail me@example.com');
    assert.equal(await listbox().isVisible(), false);
    await input().pressSequentially(' @sr');
    await suggest([SRC]);
    await input().press('Escape');
    assert.equal(await listbox().isVisible(), false);
    assert.equal(await input().getAttribute('aria-activedescendant'), null);
    await input().pressSequentially('c');
    await app.frames();
    assert.equal(await listbox().isVisible(), false, 'closed for this @');
    // With the list closed, Enter sends as usual; the text goes as typed.
    await input().press('Enter');
    assert.equal((await app.waitForPosted('send')).text, 'mail me@example.com @src');
    assert.equal((await app.waitForPosted('send')).mentions, undefined);
  });

  it('clicking an option chooses it; chips are removable by keyboard, the focus moving on', async () => {
    await app.host(init());
    await input().click();
    for (const [i, suggestion] of [APP_TS, SRC, PROBLEMS].entries()) {
      await input().pressSequentially('@');
      await suggest([suggestion], i + 1);
      await options().first().click();
    }
    assert.deepEqual(await contextChips().allTextContents(), ['@src/app.ts', '@src', '@problems']);
    assert.equal(await input().inputValue(), '');
    await page().getByRole('button', { name: 'Remove @src', exact: true }).focus();
    await page().keyboard.press('Enter');
    assert.deepEqual(await contextChips().allTextContents(), ['@src/app.ts', '@problems']);
    assert.equal(await page().evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Remove @problems');
    await page().keyboard.press('Space');
    assert.equal(await page().evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Remove @src/app.ts');
    await page().keyboard.press('Enter');
    assert.equal(await contextChips().count(), 0);
    assert.equal(await page().evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Message');
  });

  it('keeps the draft, text and mention chips, across a reload', async () => {
    await app.host(init());
    await input().click();
    await input().pressSequentially('compare @');
    await suggest([APP_TS]);
    await input().press('Enter');
    await input().pressSequentially('with @');
    await suggest([CHANGES], 2);
    await input().press('Enter');
    await input().pressSequentially('please');
    await page().reload();
    await page().waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    await app.host(init());
    assert.equal(await input().inputValue(), 'compare with please');
    assert.deepEqual(await contextChips().allTextContents(), ['@src/app.ts', '@changes']);
    await input().press('Enter');
    assert.deepEqual((await app.waitForPosted('send')).mentions, [
      { kind: 'file', path: 'src/app.ts', label: '@src/app.ts' },
      { kind: 'changes', label: '@changes' },
    ]);
  });

  it('Restricted Mode: says so near the box, and the list offers only what needs no files', async () => {
    await app.host(init({ workspace: { trusted: false, tools: false, hasFolder: true } }));
    const notice = page().locator('.composer').getByRole('status').filter({ hasText: 'Restricted Mode' });
    assert.equal(await notice.textContent(), restrictedModeText());
    await input().click();
    await input().pressSequentially('@');
    // Even if the host offered files, the view would not.
    await suggest([APP_TS, SRC, SELECTION, PROBLEMS, CHANGES]);
    assert.deepEqual(await options().allTextContents(), [
      '@selection The selection in the active editor',
      '@problems Problems in the active file',
    ]);
    await input().press('Escape');
    await app.host({ type: 'workspace', workspace: { trusted: true, tools: true, hasFolder: true } });
    assert.equal(await notice.count(), 0);
    await input().pressSequentially(' @');
    await suggest([APP_TS, SELECTION], 2);
    assert.equal(await options().count(), 2);
  });

  it('tools turned off in a trusted workspace: no notice, file mentions still offered', async () => {
    await app.host(init({ workspace: { trusted: true, tools: false, hasFolder: true } }));
    assert.equal(await page().locator('.workspace-notice').isVisible(), false);
    await input().click();
    await input().pressSequentially('@');
    await suggest([APP_TS]);
    assert.equal(await options().count(), 1);
  });

  it('says in the list when the host could not list the files', async () => {
    await app.host(init());
    await input().click();
    await input().pressSequentially('@x');
    const request = await app.waitForPosted('mentions');
    await app.host({ type: 'reply', requestId: request.requestId, ok: false, error: 'Listing the workspace files failed: EACCES' });
    await app.frames();
    assert.equal(await listbox().textContent(), 'Listing the workspace files failed: EACCES');
    assert.equal(await options().count(), 0);
    // Enter with nothing to choose sends the text.
    await input().press('Enter');
    assert.equal((await app.waitForPosted('send')).text, '@x');
  });
});
