import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateCompanion, EXTENSION_ID } from './helpers';
import { SETTING_DEFAULTS } from '../../src/core/settingDefaults';

describe('activation', () => {
  it('is lazy: the manifest has no "*" or onStartupFinished activation', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const events: string[] = ext.packageJSON.activationEvents ?? [];
    assert.ok(!events.includes('*'), 'activates on *');
    assert.ok(!events.includes('onStartupFinished'), 'activates on onStartupFinished');
  });

  it('activates on exactly the default lens languages, so lenses and quick fixes are there when a file opens', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const languages = (ext.packageJSON.activationEvents as string[]).map((e) => e.replace(/^onLanguage:/, ''));
    assert.deepEqual([...languages].sort(), [...SETTING_DEFAULTS['codeLens.languages']].sort());
  });

  it('activates and registers every contributed command', async () => {
    const ext = await activateCompanion();
    assert.equal(ext.isActive, true);
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: { command: string }[] = ext.packageJSON.contributes.commands;
    assert.ok(contributed.length > 0);
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });
});
