/**
 * The pure cores (src/core/) translate with `@vscode/l10n`, which activation hands VS Code's bundle for the
 * display language (src/adapters/coreL10n.ts). Here the German bundle is given directly, as VS Code would in a
 * German window: the words the user reads come out German with their values filled in, while the text that goes
 * to a model or to Cline stays English. Reset to English afterwards, so the other tests read the source text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { ClineError } from '../../../src/core/cline/clineError';
import { failureActionLabel, presentFailure } from '../../../src/core/cline/clineFailures';
import { describeTool } from '../../../src/core/tasks/taskText';
import { BUILT_IN_TEMPLATES, validateUserTemplates } from '../../../src/core/prompts';
import { errorFromResponse, networkError, timeoutError } from '../../../src/core/chat/errors';
import { roundLimitNote, NOT_RUN_AFTER_LIMIT_TEXT } from '../../../src/core/chat/chatSession';
import { titleFrom } from '../../../src/core/chat/chatController';
import { DECLINED_TEXT } from '../../../src/core/chat/toolRound';
import { formatProblems } from '../../../src/core/tools/problems';

const german = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.de.json'), 'utf8')) as Record<string, string>;

describe('the cores in German (@vscode/l10n given the German bundle)', () => {
  before(() => l10n.config({ contents: german }));
  after(() => {
    l10n.config({ contents: {} });
    // Back to the source text for every later test.
    assert.equal(failureActionLabel('installCline'), 'Install Cline');
  });

  it('a Cline failure: the sentence with its cause, the kept-draft sentence, the buttons', () => {
    const shown = presentFailure(new ClineError('activationFailed', 'remote config unreachable'), {
      hasPrompt: true,
      draftKept: true,
      canRetry: false,
    });
    assert.equal(
      shown.message,
      'Cline konnte nicht gestartet werden: remote config unreachable. Ihr Text bleibt erhalten: Führen Sie den Befehl erneut aus, um ihn zu bearbeiten und erneut zu senden.',
    );
    assert.deepEqual(
      shown.actions.map((a) => failureActionLabel(a)),
      ['Protokoll anzeigen', 'Prompt kopieren'],
    );
    const call = presentFailure(new ClineError('callFailed', 'socket closed', { method: 'sendMessage' }), {
      hasPrompt: false,
      draftKept: false,
      canRetry: true,
    });
    assert.equal(call.message, 'Cline konnte die Nachricht nicht senden: socket closed.');
    assert.equal(failureActionLabel(call.actions[0]), 'Wiederholen');
  });

  it('a built-in template: its title German, its prompt (for Cline) English', () => {
    assert.equal(BUILT_IN_TEMPLATES.writeTests.title, 'Tests schreiben');
    assert.equal(BUILT_IN_TEMPLATES.reviewChanges.title, 'Änderungen prüfen');
    assert.match(BUILT_IN_TEMPLATES.writeTests.prompt, /^Write unit tests for \{\{symbol\}\}/);
    // Read when used: a copy taken now carries the German title.
    assert.equal({ ...BUILT_IN_TEMPLATES.explain }.title, 'Erklären');
  });

  it('what a waiting task asks, with the command line in it', () => {
    assert.equal(describeTool({ name: 'execute_command', parameters: { command: 'npm test' } }), '`npm test` ausführen?');
  });

  it('a problem with the user\u2019s templates, with its number and id', () => {
    const { problems } = validateUserTemplates([{ id: 'explain', prompt: 'x' }]);
    assert.deepEqual(problems, [
      'Vorlage Nr. 1 verwendet die id „explain“ einer integrierten Vorlage; übersprungen. Wählen Sie eine andere id.',
    ]);
  });

  it('chat errors: a network failure with its host, a bare status, a timeout', () => {
    const refused = networkError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'https://api.cline.bot/api/v1');
    assert.equal(
      refused.message,
      'Die Verbindung wurde von api.cline.bot abgelehnt. Prüfen Sie die Basis-URL und Ihre Proxyeinstellungen.',
    );
    assert.equal(errorFromResponse(404, '<html>not here</html>').message, 'Nicht gefunden (HTTP 404)');
    assert.equal(timeoutError(30_000).message, 'Seit 30 Sekunden keine Daten vom Server; die Anfrage wurde abgebrochen.');
  });

  it('notes and summaries the chat shows are German; what the model reads stays English', () => {
    assert.equal(
      roundLimitNote(3),
      'Nach 3 Runden von Toolaufrufen (die Grenze, clineCompanion.chat.tools.maxRounds) wurde das Modell gebeten, mit dem zu antworten, was es gelesen hat.',
    );
    assert.equal(titleFrom('   '), 'Neuer Chat');
    const problems = formatProblems(
      [
        { path: '/w/a.ts', line: 1, column: 1, severity: 'error', message: 'boom' },
        { path: '/w/b.ts', line: 2, column: 1, severity: 'warning', message: 'hm' },
      ],
      (p) => p.slice('/w/'.length),
      undefined,
    );
    assert.equal(problems.summary, 'Arbeitsbereich: 1 Fehler, 1 Warnung in 2 Dateien');
    assert.match(problems.output, /^1 error, 1 warning in the workspace:/);
    assert.equal(DECLINED_TEXT, 'The user declined this tool call.');
    assert.match(NOT_RUN_AFTER_LIMIT_TEXT, /^Not run: /);
  });
});
