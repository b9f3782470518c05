import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { candidateExtensionDirs, findExtensionOnDisk } from '../../../src/core/cline/findExtensionOnDisk';

const ID = 'saoudrizwan.claude-dev';

function install(dir: string, folder: string): string {
  const at = path.join(dir, folder);
  fs.mkdirSync(at, { recursive: true });
  fs.writeFileSync(path.join(at, 'package.json'), '{}');
  return at;
}

describe('findExtensionOnDisk (telling "disabled" from "not installed")', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-dirs-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds <id>-<version>, case-insensitively, with or without a platform suffix', async () => {
    const dir = path.join(root, 'extensions');
    const at = install(dir, 'SaoudRizwan.claude-dev-4.1.3-linux-x64');
    assert.equal(await findExtensionOnDisk(ID, [path.join(root, 'nowhere'), dir]), at);
  });

  it('ignores other extensions with a similar name, and folders without a manifest', async () => {
    const dir = path.join(root, 'extensions');
    install(dir, 'saoudrizwan.claude-dev-nightly-1.0.0');
    fs.mkdirSync(path.join(dir, 'saoudrizwan.claude-dev-4.0.0'), { recursive: true });
    assert.equal(await findExtensionOnDisk(ID, [dir]), undefined);
  });

  it('an uninstall waiting for a restart (.obsolete) does not count', async () => {
    const dir = path.join(root, 'extensions');
    install(dir, 'saoudrizwan.claude-dev-4.1.3');
    fs.writeFileSync(path.join(dir, '.obsolete'), JSON.stringify({ 'saoudrizwan.claude-dev-4.1.3': true }));
    assert.equal(await findExtensionOnDisk(ID, [dir]), undefined);
  });

  it('when extensions.json exists, the id must be listed in it', async () => {
    const dir = path.join(root, 'extensions');
    const at = install(dir, 'saoudrizwan.claude-dev-4.1.3');
    fs.writeFileSync(path.join(dir, 'extensions.json'), JSON.stringify([{ identifier: { id: 'other.ext' } }]));
    assert.equal(await findExtensionOnDisk(ID, [dir]), undefined);
    fs.writeFileSync(path.join(dir, 'extensions.json'), JSON.stringify([{ identifier: { id: ID } }]));
    assert.equal(await findExtensionOnDisk(ID, [dir]), at);
  });

  it('candidate folders: beside installed extensions, $VSCODE_EXTENSIONS, the server data layout, the home defaults', () => {
    const dirs = candidateExtensionDirs({
      installedExtensionPaths: ['/u/.vscode/extensions/a.b-1.0.0', '/u/.vscode/extensions/c.d-2.0.0'],
      envExtensionsDir: '/portable/ext',
      globalStoragePath: '/srv/.vscode-server/data/User/globalStorage/cline-companion.cline-companion',
      homeDir: '/u',
    });
    assert.equal(dirs[0], path.resolve('/u/.vscode/extensions'));
    assert.equal(dirs.filter((d) => d === path.resolve('/u/.vscode/extensions')).length, 1, 'no duplicates');
    for (const expected of [
      '/portable/ext',
      '/srv/.vscode-server/data/extensions',
      '/srv/.vscode-server/extensions',
      '/u/.cursor/extensions',
    ]) {
      assert.ok(dirs.includes(path.resolve(expected)), `${expected} in ${dirs.join(', ')}`);
    }
  });
});
