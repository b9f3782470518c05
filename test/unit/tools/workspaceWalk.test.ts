import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { SETTING_DEFAULTS } from '../../../src/core/settingDefaults';
import { FileFilter } from '../../../src/core/tools/fileFilter';
import { nodeWalkFs, walkWorkspace, type WalkEntry, type WalkFs, type WalkOptions } from '../../../src/core/tools/workspaceWalk';
import type { WorkspaceRoot } from '../../../src/core/tools/workspacePaths';

/**
 * A real folder with everything a walk must leave out: excluded, ignored and protected files, links out
 * (file and folder), a link loop, a dangling link, a link to a protected file, a socket (nothing to read).
 */
let tmp: string;
let root: WorkspaceRoot;
let socket: net.Server | undefined;

const filter = new FileFilter({
  clineignore: 'hidden/\n',
  gitignore: 'dist/\n*.log\n',
  excludeGlobs: ['**/node_modules'],
  protectedPatterns: SETTING_DEFAULTS['chat.tools.protectedFiles'],
});

async function setUp(): Promise<void> {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'companion-walk-')));
  const files = [
    'outside/secret.txt',
    'outside/dir/deep.txt',
    'ws/README.md',
    'ws/src/a.ts',
    'ws/src/b.ts',
    'ws/src/sub/c.ts',
    'ws/src/sub/deeper/d.ts',
    'ws/node_modules/x/index.js',
    'ws/.git/config',
    'ws/.env',
    'ws/config/server.key',
    'ws/hidden/h.txt',
    'ws/dist/bundle.js',
    'ws/debug.log',
    'ws/.github/ci.yml',
  ];
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
    fs.writeFileSync(path.join(tmp, file), 'x');
  }
  const link = (target: string, at: string): void => fs.symlinkSync(target, path.join(tmp, 'ws', at));
  link('../outside/secret.txt', 'link-out-file');
  link('../outside', 'link-out-dir');
  link('src/a.ts', 'link-in');
  link('src', 'link-in-dir');
  link('.env', 'link-env');
  link('.', 'link-loop');
  link('../src/sub', 'src/link-up-and-down');
  link('nowhere', 'dangling');
  root = { name: 'ws', fsPath: path.join(tmp, 'ws') };
  const server = net.createServer();
  socket = await new Promise<net.Server | undefined>((resolve) => {
    server.once('error', () => resolve(undefined)); // a path too long for a socket: the test that needs it skips
    server.listen(path.join(tmp, 'ws/src/sock'), () => resolve(server));
  });
}

async function walk(options: WalkOptions = {}, walkFs: WalkFs = nodeWalkFs, f = filter): Promise<WalkEntry[]> {
  const entries: WalkEntry[] = [];
  for await (const entry of walkWorkspace(root, f, walkFs, options)) entries.push(entry);
  return entries;
}
const names = (entries: WalkEntry[]): string[] => entries.map((e) => e.relative + (e.isDir ? '/' : ''));

describe('walkWorkspace', () => {
  before(setUp);
  after(() => {
    socket?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lists exactly the listable files and folders, breadth first, sorted by name in each folder', async () => {
    assert.deepEqual(names(await walk()), [
      '.github/',
      'README.md',
      'config/',
      'link-in',
      'link-in-dir/',
      'src/',
      '.github/ci.yml',
      'src/a.ts',
      'src/b.ts',
      'src/link-up-and-down/',
      'src/sub/',
      'src/sub/c.ts',
      'src/sub/deeper/',
      'src/sub/deeper/d.ts',
    ]);
  });

  it('the socket was there to be left out', function () {
    if (!socket) this.skip();
    assert.ok(fs.lstatSync(path.join(root.fsPath, 'src/sock')).isSocket());
  });

  it('lists one level without recursion', async () => {
    assert.deepEqual(names(await walk({ recursive: false })), ['.github/', 'README.md', 'config/', 'link-in', 'link-in-dir/', 'src/']);
  });

  it('starts at a folder', async () => {
    assert.deepEqual(names(await walk({ start: 'src/sub' })), ['src/sub/c.ts', 'src/sub/deeper/', 'src/sub/deeper/d.ts']);
    assert.deepEqual(names(await walk({ start: './src/sub/', recursive: false })), ['src/sub/c.ts', 'src/sub/deeper/']);
    assert.deepEqual(names(await walk({ start: '.', recursive: false })).length, 6);
  });

  it('starts at a link to a folder inside (asked for explicitly), under the link name', async () => {
    assert.deepEqual(names(await walk({ start: 'link-in-dir', recursive: false })), [
      'link-in-dir/a.ts',
      'link-in-dir/b.ts',
      'link-in-dir/link-up-and-down/',
      'link-in-dir/sub/',
    ]);
  });

  it('lists nothing from a start that is refused or leads out', async () => {
    for (const start of ['node_modules', 'hidden', 'dist', '.git', 'link-out-dir', 'link-out-dir/dir', 'missing', '../outside']) {
      assert.deepEqual(await walk({ start }), [], start);
    }
  });

  it('stops after maxEntries, with the top level first', async () => {
    assert.deepEqual(names(await walk({ maxEntries: 3 })), ['.github/', 'README.md', 'config/']);
    assert.deepEqual(await walk({ maxEntries: 0 }), []);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const entry of walkWorkspace(root, filter, nodeWalkFs, { signal: controller.signal })) {
      seen.push(entry.relative);
      controller.abort();
    }
    // The folder being read is finished, but no other folder is read.
    assert.deepEqual(seen, ['.github', 'README.md', 'config', 'link-in', 'link-in-dir', 'src']);
  });

  it('skips a folder it cannot read and goes on', async () => {
    const failing: WalkFs = {
      ...nodeWalkFs,
      readdir: (dir) => (dir === path.join(root.fsPath, 'src') ? Promise.reject(new Error('EACCES')) : nodeWalkFs.readdir(dir)),
    };
    assert.deepEqual(names(await walk({}, failing)), [
      '.github/',
      'README.md',
      'config/',
      'link-in',
      'link-in-dir/',
      'src/',
      '.github/ci.yml',
    ]);
  });

  it('lists nothing when the folder is gone', async () => {
    const gone: WorkspaceRoot = { name: 'gone', fsPath: path.join(tmp, 'gone') };
    const entries: WalkEntry[] = [];
    for await (const entry of walkWorkspace(gone, filter, nodeWalkFs)) entries.push(entry);
    assert.deepEqual(entries, []);
  });

  it('with no rules at all, still leaves out links out, loops, dangling links and .git', async () => {
    const open = new FileFilter({ excludeGlobs: [], protectedPatterns: [] });
    const top = names(await walk({ recursive: false }, nodeWalkFs, open));
    assert.deepEqual(top, [
      '.env',
      '.github/',
      'README.md',
      'config/',
      'debug.log',
      'dist/',
      'hidden/',
      'link-env',
      'link-in',
      'link-in-dir/',
      'node_modules/',
      'src/',
    ]);
  });
});
