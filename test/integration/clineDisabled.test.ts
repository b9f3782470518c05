import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
describe('Cline disabled', () => {
  it('the host does not load the disabled Cline', () => {
    assert.equal(vscode.extensions.getExtension('saoudrizwan.claude-dev'), undefined);
  });
});
