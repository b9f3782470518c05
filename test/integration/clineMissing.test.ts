import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
describe('Cline missing', () => {
  it('the host has no Cline', () => {
    assert.equal(vscode.extensions.getExtension('saoudrizwan.claude-dev'), undefined);
  });
});
