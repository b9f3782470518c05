/**
 * The chat in German, in the real webview bundle (Chromium, production CSP): the page as the host writes it for
 * VS Code in German (`<html lang="de">`, the title, and VS Code's bundle, l10n/bundle.l10n.de.json, as the JSON
 * block), so every word comes from the translations and numbers, money and dates are written the German way.
 * English is the source text: the other suites check it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChatMessage, ToolCallView } from '../../src/protocol/chatProtocol';
import { useAppPage } from './appSuite';
import { answerStream, conversation, init, message } from './fixtures';
import type { AppPage } from './harness';

const german = JSON.parse(fs.readFileSync(path.join(__dirname, '../../l10n/bundle.l10n.de.json'), 'utf8')) as Record<string, string>;

/** German `{0}`-formatted like `l10n.t` does, so a changed translation shows here as a failure, not as a stale copy. */
function de(english: string, ...args: Array<string | number>): string {
  const text = german[english];
  assert.ok(text, `no German for ${JSON.stringify(english)}`);
  return text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
}

describe('the chat in German (Chromium)', function () {
  this.timeout(60_000);
  const currentApp = useAppPage('/?lang=de');
  let app: AppPage;
  beforeEach(() => {
    app = currentApp();
  });

  const page = () => app.page;
  const log = () => page().getByRole('log', { name: 'Unterhaltung' });
  const button = (name: string) => page().getByRole('button', { name, exact: true });

  it('draws the composer, the header and the empty state in German (the composer already before the host speaks)', async () => {
    // Before the host's init: what the app drew at start-up already speaks German (no flash of English).
    assert.equal(await page().evaluate(() => document.documentElement.lang), 'de');
    assert.equal(await page().title(), 'Cline-Chat');
    const box = page().getByRole('textbox', { name: 'Nachricht' });
    assert.equal(await box.getAttribute('placeholder'), 'Cline fragen… (@ für Kontext, Umschalt+Eingabe für neue Zeile)');
    assert.equal(await button('Senden').getAttribute('title'), 'Senden (Eingabe)');
    assert.equal(await page().getByRole('form', { name: 'Nachricht an Cline' }).count(), 1);
    assert.equal(await page().getByRole('combobox', { name: 'Modell' }).getAttribute('placeholder'), 'Modell-ID');
    for (const name of ['Verlauf', 'Neuer Chat']) assert.equal(await button(name).count(), 1, name);

    await app.host(init({ hasApiKey: false }));
    const empty = log().locator('.empty-state');
    assert.equal(await empty.getByRole('heading').textContent(), 'Cline fragen');
    assert.match((await empty.textContent()) ?? '', /Schnelle Fragen, beantwortet in der Seitenleiste\. Probieren Sie eine davon:/);
    const examples = empty.getByRole('list', { name: 'Beispielfragen' }).getByRole('button');
    assert.deepEqual(await examples.allTextContents(), [
      'Erkläre den Unterschied zwischen let, const und var in JavaScript',
      'Schreibe eine Python-Funktion, die prüft, ob eine Zeichenkette ein Palindrom ist',
      'Wie mache ich den letzten Git-Commit rückgängig und behalte meine Änderungen?',
      // The regular expression is a placeholder: the translation cannot change it.
      'Worauf passt der reguläre Ausdruck ^\\d{3}-\\d{4}$?',
    ]);
    assert.equal(await empty.getByRole('button', { name: 'Erste Schritte' }).count(), 1);
    assert.equal(await empty.getByRole('button', { name: 'API-Schlüssel festlegen' }).count(), 1);
    // No key: the composer's call to action, in the words the host stores for a question asked without one.
    const cta = page().getByRole('region', { name: 'API-Schlüssel erforderlich' });
    assert.match((await cta.textContent()) ?? '', /Legen Sie Ihren Cline-API-Schlüssel fest, um zu chatten\./);

    // Clicking an example sends the German question (what the user read is what is asked).
    await app.host({ type: 'apiKey', hasApiKey: true, keyRequired: true });
    await examples.first().click();
    const sent = await app.waitForPosted('send');
    assert.equal(sent.text, 'Erkläre den Unterschied zwischen let, const und var in JavaScript');
    await app.host(answerStream('c9', 'Gern.', { userText: sent.text }).start);
    assert.equal(await button('Stoppen').count(), 1, 'Send became Stop while the answer is on its way');
    assert.equal(await button('Stoppen').getAttribute('title'), 'Stoppen');
  });

  it('a tool call waits with Zulassen, Für diese Unterhaltung zulassen and Verweigern, and says what it sent in German numbers', async () => {
    await app.host(init({ active: conversation('c1', [message('user', 'earlier'), message('assistant', 'ok', { status: 'done' })]) }));
    const box = page().getByRole('textbox', { name: 'Nachricht' });
    await box.fill('Was steht in app.ts?');
    await box.press('Enter');
    const answer: ChatMessage = message('assistant', '', { status: 'streaming', model: 'anthropic/claude-sonnet-4' });
    await app.host({ type: 'streamStart', conversationId: 'c1', message: answer, userMessage: message('user', 'Was steht in app.ts?') });
    await page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const call: ToolCallView = { index: 0, id: 'call_1', name: 'read_file', arguments: '{"path":"src/app.ts","startLine":1,"endLine":40}' };
    await app.host({ type: 'toolCall', conversationId: 'c1', messageId: answer.id, call: { ...call, state: 'waiting' } });

    const approval = log().getByRole('group', { name: 'read_file wartet auf Ihre Genehmigung' });
    assert.deepEqual(await approval.getByRole('button').allTextContents(), ['Zulassen', 'Für diese Unterhaltung zulassen', 'Verweigern']);
    assert.match((await approval.textContent()) ?? '', /Ausführen und das Ergebnis an das Modell senden\?/);
    const summaries = (await app.accessibilityNodes('DisclosureTriangle')).map((d) => d.name);
    assert.deepEqual(summaries, ['read_file src/app.ts Zeilen 1-40 — wartet auf Genehmigung']);
    const announcer = page().locator('.message-list > [role="status"]');
    assert.equal(await announcer.textContent(), 'read_file wartet auf Ihre Genehmigung.');
    assert.equal(await page().evaluate(() => document.activeElement?.textContent), 'Zulassen', 'Zulassen has the focus');

    await button('Zulassen').click();
    const decision = await app.waitForPosted('toolApproval');
    assert.equal(decision.decision, 'allow');

    const output = `src/app.ts\n${'x'.repeat(1234)}`;
    await app.host({
      type: 'toolCall',
      conversationId: 'c1',
      messageId: answer.id,
      call: { ...call, state: 'done', summary: 'src/app.ts lines 1-40 of 120 (1.2 KB)', output },
    });
    const item = log().locator('.tool-call');
    await item.locator('summary').click();
    const sentLabel = de('Sent to the model ({0} characters)', new Intl.NumberFormat('de').format(output.length));
    assert.equal(sentLabel, 'An das Modell gesendet (1.245 Zeichen)');
    assert.equal(await item.locator('.tool-call-result .tool-call-label').textContent(), sentLabel);
    assert.equal(await item.getByRole('region', { name: 'Ergebnis von read_file' }).textContent(), output);
    assert.equal(await item.locator('.tool-call-body > .tool-call-label').first().textContent(), 'Argumente');
  });

  it('an error says its title, hint, status and request id in German, with Wiederholen, and is announced once', async () => {
    await app.host(init({ active: conversation('c1', [message('user', 'q')]) }));
    const answer = message('assistant', '', { status: 'streaming' });
    await app.host({ type: 'streamStart', conversationId: 'c1', message: answer });
    await app.host({
      type: 'streamEnd',
      conversationId: 'c1',
      messageId: answer.id,
      status: 'error',
      error: { kind: 'rateLimited', status: 429, message: 'Rate limit exceeded', requestId: 'req_42', retryable: true },
    });
    const view = log().locator('.error-view');
    assert.equal(await view.getByRole('heading').textContent(), 'Anfragelimit erreicht');
    assert.equal(
      await view.locator('.error-hint').textContent(),
      'Zu viele Anfragen. Warten Sie einen Moment, und versuchen Sie es dann erneut.',
    );
    assert.equal(await view.locator('.error-status').textContent(), 'HTTP 429');
    assert.equal(await view.locator('.error-message').textContent(), 'Rate limit exceeded', "the server's own words stay as sent");
    assert.match((await view.locator('.error-request-id').textContent()) ?? '', /^Anfrage-ID: req_42$/);
    assert.equal(await view.getByRole('button', { name: 'Anfrage-ID kopieren' }).count(), 1);
    assert.equal(await view.getByRole('button', { name: 'Wiederholen' }).count(), 1);
    const announcer = page().locator('.message-list > [role="status"]');
    assert.equal(
      await announcer.textContent(),
      de('Error: {0}. {1}', 'Anfragelimit erreicht', 'Zu viele Anfragen. Warten Sie einen Moment, und versuchen Sie es dann erneut.'),
    );
    assert.match((await announcer.textContent()) ?? '', /^Fehler: Anfragelimit erreicht\. Zu viele Anfragen/);
  });

  it('writes tokens, cost and dates the German way, and the history in German', async () => {
    const answer = message('assistant', 'Fertig.', {
      status: 'done',
      usage: { promptTokens: 1234, completionTokens: 56, cachedTokens: 1000, cost: 0.0012 },
    });
    await app.host(init({ active: conversation('c1', [message('user', 'q'), answer]) }));
    // Intl's German: a dot groups thousands, a comma before the decimals, the currency sign after (with a no-break space).
    const numbers = (await log().locator('.usage-footer .usage-numbers').textContent())?.replace(/\u00a0/g, ' ');
    assert.equal(numbers, '1.234 ein · 56 aus · 1.000 im Cache · 0,0012 $');
    assert.equal(await log().locator('.usage-footer .visually-hidden').textContent(), 'Tokens und Kosten: ');
    const total = (await page().locator('.conversation-total').textContent())?.replace(/\u00a0/g, ' ');
    assert.equal(total, 'Summe der Unterhaltung: 1.234 ein · 56 aus · 1.000 im Cache · 0,0012 $');

    await button('Verlauf').click();
    const history = page().getByRole('region', { name: 'Verlauf' });
    assert.equal(await history.getByRole('searchbox', { name: 'Unterhaltungen durchsuchen' }).count(), 1);
    // SUMMARIES are dated 1-3 January 2026: German month names.
    const dates = await history.locator('.history-date').allTextContents();
    assert.equal(dates.length, 3);
    for (const date of dates) assert.match(date, /^\d\. Jan\.?,? \d\d:\d\d$/, date);
    assert.equal(await history.getByRole('button', { name: 'Regex help umbenennen' }).count(), 1);
    await history.getByRole('button', { name: 'Regex help löschen' }).click();
    assert.equal(await history.locator('.history-confirm-text').textContent(), '„Regex help“ löschen?');
    assert.deepEqual([await button('Löschen bestätigen').textContent(), await button('Abbrechen').textContent()], ['Löschen', 'Abbrechen']);
    await page().getByRole('searchbox', { name: 'Unterhaltungen durchsuchen' }).fill('nichts dergleichen');
    assert.equal(await history.locator('.history-empty').textContent(), 'Keine passenden Unterhaltungen.');
  });
});
