import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { resetStandIn, waitFor } from './helpers';
import { clineInternals, closeAllEditors, exactCalls, withSettings, workspaceUri } from './clineHelpers';

async function ourActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
  return all.filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && a.kind.value.includes('cline'));
}

describe('quick fixes and refactor actions (CodeActionProvider)', () => {
  const broken = () => workspaceUri('src', 'broken.ts');
  const cart = () => workspaceUri('src', 'cart.ts');
  before(async () => {
    await clineInternals();
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
    assert.deepEqual(titles, [['Explain with Cline', 'refactor.cline.explain'], ['Refactor with Cline', 'refactor.rewrite.cline']]);
    assert.deepEqual(await ourActions(cart(), new vscode.Range(20, 4, 20, 4)), []);
  });

  it('clineCompanion.codeActions.enabled = false removes them all', async () => {
    const [problem] = vscode.languages.getDiagnostics(broken());
    await withSettings({ 'codeActions.enabled': false }, async () => {
      assert.deepEqual(await ourActions(broken(), problem.range), []);
      assert.deepEqual(await ourActions(cart(), new vscode.Range(19, 0, 23, 3)), []);
    });
    assert.ok((await ourActions(broken(), problem.range)).some((a) => a.title === 'Fix with Cline'), 'back once re-enabled');
  });
});
