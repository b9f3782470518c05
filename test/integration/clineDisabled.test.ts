import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { clineInternals, run } from './clineHelpers';

describe('Cline disabled', () => {
  it('the host does not load the disabled Cline', () => {
    assert.equal(vscode.extensions.getExtension('saoudrizwan.claude-dev'), undefined);
  });

  it('startTask: "installed but disabled" (its folder is on disk), with Enable Cline, Reload Window and Copy Prompt', async () => {
    const internals = await clineInternals();
    const result = await run('clineCompanion.startTask', 'Write the release notes');
    assert.equal(!result.ok && result.reason, 'disabled');
    const shown = internals.notifier.lastShown!;
    assert.match(shown.message, /^Cline is installed but disabled\./);
    assert.deepEqual(shown.labels, ['Enable Cline', 'Reload Window', 'Copy Prompt']);
    assert.equal(internals.memory.draft('task'), 'Write the release notes');
  });
});
