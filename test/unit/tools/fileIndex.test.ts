import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SETTING_DEFAULTS } from '../../../src/core/settingDefaults';
import { FileFilter } from '../../../src/core/tools/fileFilter';
import { FileIndex, type FileIndexOptions } from '../../../src/core/tools/fileIndex';
import type { WorkspaceRoot } from '../../../src/core/tools/workspacePaths';
import { nodeWalkFs, type WalkFs } from '../../../src/core/tools/workspaceWalk';

let tmp: string;
let app: WorkspaceRoot;
let lib: WorkspaceRoot;

const filter = (): FileFilter =>
  new FileFilter({
    gitignore: 'dist/\n',
    excludeGlobs: ['**/node_modules'],
    protectedPatterns: SETTING_DEFAULTS['chat.tools.protectedFiles'],
  });

function write(relative: string, text = 'x'): void {
  fs.mkdirSync(path.dirname(path.join(tmp, relative)), { recursive: true });
  fs.writeFileSync(path.join(tmp, relative), text);
}

function setUp(): void {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'companion-index-')));
  for (const file of [
    'outside/secret.txt',
    'app/README.md',
    'app/src/index.ts',
    'app/src/config.ts',
    'app/src/ui/app.ts',
    'app/src/ui/button.tsx',
    'app/test/index.test.ts',
    'app/node_modules/pkg/index.js',
    'app/dist/index.js',
    'app/.env',
    'lib/src/index.ts',
    'lib/package.json',
  ]) {
    write(file);
  }
  fs.symlinkSync('../outside/secret.txt', path.join(tmp, 'app/leak.ts'));
  app = { name: 'app', fsPath: path.join(tmp, 'app') };
  lib = { name: 'lib', fsPath: path.join(tmp, 'lib') };
}

const newIndex = (options: Partial<FileIndexOptions> = {}): FileIndex =>
  new FileIndex({ roots: [app], filterFor: filter, fs: nodeWalkFs, ...options });

/** Every indexed path (folders with a trailing /), sorted. */
const all = (index: FileIndex): string[] =>
  index
    .suggest('', 10_000)
    .map((s) => s.path + (s.isDir ? '/' : ''))
    .sort();

describe('FileIndex', () => {
  beforeEach(setUp);
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is built lazily, once, from a filtered walk', async () => {
    let reads = 0;
    const counting: WalkFs = { ...nodeWalkFs, readdir: (dir) => (reads++, nodeWalkFs.readdir(dir)) };
    const index = newIndex({ fs: counting });
    assert.equal(reads, 0, 'nothing read before first use');
    assert.equal(index.isReady, false);
    await Promise.all([index.ready(), index.ready()]);
    const afterBuild = reads;
    await index.ready();
    assert.equal(reads, afterBuild, 'built once');
    assert.equal(index.isReady, true);
    assert.deepEqual(all(index), [
      'README.md',
      'src/',
      'src/config.ts',
      'src/index.ts',
      'src/ui/',
      'src/ui/app.ts',
      'src/ui/button.tsx',
      'test/',
      'test/index.test.ts',
    ]);
    assert.equal(index.size, 9);
  });

  it('suggests the best matches first, files and folders, at most `limit`', async () => {
    const index = newIndex();
    await index.ready();
    const suggestions = index.suggest('index', 10);
    assert.deepEqual(
      suggestions.map((s) => s.path),
      ['src/index.ts', 'test/index.test.ts'],
    );
    assert.ok(suggestions[0].score >= suggestions[1].score);
    assert.deepEqual(index.suggest('ui', 1), [{ path: 'src/ui', isDir: true, score: index.suggest('ui', 1)[0].score }]);
    assert.deepEqual(index.suggest('index', 0), []);
    assert.deepEqual(index.suggest('nothing-like-this', 10), []);
  });

  it('breaks ties by the shorter path, and gives the shortest paths for an empty query', async () => {
    write('app/a/x.md');
    write('app/a/b/x.md');
    const index = newIndex();
    await index.ready();
    const ranked = index.suggest('x.md', 10).map((s) => s.path);
    assert.deepEqual(ranked, ['a/x.md', 'a/b/x.md']);
    assert.deepEqual(
      index.suggest('', 3).map((s) => s.path),
      ['a', 'a/b', 'src'],
    );
  });

  it('prefixes paths with the folder name when there are several folders', async () => {
    const index = newIndex({ roots: [app, lib] });
    await index.ready();
    assert.deepEqual(
      index.suggest('src/index', 10).map((s) => s.path),
      ['app/src/index.ts', 'lib/src/index.ts'],
    );
    assert.ok(all(index).includes('lib/package.json'));
  });

  it('add: a new file appears; an excluded, protected, linked-out or linked-to-protected one does not', async () => {
    const index = newIndex();
    await index.ready();
    write('app/src/newFile.ts');
    write('app/node_modules/pkg/other.js');
    write('app/src/.env.local');
    fs.symlinkSync('../../outside/secret.txt', path.join(tmp, 'app/src/leak2.ts'));
    await index.add('src/newFile.ts', false);
    await index.add('node_modules/pkg/other.js', false);
    await index.add('src/.env.local', false);
    await index.add('src/leak2.ts', false);
    await index.add('src/missing.ts', false);
    fs.symlinkSync('../.env', path.join(tmp, 'app/src/notes.ts'));
    await index.add('src/notes.ts', false);
    assert.deepEqual(index.suggest('notes', 10), [], 'a link to a protected file');
    assert.deepEqual(
      index.suggest('newfile', 10).map((s) => s.path),
      ['src/newFile.ts'],
    );
    assert.deepEqual(index.suggest('other', 10), []);
    assert.deepEqual(index.suggest('env', 10), []);
    assert.deepEqual(index.suggest('leak', 10), []);
    assert.deepEqual(index.suggest('missing', 10), []);
  });

  it('add: a folder moved in comes with what is in it, and its parents', async () => {
    const index = newIndex();
    await index.ready();
    write('app/docs/guide/intro.md');
    write('app/docs/guide/.env');
    await index.add('docs/guide', true);
    assert.deepEqual(
      all(index).filter((p) => p.startsWith('docs')),
      ['docs/', 'docs/guide/', 'docs/guide/intro.md'],
    );
  });

  it('add: a link to a file inside is listed, a file below a link to a folder is not', async () => {
    const index = newIndex();
    await index.ready();
    fs.symlinkSync('src/config.ts', path.join(tmp, 'app/config-link.ts'));
    fs.symlinkSync('src', path.join(tmp, 'app/src-link'));
    await index.add('config-link.ts', false);
    await index.add('src-link', true);
    await index.add('src-link/index.ts', false);
    assert.ok(all(index).includes('config-link.ts'));
    assert.ok(all(index).includes('src-link/'));
    assert.ok(!all(index).includes('src-link/index.ts'));
  });

  it('add before the build started does nothing (the build will see the file)', async () => {
    const index = newIndex();
    await index.add('src/config.ts', false);
    assert.equal(index.size, 0);
    await index.ready();
    assert.equal(index.size, 9);
  });

  it('remove: a file, or a folder with everything under it', async () => {
    const index = newIndex();
    await index.ready();
    index.remove('README.md');
    index.remove('src/ui');
    assert.deepEqual(all(index), ['src/', 'src/config.ts', 'src/index.ts', 'test/', 'test/index.test.ts']);
    index.remove('src/');
    assert.deepEqual(all(index), ['test/', 'test/index.test.ts']);
    index.remove('not/there');
    assert.equal(index.size, 2);
  });

  it('remove during the build: stays removed though the walk saw the file', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: WalkFs = {
      ...nodeWalkFs,
      readdir: async (dir) => {
        const entries = await nodeWalkFs.readdir(dir);
        if (dir.endsWith(path.join('app', 'src', 'ui'))) await gate;
        return entries;
      },
    };
    const index = newIndex({ fs: slow });
    const building = index.ready();
    await new Promise((resolve) => setTimeout(resolve, 50));
    index.remove('src/config.ts'); // already walked
    index.remove('src/ui/app.ts'); // not walked yet (its folder is being read)
    release();
    await building;
    const paths = all(index);
    assert.ok(!paths.includes('src/config.ts'));
    assert.ok(!paths.includes('src/ui/app.ts'));
    assert.ok(paths.includes('src/ui/button.tsx'));
  });

  it('many removals compact the arrays without losing or mixing up entries', async () => {
    for (let i = 0; i < 1600; i++) write(`app/gen/f${i}.ts`);
    const index = newIndex();
    await index.ready();
    for (let i = 0; i < 1600; i++) if (i % 3 !== 0) index.remove(`gen/f${i}.ts`);
    assert.equal(index.size, 9 + 1 + 534);
    assert.deepEqual(
      index.suggest('f1598', 5).map((s) => s.path),
      [],
    );
    assert.deepEqual(
      index.suggest('gen/f1599', 5).map((s) => s.path),
      ['gen/f1599.ts'],
    );
    index.remove('gen/f1599.ts');
    assert.deepEqual(index.suggest('gen/f1599', 5), [], 'removed by its slot after the compaction');
    await index.add('gen/f1598.ts', false);
    assert.deepEqual(
      index.suggest('gen/f1598', 5).map((s) => s.path),
      ['gen/f1598.ts'],
    );
  });

  it('narrowing the query while typing gives what a fresh search gives, also after a change', async () => {
    for (let i = 0; i < 50; i++) write(`app/gen/service${i}.ts`);
    const index = newIndex();
    await index.ready();
    const typed = ['s', 'se', 'ser', 'serv', 'servi', 'servic', 'service', 'service4'];
    const answers = typed.map((q) => index.suggest(q, 5).map((s) => s.path));
    const again = newIndex();
    await again.ready();
    assert.deepEqual(
      answers,
      typed.map((q) => again.suggest(q, 5).map((s) => s.path)),
    );
    // A file added between two keystrokes is found by the next one.
    write('app/gen/service4zzz.ts');
    await index.add('gen/service4zzz.ts', false);
    assert.ok(
      index
        .suggest('service4z', 5)
        .map((s) => s.path)
        .includes('gen/service4zzz.ts'),
    );
  });

  it('keeps at most maxEntries and says it is truncated', async () => {
    const index = newIndex({ maxEntries: 4 });
    await index.ready();
    assert.equal(index.size, 4);
    assert.equal(index.isTruncated, true);
    const full = newIndex();
    await full.ready();
    assert.equal(full.isTruncated, false);
  });

  it('takes watcher paths with backslashes or a trailing slash', async () => {
    const index = newIndex();
    await index.ready();
    write('app/docs/a.md');
    await index.add('docs\\', true);
    assert.ok(all(index).includes('docs/'));
    assert.ok(all(index).includes('docs/a.md'));
    assert.ok(!all(index).includes('docs\\/'));
    index.remove('docs/');
    assert.ok(!all(index).some((p) => p.startsWith('docs')));
  });

  it('add keeps to maxEntries too', async () => {
    const index = newIndex({ maxEntries: 9 });
    await index.ready();
    assert.equal(index.isTruncated, false);
    write('app/one-more.md');
    await index.add('one-more.md', false);
    assert.equal(index.size, 9);
    assert.equal(index.isTruncated, true);
  });

  it('an add that is still checking when the index is reset adds nothing to the new index', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let hold = false;
    const slow: WalkFs = {
      ...nodeWalkFs,
      realpath: async (p) => {
        if (hold && p.endsWith('late.md')) await gate;
        return nodeWalkFs.realpath(p);
      },
    };
    const index = newIndex({ fs: slow });
    await index.ready();
    write('app/late.md');
    hold = true;
    const adding = index.add('late.md', false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    index.reset();
    hold = false;
    release();
    await adding;
    assert.equal(index.size, 0, 'nothing before the new build');
  });

  it('reset forgets everything and builds again on next use', async () => {
    const index = newIndex();
    await index.ready();
    write('app/later.md');
    index.reset();
    assert.equal(index.size, 0);
    assert.equal(index.isReady, false);
    await index.ready();
    assert.ok(all(index).includes('later.md'));
  });

  it('a folder that is gone is skipped, the others are indexed', async () => {
    const gone: WorkspaceRoot = { name: 'gone', fsPath: path.join(tmp, 'gone') };
    const index = newIndex({ roots: [gone, lib] });
    await index.ready();
    assert.deepEqual(all(index), ['lib/package.json', 'lib/src/', 'lib/src/index.ts']);
  });
});
