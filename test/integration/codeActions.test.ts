import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { resetStandIn, setStandInBehaviour, standInCalls, waitFor } from './helpers';
import { clineInternals, closeAllEditors, exactCalls, testHooks, withSettings, workspaceUri } from './clineHelpers';

async function ourActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
  return all.filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && a.kind.value.includes('cline'));
}

describe('quick fixes and refactor actions (CodeActionProvider)', () => {
  const broken = () => workspaceUri('src', 'broken.ts');
  const cart = () => workspaceUri('src', 'cart.ts');
  before(async () => {
    await clineInternals();
    // Opened here, not only by earlier suites, so this suite also runs alone (COMPANION_TEST_GREP).
    await vscode.workspace.openTextDocument(cart());
    await vscode.window.showTextDocument(broken());
    await waitFor(() => vscode.languages.getDiagnostics(broken()).length > 0, 'TypeScript diagnostics', 30_000);
  });
  after(closeAllEditors);
  beforeEach(resetStandIn);

  it('"Fix with Cline" is a QuickFix on an error; running it sends the problem, its code and the path', async () => {
    const [problem] = vscode.languages.getDiagnostics(broken());
    const actions = await ourActions(broken(), problem.range);
    const fix = actions.find((a) => a.title === 'Fix with Cline');
    assert.ok(fix, `no Fix with Cline among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.kind?.value, 'quickfix.cline');
    assert.ok(vscode.CodeActionKind.QuickFix.contains(fix.kind!));
    await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));
    const [call] = await exactCalls(1);
    const text = call.args[0] as string;
    assert.match(text, /^Fix the problems reported in src\/broken\.ts at lines 2-5:/);
    assert.ok(text.includes(problem.message), 'the diagnostic message is in the prompt');
    assert.ok(text.includes('const label: string = count;'), 'the code is in the prompt');
  });

  it('"Explain with Cline" and "Refactor with Cline" are refactor actions on a selection, and only then', async () => {
    const selection = new vscode.Range(19, 0, 23, 3);
    const titles = (await ourActions(cart(), selection)).map((a) => [a.title, a.kind?.value]);
    assert.deepEqual(titles, [
      ['Explain with Cline', 'refactor.cline.explain'],
      ['Refactor with Cline', 'refactor.rewrite.cline'],
    ]);
    assert.deepEqual(await ourActions(cart(), new vscode.Range(20, 4, 20, 4)), []);
  });

  it('clineCompanion.codeActions.enabled = false removes them all', async () => {
    const [problem] = vscode.languages.getDiagnostics(broken());
    await withSettings({ 'codeActions.enabled': false }, async () => {
      assert.deepEqual(await ourActions(broken(), problem.range), []);
      assert.deepEqual(await ourActions(cart(), new vscode.Range(19, 0, 23, 3)), []);
    });
    assert.ok(
      (await ourActions(broken(), problem.range)).some((a) => a.title === 'Fix with Cline'),
      'back once re-enabled',
    );
  });
});

describe("quick fixes beside Cline's own code actions", () => {
  const broken = () => workspaceUri('src', 'broken.ts');
  const cart = () => workspaceUri('src', 'cart.ts');
  const selection = new vscode.Range(19, 0, 23, 3);
  const CLINE_OWN = ['Add to Cline', 'Explain with Cline', 'Improve with Cline', 'Fix with Cline'];
  const BESIDE_CLINE = [
    'Write Tests (Cline Companion)',
    'Document (Cline Companion)',
    'Optimize (Cline Companion)',
    'Add to Queue… (Cline Companion)',
  ];
  const problem = () => vscode.languages.getDiagnostics(broken())[0];
  const ourTitles = async (uri: vscode.Uri, range: vscode.Range) => (await ourActions(uri, range)).map((a) => a.title);
  /** Every action the light bulb gets there (Cline's and ours). */
  const allActions = async (uri: vscode.Uri, range: vscode.Range) =>
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
  const allTitles = async (uri: vscode.Uri, range: vscode.Range) => (await allActions(uri, range)).map((a) => a.title);
  /** Cline's own actions, told by their commands (cline.*), since their titles may be ours too. */
  const clineTitles = async (uri: vscode.Uri, range: vscode.Range) =>
    (await allActions(uri, range)).filter((a) => 'kind' in a && a.command?.command.startsWith('cline.')).map((a) => a.title);
  /** Ours notice Cline's own actions coming or going within seconds (they are checked at most every 3 s). */
  const untilOurs = async (uri: vscode.Uri, range: vscode.Range, check: (titles: string[]) => boolean, what: string) => {
    let titles: string[] = [];
    await waitFor(async () => check((titles = await ourTitles(uri, range))), what, 15_000).catch((e: Error) => {
      throw new Error(`${e.message}; ours were ${JSON.stringify(titles)}`);
    });
  };

  before(async () => {
    await clineInternals();
    await vscode.window.showTextDocument(broken());
    await waitFor(() => vscode.languages.getDiagnostics(broken()).length > 0, 'TypeScript diagnostics', 30_000);
    // The light bulb is asked only about open documents.
    await vscode.workspace.openTextDocument(cart());
  });
  after(async () => {
    await resetStandIn();
    await closeAllEditors();
  });
  beforeEach(resetStandIn);

  it('leave out the Fix and Explain Cline has, and offer what it lacks under names of their own; one runs its template', async () => {
    await setStandInBehaviour({ ownCodeActions: true });
    assert.deepEqual(
      (await clineTitles(broken(), problem().range)).sort(),
      [...CLINE_OWN].sort(),
      "the stand-in offers Cline's own actions",
    );
    await untilOurs(cart(), selection, (t) => !t.includes('Explain with Cline'), "ours to notice Cline's own actions");

    assert.deepEqual(await ourTitles(cart(), selection), BESIDE_CLINE);
    assert.deepEqual(await ourTitles(broken(), problem().range), BESIDE_CLINE, 'no Fix of ours on the problem');
    const titles = await allTitles(broken(), problem().range);
    assert.equal(new Set(titles).size, titles.length, `an entry twice: ${JSON.stringify(titles)}`);
    assert.deepEqual(
      (await ourActions(cart(), selection)).map((a) => a.kind?.value),
      ['refactor.cline.template', 'refactor.cline.template', 'refactor.cline.template', 'refactor.cline.queue'],
    );
    // Nothing of ours when only the cursor is there: Cline's own actions are what the light bulb has.
    assert.deepEqual(await ourActions(cart(), new vscode.Range(20, 4, 20, 4)), []);

    const writeTests = (await ourActions(cart(), selection))[0];
    await vscode.commands.executeCommand(writeTests.command!.command, ...(writeTests.command!.arguments ?? []));
    const [call] = await exactCalls(1);
    assert.equal(call.method, 'startNewTask');
    assert.match(call.args[0] as string, /^Write unit tests for .* in src\/cart\.ts \(lines 20-24\)\./);
  });

  it('offer your own templates too, and Add to Queue queues the one you pick for the selection', async () => {
    await setStandInBehaviour({ ownCodeActions: true });
    await untilOurs(cart(), selection, (t) => !t.includes('Explain with Cline'), "ours to notice Cline's own actions");
    const queue = (await testHooks()).cline.tasks.load().service.queue;
    queue.clear();
    try {
      await withSettings(
        { prompts: [{ id: 'review', title: 'Security Review', prompt: 'Review this for injection.\n\n{{code}}' }] },
        async () => {
          const actions = await ourActions(cart(), selection);
          assert.deepEqual(
            actions.map((a) => a.title),
            [...BESIDE_CLINE.slice(0, 3), 'Security Review (Cline Companion)', BESIDE_CLINE[3]],
          );
          const addToQueue = actions[4];
          assert.equal(addToQueue.command?.command, 'clineCompanion.runPrompt');
          // It asks which template (the picker opens on the first one, Explain); Enter queues it.
          const result = vscode.commands.executeCommand<{ ok: boolean }>(
            addToQueue.command!.command,
            ...(addToQueue.command!.arguments ?? []),
          );
          let done = false;
          void result.then(
            () => (done = true),
            () => (done = true),
          );
          await waitFor(async () => {
            if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
            return done;
          }, 'the template picker to take Enter');
          assert.equal((await result).ok, true);
          const queued = queue.items();
          assert.equal(queued.length, 1);
          assert.match(queued[0].prompt, /^Explain /);
          assert.ok(queued[0].prompt.includes('Lines: 20-24'), queued[0].prompt);
          assert.deepEqual(await standInCalls(), [], 'queued, not started');
        },
      );
    } finally {
      queue.clear();
    }
  });

  it("codeActions.showAll: every action of ours beside Cline's, none titled like one of Cline's", async () => {
    await setStandInBehaviour({ ownCodeActions: true });
    await untilOurs(cart(), selection, (t) => !t.includes('Explain with Cline'), "ours to notice Cline's own actions");
    await withSettings({ 'codeActions.showAll': true }, async () => {
      assert.deepEqual(await ourTitles(broken(), problem().range), [
        'Fix (Cline Companion)',
        'Explain (Cline Companion)',
        'Refactor (Cline Companion)',
        ...BESIDE_CLINE,
      ]);
      const titles = await allTitles(broken(), problem().range);
      assert.equal(new Set(titles).size, titles.length, `an entry twice: ${JSON.stringify(titles)}`);
    });
  });

  it("once Cline's own actions are gone (or with showAll and none), ours are as before", async () => {
    await setStandInBehaviour({ ownCodeActions: true });
    await untilOurs(cart(), selection, (t) => !t.includes('Explain with Cline'), "ours to notice Cline's own actions");
    await resetStandIn();
    assert.deepEqual(await clineTitles(cart(), selection), [], 'the stand-in took its actions away');
    await untilOurs(cart(), selection, (t) => t.includes('Explain with Cline'), "ours to notice Cline's own actions are gone");
    assert.deepEqual(await ourTitles(cart(), selection), ['Explain with Cline', 'Refactor with Cline']);
    assert.ok((await ourTitles(broken(), problem().range)).includes('Fix with Cline'));
    await withSettings({ 'codeActions.showAll': true }, async () => {
      assert.deepEqual(await ourTitles(cart(), selection), [
        'Explain with Cline',
        'Refactor with Cline',
        'Write Tests with Cline',
        'Document with Cline',
        'Optimize with Cline',
        'Add to Queue for Cline…',
      ]);
    });
  });
});
