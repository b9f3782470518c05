import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SETTING_DEFAULTS } from '../../../src/core/settingDefaults';
import { FileFilter, type FilterSources } from '../../../src/core/tools/fileFilter';
import { ripgrepBinaries } from './toolWorkspace';

const DEFAULT_PROTECTED = SETTING_DEFAULTS['chat.tools.protectedFiles'];
/** VS Code's default files.exclude and search.exclude globs (true-valued ones). */
const VSCODE_EXCLUDES = [
  '**/.git',
  '**/.svn',
  '**/.hg',
  '**/.DS_Store',
  '**/Thumbs.db',
  '**/node_modules',
  '**/bower_components',
  '**/*.code-search',
];

const filter = (sources: Partial<FilterSources> = {}): FileFilter =>
  new FileFilter({ excludeGlobs: [], protectedPatterns: [], ...sources });

describe('FileFilter', () => {
  describe('protected files (the default patterns)', () => {
    const f = filter({ protectedPatterns: DEFAULT_PROTECTED });
    const protectedPaths = [
      '.env',
      '.env.local',
      '.env.production',
      'config/.env',
      'deep/a/b/.env.test',
      'prod.env',
      '.ENV',
      'Config/.Env.Local',
      'certs/server.pem',
      'server.key',
      'keys/CLIENT.P12',
      'win/cert.pfx',
      'android/release.jks',
      'app.keystore',
      'id_rsa',
      'id_rsa.pub',
      'home/.ssh/id_ed25519',
      'id_ecdsa_sk',
      'id_dsa',
      '.npmrc',
      'packages/a/.npmrc',
      '.yarnrc.yml',
      '.netrc',
      '.pypirc',
      '.pgpass',
      '.git-credentials',
      'public/.htpasswd',
      'gcp/credentials.json',
      '.git/config',
      '.git',
      'sub/module/.git/HEAD',
      '.ssh/known_hosts',
      '.aws/credentials',
      'secrets/db.txt',
      'src/secrets/token',
      'secrets',
      '.secrets/x',
      // A folder whose name is protected hides what is in it (a virtualenv called .env included).
      '.env/lib/site.py',
      'x.pem/inside.txt',
    ];
    for (const p of protectedPaths) it(`protects ${p}`, () => assert.equal(f.isProtected(p), true));

    const ordinary = [
      'src/env.ts',
      'environment.ts',
      'envrc.example.md',
      'docs/keys.md',
      'src/key.ts',
      'keyboard.key.ts',
      'pem.ts',
      'src/rsa_parser.ts',
      'secrets.md',
      'my-secrets/x',
      '.gitignore',
      '.github/workflows/ci.yml',
      'credentials.ts',
      'README.md',
    ];
    for (const p of ordinary) it(`does not protect ${p}`, () => assert.equal(f.isProtected(p), false));

    it('accepts ./ prefixes, backslashes and trailing slashes in the path', () => {
      assert.equal(f.isProtected('./config/.env'), true);
      assert.equal(f.isProtected('config\\.env'), true);
      assert.equal(f.isProtected('secrets/'), true);
    });

    it('never protects the folder itself, and treats a malformed path as protected', () => {
      assert.equal(f.isProtected(''), false);
      assert.equal(f.isProtected('.'), false);
      assert.equal(f.isProtected('../x'), true);
      assert.equal(f.isProtected('/etc/passwd'), true);
      assert.equal(f.isProtected('a//b'), true);
    });

    it('takes user patterns with folders, anchored to the folder root', () => {
      const custom = filter({ protectedPatterns: ['config/prod/**', 'deploy/*.yaml', '*.secret'] });
      assert.equal(custom.isProtected('config/prod/db.json'), true);
      assert.equal(custom.isProtected('config/prod'), true);
      assert.equal(custom.isProtected('deploy/k8s.yaml'), true);
      assert.equal(custom.isProtected('deploy/k8s.yaml.bak'), false);
      assert.equal(custom.isProtected('other/config/prod/db.json'), false);
      assert.equal(custom.isProtected('a/b/c.secret'), true);
    });

    it('an unreadable pattern matches nothing and does not break the others', () => {
      const odd = filter({ protectedPatterns: ['[', '', '   ', '.env'] });
      assert.equal(odd.isProtected('.env'), true);
      assert.equal(odd.isProtected('src/a.ts'), false);
    });
  });

  describe('.clineignore', () => {
    const f = filter({
      clineignore: ['# comment', 'private/', '*.sql', '!keep.sql', '/top-only.txt', 'docs/internal/**', ''].join('\n'),
    });
    const cases: [string, boolean, boolean][] = [
      ['private', true, true],
      ['private/notes.md', false, true],
      ['src/private/deep/x.ts', false, true],
      ['dump.sql', false, true],
      ['db/dump.sql', false, true],
      ['keep.sql', false, false],
      ['top-only.txt', false, true],
      ['sub/top-only.txt', false, false],
      ['docs/internal/a.md', false, true],
      ['docs/public.md', false, false],
      ['src/app.ts', false, false],
      ['# comment', false, false],
    ];
    for (const [p, isDir, ignored] of cases) {
      it(`${ignored ? 'hides' : 'shows'} ${p}${isDir ? '/' : ''}`, () => assert.equal(f.isClineIgnored(p, isDir), ignored));
    }

    it('a file named like an ignored folder is not hidden by a folder-only rule', () => {
      assert.equal(f.isClineIgnored('private', false), false);
    });

    it('is case-insensitive (fails closed on case-insensitive disks)', () => {
      assert.equal(f.isClineIgnored('PRIVATE/notes.md', false), true);
    });

    it('hides nothing when missing or empty, and hides a malformed path', () => {
      for (const text of [undefined, '', '\n# only a comment\n']) {
        const none = filter({ clineignore: text });
        assert.equal(none.isClineIgnored('private/notes.md', false), false);
        assert.equal(none.isClineIgnored('../x', false), true);
      }
    });

    it('is not an exclusion of the listing kind: isExcluded ignores it, isListable does not', () => {
      assert.equal(f.isExcluded('dump.sql', false), false);
      assert.equal(f.isListable('dump.sql', false), false);
    });
  });

  describe('excluded files (.gitignore, files.exclude, search.exclude, .git)', () => {
    const f = filter({
      gitignore: 'dist/\n*.log\n!important.log\n/coverage\nbuild',
      excludeGlobs: [...VSCODE_EXCLUDES, '*.min.js', 'out/**', './generated', '**/*.snap'],
    });
    const cases: [string, boolean, boolean][] = [
      ['.git', true, true],
      ['.git/HEAD', false, true],
      ['sub/.git/config', false, true],
      ['.gitignore', false, false],
      ['node_modules', true, true],
      ['node_modules/lib/index.js', false, true],
      ['packages/a/node_modules/x/y.js', false, true],
      ['.DS_Store', false, true],
      ['a/b/.DS_Store', false, true],
      ['search.code-search', false, true],
      ['app.min.js', false, true],
      // VS Code globs match the whole path: `*.min.js` is the top level only.
      ['src/app.min.js', false, false],
      ['out/main.js', false, true],
      ['out', true, true],
      ['src/out/main.js', false, false],
      ['generated/x.ts', false, true],
      ['src/__snapshots__/a.snap', false, true],
      ['dist', true, true],
      ['dist/bundle.js', false, true],
      ['packages/a/dist/x.js', false, true],
      ['debug.log', false, true],
      ['logs/debug.log', false, true],
      ['important.log', false, false],
      ['coverage/index.html', false, true],
      ['src/coverage/x.ts', false, false],
      ['build', false, true],
      ['src/build/x', false, true],
      ['src/app.ts', false, false],
      ['', true, false],
    ];
    for (const [p, isDir, excluded] of cases) {
      it(`${excluded ? 'excludes' : 'keeps'} ${p || '(the folder)'}${isDir ? '/' : ''}`, () =>
        assert.equal(f.isExcluded(p, isDir), excluded));
    }

    it('.git is excluded even with no rules at all, in any case', () => {
      assert.equal(filter().isExcluded('.git/config', false), true);
      assert.equal(filter().isExcluded('.GIT/config', false), true);
    });

    it('VS Code globs are case-sensitive', () => {
      assert.equal(f.isExcluded('OUT/main.js', false), false);
    });
  });

  describe('nested .gitignore files', () => {
    const f = filter({
      gitignore: '*.log',
      nestedGitignores: { 'packages/a': 'build\n/local.txt\n*.tmp\n!keep.tmp\n', './packages/b/': 'docs/api/\n' },
    });
    const cases: [string, boolean, boolean][] = [
      ['packages/a', true, false],
      ['packages/a/build', true, true],
      ['packages/a/build/x.js', false, true],
      ['packages/a/src/build/x.js', false, true],
      ['packages/b/build/x.js', false, false],
      ['build/x.js', false, false],
      ['packages/a/local.txt', false, true],
      ['packages/a/src/local.txt', false, false],
      ['packages/a/x.tmp', false, true],
      ['packages/a/keep.tmp', false, false],
      ['packages/b/docs/api/index.html', false, true],
      ['packages/b/docs/guide.md', false, false],
      ['packages/a/error.log', false, true],
    ];
    for (const [p, isDir, excluded] of cases) {
      it(`${excluded ? 'excludes' : 'keeps'} ${p}${isDir ? '/' : ''}`, () => {
        assert.equal(f.isExcluded(p, isDir), excluded);
        assert.equal(f.isListable(p, isDir), !excluded);
      });
    }
  });

  describe('isListable', () => {
    const f = filter({
      clineignore: 'hidden/',
      gitignore: 'dist/',
      excludeGlobs: ['**/node_modules'],
      protectedPatterns: DEFAULT_PROTECTED,
    });
    const cases: [string, boolean, boolean][] = [
      ['src/app.ts', false, true],
      ['src', true, true],
      ['hidden/a.ts', false, false],
      ['dist/a.js', false, false],
      ['node_modules/x/index.js', false, false],
      ['.env', false, false],
      ['config/server.key', false, false],
      ['.git/config', false, false],
      ['.github/ci.yml', false, true],
    ];
    for (const [p, isDir, listable] of cases) {
      it(`${listable ? 'lists' : 'does not list'} ${p}`, () => assert.equal(f.isListable(p, isDir), listable));
    }
  });

  describe('ripgrepExcludeGlobs', () => {
    const sources: FilterSources = {
      clineignore: 'private/\n*.sql\n!keep.sql\n# note',
      gitignore: 'dist/\n*.log',
      nestedGitignores: { pkg: 'build/\n/local.txt\n' },
      excludeGlobs: ['**/node_modules', '*.min.js', 'out/**'],
      protectedPatterns: DEFAULT_PROTECTED,
    };
    const f = new FileFilter(sources);

    it('are all exclusions, without comments or re-inclusions', () => {
      const globs = f.ripgrepExcludeGlobs();
      assert.ok(
        globs.every((g) => g.startsWith('!')),
        globs.join(' '),
      );
      assert.ok(globs.includes('!.git'));
      assert.ok(globs.includes('!.env'));
      assert.ok(globs.includes('!**/node_modules'));
      assert.ok(globs.includes('!/*.min.js'), 'a VS Code glob is anchored to the folder');
      assert.ok(globs.includes('!private/'));
      assert.ok(!globs.some((g) => g.includes('keep.sql') || g.includes('#')));
    });

    it('leave out, in a real ripgrep run, everything isListable refuses', function () {
      const [rg] = ripgrepBinaries();
      if (rg === undefined) this.skip();
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'companion-rg-globs-'));
      try {
        const files = [
          'src/app.ts',
          'src/app.min.js',
          'app.min.js',
          'src/util/.env',
          '.env.local',
          'server.KEY',
          'keys/id_rsa',
          'secrets/token.txt',
          'src/secrets/token.txt',
          '.git/config',
          'node_modules/x/index.js',
          'pkg/node_modules/y.js',
          'out/main.js',
          'src/out/main.js',
          'dist/bundle.js',
          'debug.log',
          'private/notes.md',
          'src/private/notes.md',
          'db/dump.sql',
          'keep.sql',
          '.github/ci.yml',
          'README.md',
          'pkg/build/x.js',
          'pkg/sub/build/y.js',
          'pkg/local.txt',
          'pkg/sub/local.txt',
          'build/z.js',
        ];
        for (const file of files) {
          fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
          fs.writeFileSync(path.join(tmp, file), 'x');
        }
        const args = ['--files', '--hidden', '--no-ignore', '--no-config', '--glob-case-insensitive'];
        for (const glob of f.ripgrepExcludeGlobs()) args.push(`--glob=${glob}`);
        const listed = spawnSync(rg, args, { cwd: tmp, encoding: 'utf8' })
          .stdout.split('\n')
          .filter(Boolean)
          .map((p) => p.replace(/^\.\//, ''))
          .sort();
        const listable = files.filter((file) => f.isListable(file, false)).sort();
        // Nothing refused gets through; and here, with no re-inclusion to lose, nothing listable is lost.
        assert.deepEqual(
          listed.filter((file) => !f.isListable(file, false)),
          [],
        );
        assert.deepEqual(
          listed,
          listable.filter((file) => file !== 'keep.sql'),
        );
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  });
});
