import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { clineInternals, run, workspaceUri } from './clineHelpers';

describe('Cline missing', () => {
  it('the host has no Cline', () => {
    assert.equal(vscode.extensions.getExtension('saoudrizwan.claude-dev'), undefined);
  });

  it('startTask: "not installed", with Install Cline and Copy Prompt, and the text kept for the next run', async () => {
    const internals = await clineInternals();
    assert.equal(internals.bridge.state().availability, 'missing');
    const result = await run('clineCompanion.startTask', 'Add a dark theme');
    assert.equal(!result.ok && result.reason, 'notInstalled');
    const shown = internals.notifier.lastShown!;
    assert.equal(shown.severity, 'warning');
    assert.match(
      shown.message,
      /^Cline is not installed\. Cline Companion sends tasks to the Cline extension \(saoudrizwan\.claude-dev\)\. Your text is kept/,
    );
    assert.deepEqual(shown.labels, ['Install Cline', 'Copy Prompt']);
    assert.equal(internals.memory.draft('task'), 'Add a dark theme');
    await shown.choose('Copy Prompt');
    assert.equal(await vscode.env.clipboard.readText(), 'Add a dark theme');
  });

  it('a template command: Copy Prompt offers the whole prompt; nothing typed, so no draft', async () => {
    const internals = await clineInternals();
    await internals.memory.setDraft('task', undefined);
    const cart = workspaceUri('src', 'cart.ts');
    const result = await run('clineCompanion.explain', cart, new vscode.Range(19, 0, 23, 3));
    assert.equal(!result.ok && result.reason, 'notInstalled');
    assert.match(result.prompt ?? '', /^Explain the following typescript code from src\/cart\.ts \(lines 20-24\)/);
    const shown = internals.notifier.lastShown!;
    assert.doesNotMatch(shown.message, /Your text is kept/);
    await shown.choose('Copy Prompt');
    assert.equal(await vscode.env.clipboard.readText(), result.prompt);
    assert.equal(internals.memory.draft('task'), undefined);
  });

  it('approve and focusCline: "not installed", and no Copy Prompt where there is no prompt', async () => {
    const internals = await clineInternals();
    const approved = await run('clineCompanion.approve');
    assert.equal(!approved.ok && approved.reason, 'notInstalled');
    assert.deepEqual(internals.notifier.lastShown!.labels, ['Install Cline']);
    const focused = await run('clineCompanion.focusCline');
    assert.equal(!focused.ok && focused.reason, 'notInstalled');
  });
});
