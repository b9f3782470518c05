import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateCompanion, resetStandIn, standInCalls, waitFor } from './helpers';

describe('clineCompanion.startTask', () => {
  before(activateCompanion);
  beforeEach(resetStandIn);

  it('given a text argument, reaches the stand-in Cline startNewTask with that text', async () => {
    await vscode.commands.executeCommand('clineCompanion.startTask', 'Write a haiku about tests');
    const calls = await waitFor(async () => (await standInCalls()).filter((c) => c.method === 'startNewTask'), 'startNewTask');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].args[0], 'Write a haiku about tests');
  });
});
