/**
 * Cline Companion in German, in the real workbench: VS Code started with `--locale de` (and the stand-in German
 * language pack, see test/host/languagePack.ts) shows our German command titles in the palette (package.nls.de.json),
 * and our German notifications, quick picks and status bar text (l10n/bundle.l10n.de.json through vscode.l10n and
 * @vscode/l10n), and the Quick Chat's webview in German (the host hands it the same bundle). VS Code's own words
 * stay English: the stand-in pack translates none of them.
 */
import { strict as assert } from 'node:assert';
import { toast, until, Workbench } from './workbench';

describe('in German (--locale de)', function () {
  this.timeout(180_000);
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open({ locale: 'de' });
  });

  after(async () => {
    await wb?.close();
  });

  it('a notification of ours is German', async () => {
    await wb.runCommand('Cline Companion: API-Schlüssel löschen', { exact: true });
    await toast(wb, /Cline Companion: API-Schlüssel gelöscht\./).waitFor();
  });

  it('the status bar item speaks German (a pure module, translated with @vscode/l10n)', async () => {
    const item = wb.page.locator('.part.statusbar').getByRole('button', { name: /^Cline: .*Klicken Sie für Cline-Aktionen\.$/ });
    await item.first().waitFor();
  });

  it('the Quick Chat speaks German: the host sends its webview the same bundle, the page language and title', async () => {
    await wb.runCommand('Cline Companion: Quick Chat öffnen', { exact: true });
    const chat = wb.webview();
    const box = chat.getByRole('textbox', { name: 'Nachricht' });
    await box.waitFor({ timeout: 60_000 });
    assert.equal(await chat.locator('html').getAttribute('lang'), 'de');
    assert.equal(await box.getAttribute('placeholder'), 'Cline fragen… (@ für Kontext, Umschalt+Eingabe für neue Zeile)');
    assert.equal(await chat.getByRole('button', { name: 'Senden', exact: true }).getAttribute('title'), 'Senden (Eingabe)');
    for (const name of ['Verlauf', 'Neuer Chat']) {
      assert.equal(await chat.getByRole('button', { name, exact: true }).count(), 1, `the ${name} button`);
    }
    // The empty state of a new window, drawn after the host's init.
    const empty = chat.locator('.empty-state');
    await empty.getByRole('heading', { name: 'Cline fragen' }).waitFor();
    assert.match((await empty.textContent()) ?? '', /Schnelle Fragen, beantwortet in der Seitenleiste\. Probieren Sie eine davon:/);
    assert.equal(
      await empty.getByRole('list', { name: 'Beispielfragen' }).getByRole('button').first().textContent(),
      'Erkläre den Unterschied zwischen let, const und var in JavaScript',
    );
    for (const name of ['Erste Schritte', 'API-Schlüssel festlegen']) {
      assert.equal(await empty.getByRole('button', { name, exact: true }).count(), 1, `the ${name} button`);
    }
    assert.equal(await chat.getByText('Ask Cline', { exact: true }).count(), 0, 'no English left in the empty state');
    await wb.screenshot('german-quick-chat');
  });

  it('the template picker shows the built-in templates by their German titles (built in src/core/, @vscode/l10n)', async () => {
    // The command is offered in the palette while an editor is open.
    await wb.openFile('src/sample.ts');
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await until('the template picker in German', async () => {
      await wb.runCommand('Cline Companion: Promptvorlage mit Cline ausführen…', { exact: true });
      return await rows
        .filter({ hasText: 'Tests schreiben' })
        .first()
        .waitFor({ timeout: 3000 })
        .then(() => true)
        .catch(() => undefined);
    });
    for (const title of ['Erklären', 'Änderungen prüfen', 'TODO umsetzen']) {
      assert.ok(await rows.filter({ hasText: title }).count(), `"${title}" in the template picker`);
    }
    assert.equal(await rows.filter({ hasText: 'Write Tests' }).count(), 0, 'no English title left');
    await wb.page.keyboard.press('Escape');
  });

  it('the palette lists our commands by their German titles, and the Cline actions are German', async () => {
    const input = wb.page.locator('.quick-input-widget input');
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    // A late focus change (the extension host settling) can close the quick pick as it opens: open it again then.
    await until('the Cline actions in German', async () => {
      await wb.runCommand('Cline Companion: Cline-Aktionen…', { exact: true });
      return await rows
        .filter({ hasText: 'Cline-Aufgabe starten…' })
        .first()
        .waitFor({ timeout: 3000 })
        .then(() => true)
        .catch(() => undefined);
    });
    for (const label of ['Nachricht an Cline senden…', 'Genehmigen', 'Ablehnen', 'Cline anzeigen', 'Protokoll anzeigen']) {
      assert.ok(await rows.filter({ hasText: label }).count(), `"${label}" in the Cline actions`);
    }
    assert.equal(await input.getAttribute('placeholder'), 'Cline-Aktion');
    assert.equal(await rows.filter({ hasText: 'Start Cline Task…' }).count(), 0, 'no English action left');
    await wb.screenshot('german-cline-actions');
    await wb.page.keyboard.press('Escape');
  });

  it('the Get Started walkthrough is German, its pages too (a translated path in package.nls.de.json)', async () => {
    await wb.runCommand('Cline Companion: Erste Schritte', { exact: true });
    await wb.page.getByText('Erste Schritte mit Cline Companion', { exact: true }).first().waitFor();
    await wb.page
      .getByRole('button', { name: /Cline-API-Schlüssel festlegen/ })
      .first()
      .click();
    // The step's page is a Markdown file VS Code renders in a webview of its own: look for its heading in every frame.
    const heading = await until('the German page of the key step', async () => {
      for (const frame of wb.page.frames()) {
        const found = frame.getByRole('heading', { name: 'Der API-Schlüssel', exact: true });
        if (await found.count().catch(() => 0)) return found;
      }
      return undefined;
    });
    assert.match((await heading.first().textContent()) ?? '', /Der API-Schlüssel/);
    for (const frame of wb.page.frames()) {
      assert.equal(
        await frame
          .getByRole('heading', { name: 'The API key', exact: true })
          .count()
          .catch(() => 0),
        0,
        'no English page',
      );
    }
  });
});
