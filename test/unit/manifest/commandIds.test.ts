import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CMD, VIEW } from '../../../src/core/commandIds';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('command ids', () => {
  it('the one table in src/core/commandIds.ts lists exactly the commands package.json contributes', () => {
    const inCode = Object.values(CMD).sort();
    const inManifest = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepEqual(inCode, inManifest);
  });

  it('the view ids in code are the views package.json contributes', () => {
    const views = Object.values(manifest.contributes.views as Record<string, { id: string }[]>)
      .flat()
      .map((v) => v.id)
      .sort();
    assert.deepEqual(Object.values(VIEW).sort(), views);
  });

  it('every command a menu, keybinding or view welcome names is contributed', () => {
    const known = new Set(Object.values(CMD));
    const named: string[] = [];
    for (const items of Object.values(manifest.contributes.menus as Record<string, { command?: string }[]>))
      for (const i of items) if (i.command) named.push(i.command);
    for (const k of manifest.contributes.keybindings as { command: string }[]) named.push(k.command);
    for (const w of (manifest.contributes.viewsWelcome ?? []) as { contents: string }[])
      for (const m of w.contents.matchAll(/command:(clineCompanion\.[A-Za-z]+)/g)) named.push(m[1]);
    assert.deepEqual(
      named.filter((n) => !known.has(n as never)),
      [],
    );
  });
});
