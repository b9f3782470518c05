import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  displayPath,
  isInside,
  MAX_PATH_LENGTH,
  nodePathFs,
  REFUSAL,
  resolveWorkspacePath,
  type PathFs,
  type ResolvedPath,
  type WorkspaceRoot,
} from '../../../src/core/tools/workspacePaths';

/**
 * A real temporary tree (POSIX; the Windows rules are covered below with a scripted file system):
 *
 *   outside/secret.txt, outside/dir/file.txt      what must never be reachable
 *   ws/                                            the workspace folder "ws"
 *     src/a.ts, %2e%2e, ．．
 *     link-out-file -> ../outside/secret.txt       symlinks that lead out (file and folder)
 *     link-out-dir  -> ../outside/dir
 *     link-in       -> src/a.ts                    symlinks that stay inside
 *     link-in-dir   -> src
 *     link-second   -> ../second/src/b.ts          into the other workspace folder
 *     dangling      -> ../outside/none             a link whose target is missing (and could be created)
 *     loop          -> loop
 *   ws-evil/x.txt                                  shares the prefix "ws"
 *   second/src/b.ts                                a second workspace folder "second"
 */
let tmp: string;
let ws: WorkspaceRoot;
let second: WorkspaceRoot;

function setUpTree(): void {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'companion-paths-')));
  const write = (relative: string, text = 'x'): void => {
    fs.mkdirSync(path.dirname(path.join(tmp, relative)), { recursive: true });
    fs.writeFileSync(path.join(tmp, relative), text);
  };
  write('outside/secret.txt', 'SECRET');
  write('outside/dir/file.txt');
  write('ws/src/a.ts');
  write('ws/%2e%2e');
  write('ws/．．');
  write('ws-evil/x.txt');
  write('second/src/b.ts');
  const link = (target: string, at: string): void => fs.symlinkSync(target, path.join(tmp, at));
  link('../outside/secret.txt', 'ws/link-out-file');
  link('../outside/dir', 'ws/link-out-dir');
  link('src/a.ts', 'ws/link-in');
  link('src', 'ws/link-in-dir');
  link('../second/src/b.ts', 'ws/link-second');
  link('../outside/none', 'ws/dangling');
  link('loop', 'ws/loop');
  ws = { name: 'ws', fsPath: path.join(tmp, 'ws') };
  second = { name: 'second', fsPath: path.join(tmp, 'second') };
}

/** An expectation: accepted with this `relative` (and optionally more), or refused with this reason. */
type Expected = { relative: string; exists?: boolean; realRelative?: string; root?: string } | { reason: string };
type Row = [input: () => string, expected: Expected, note: string];

const ok = (relative: string, more: Omit<Extract<Expected, { relative: string }>, 'relative'> = {}): Expected => ({ relative, ...more });
const no = (reason: string): Expected => ({ reason });

function check(result: ResolvedPath, expected: Expected, label: string): void {
  if ('reason' in expected) {
    assert.equal(result.ok, false, `${label}: should be refused, got ${JSON.stringify(result)}`);
    if (!result.ok) assert.equal(result.reason, expected.reason, label);
    return;
  }
  assert.ok(result.ok, `${label}: should be accepted, got ${JSON.stringify(result)}`);
  assert.equal(result.relative, expected.relative, label);
  if (expected.exists !== undefined) assert.equal(result.exists, expected.exists, `${label}: exists`);
  if (expected.realRelative !== undefined) assert.equal(result.realRelative, expected.realRelative, `${label}: realRelative`);
  if (expected.root !== undefined) assert.equal(result.root.name, expected.root, `${label}: root`);
  // Whatever is accepted is really inside a workspace folder, by the file system's own answer.
  assert.ok(
    [ws, second].some((root) => isInside(result.real, fs.realpathSync(root.fsPath))),
    `${label}: real path ${result.real} escapes`,
  );
}

const wsPath = (rest = ''): string => path.join(ws.fsPath, rest);

/** The hostile corpus against one workspace folder "ws". */
const SINGLE_ROOT: Row[] = [
  // Plain paths and harmless spellings
  [() => 'src/a.ts', ok('src/a.ts', { exists: true, realRelative: 'src/a.ts' }), 'plain'],
  [() => './src/a.ts', ok('src/a.ts'), 'leading ./'],
  [() => 'src//a.ts', ok('src/a.ts'), 'double slash inside'],
  [() => 'src/./a.ts', ok('src/a.ts'), 'dot segment'],
  [() => 'src\\a.ts', ok('src/a.ts', { exists: true }), 'backslash separator'],
  [() => '.\\src/a.ts', ok('src/a.ts'), 'mixed separators'],
  [() => 'src\\.\\\\a.ts', ok('src/a.ts'), 'mixed separators, dot, doubled'],
  [() => 'src/', ok('src'), 'trailing slash'],
  [() => '.', ok('', { exists: true }), 'the folder itself'],
  [() => './', ok(''), 'the folder itself with a slash'],
  [() => 'src/../src/a.ts', ok('src/a.ts'), '.. that stays inside'],
  [() => 'src/new-file.ts', ok('src/new-file.ts', { exists: false }), 'missing file'],
  [() => 'new-dir/deeper/file.ts', ok('new-dir/deeper/file.ts', { exists: false }), 'missing folders'],
  [() => 'src/a.ts/x', ok('src/a.ts/x', { exists: false }), 'below a file'],
  [() => 'a b/c d.txt', ok('a b/c d.txt'), 'spaces'],
  [() => '...', ok('...'), 'three dots is a name on POSIX'],
  [() => '.../x', ok('.../x'), 'three dots as a folder'],
  // Encodings are names, never decoded
  [() => '%2e%2e', ok('%2e%2e', { exists: true }), 'percent-encoded .. is a file name'],
  [() => '%2e%2e/%2e%2e/etc/passwd', ok('%2e%2e/%2e%2e/etc/passwd'), 'percent-encoded climb'],
  [() => '..%2f..%2fetc%2fpasswd', ok('..%2f..%2fetc%2fpasswd'), 'percent-encoded slashes'],
  [() => '..%5c..%5cwindows', ok('..%5c..%5cwindows'), 'percent-encoded backslashes'],
  [() => '%252e%252e/x', ok('%252e%252e/x'), 'double percent-encoding'],
  [() => '%00', ok('%00'), 'percent-encoded NUL is three characters'],
  [() => 'file%3A%2F%2F%2Fetc', ok('file%3A%2F%2F%2Fetc'), 'percent-encoded URI'],
  [() => '．．', ok('．．', { exists: true }), 'full-width dots are a name'],
  [() => '．．／．．／etc', ok('．．／．．／etc'), 'full-width dots and solidus'],
  [() => '..\u2215..\u2215etc', ok('..\u2215..\u2215etc'), 'division slash is not a separator'],
  [() => '$HOME/.ssh', ok('$HOME/.ssh'), 'variables are not expanded'],
  [() => '%USERPROFILE%\\x', ok('%USERPROFILE%/x'), 'Windows variables are not expanded'],
  [() => 'a/~/b', ok('a/~/b'), 'a tilde inside is a name'],
  // Absolute paths inside
  [() => wsPath('src/a.ts'), ok('src/a.ts', { exists: true }), 'absolute inside'],
  [() => wsPath(), ok(''), 'absolute folder'],
  [() => wsPath() + '/', ok(''), 'absolute folder with a slash'],
  [() => wsPath('src/../src/a.ts'), ok('src/a.ts'), 'absolute with .. inside'],
  [() => wsPath('src/a.ts').replace(/\//g, '\\'), ok('src/a.ts'), 'absolute with backslashes'],
  // Links that stay inside
  [() => 'link-in', ok('link-in', { realRelative: 'src/a.ts' }), 'file link inside'],
  [() => 'link-in-dir/a.ts', ok('link-in-dir/a.ts', { realRelative: 'src/a.ts' }), 'folder link inside'],
  [() => 'link-in-dir/new.ts', ok('link-in-dir/new.ts', { exists: false, realRelative: 'src/new.ts' }), 'missing under a link inside'],
  [() => 'link-out-dir/..', ok(''), '.. is applied to the text, not the link target'],
  // .. escapes
  [() => '..', no(REFUSAL.outside), 'parent'],
  [() => '../', no(REFUSAL.outside), 'parent with slash'],
  [() => '../outside/secret.txt', no(REFUSAL.outside), 'sibling folder'],
  [() => '../ws/src/a.ts', no(REFUSAL.outside), 'climb out and back in'],
  [() => 'src/../../outside', no(REFUSAL.outside), 'climb from a subfolder'],
  [() => 'src/../../../../../../../etc/passwd', no(REFUSAL.outside), 'climb far'],
  [() => '..\\..\\etc\\passwd', no(REFUSAL.outside), 'backslash climb'],
  [() => 'src/..\\..\\x', no(REFUSAL.outside), 'mixed-separator climb'],
  [() => './../x', no(REFUSAL.outside), 'dot then climb'],
  [() => '../ws-evil/x.txt', no(REFUSAL.outside), 'prefix-sharing sibling'],
  // Absolute paths outside
  [() => '/etc/passwd', no(REFUSAL.outside), 'absolute system file'],
  [() => '/', no(REFUSAL.outside), 'file-system root'],
  [() => '/..', no(REFUSAL.outside), 'root parent'],
  [() => '\\etc\\passwd', no(REFUSAL.outside), 'backslash absolute'],
  [() => path.join(tmp, 'outside/secret.txt'), no(REFUSAL.outside), 'absolute sibling'],
  [() => path.join(tmp, 'ws-evil/x.txt'), no(REFUSAL.outside), 'absolute prefix trick'],
  [() => wsPath() + '-evil/x.txt', no(REFUSAL.outside), 'absolute prefix trick, glued'],
  [() => wsPath() + '/../ws-evil/x.txt', no(REFUSAL.outside), 'absolute climb to the prefix-sharing sibling'],
  [() => wsPath() + '/../outside', no(REFUSAL.outside), 'absolute climb'],
  [() => tmp, no(REFUSAL.outside), 'absolute parent of the folder'],
  // Home
  [() => '~', no(REFUSAL.home), 'tilde'],
  [() => '~/.ssh/id_rsa', no(REFUSAL.home), 'tilde path'],
  [() => '~root/.bashrc', no(REFUSAL.home), 'tilde user'],
  [() => '~\\x', no(REFUSAL.home), 'tilde backslash'],
  // Drive letters (not Windows here)
  [() => 'C:\\Windows\\System32\\drivers\\etc\\hosts', no(REFUSAL.drive), 'drive absolute'],
  [() => 'c:foo', no(REFUSAL.drive), 'drive relative'],
  [() => 'C:/x', no(REFUSAL.drive), 'drive with slash'],
  [() => 'Z:', no(REFUSAL.drive), 'bare drive'],
  // UNC and device paths
  [() => '\\\\server\\share\\x', no(REFUSAL.network), 'UNC'],
  [() => '//server/share/x', no(REFUSAL.network), 'UNC with slashes'],
  [() => '\\\\?\\C:\\x', no(REFUSAL.network), 'extended-length path'],
  [() => '\\\\.\\pipe\\x', no(REFUSAL.network), 'device namespace'],
  [() => '/\\server\\share', no(REFUSAL.network), 'mixed UNC'],
  [() => '///etc/passwd', no(REFUSAL.network), 'triple slash'],
  // URIs
  [() => 'file:///etc/passwd', no(REFUSAL.uri), 'file URI'],
  [() => 'FILE:/etc/passwd', no(REFUSAL.uri), 'upper-case file URI'],
  [() => `file://${wsPath('src/a.ts')}`, no(REFUSAL.uri), 'file URI even inside'],
  [() => 'vscode-remote://ssh-remote+host/etc/passwd', no(REFUSAL.uri), 'remote URI'],
  [() => 'http://127.0.0.1/x', no(REFUSAL.uri), 'http URI'],
  [() => 'untitled:Untitled-1', no(REFUSAL.uri), 'untitled URI'],
  [() => 'data:text/plain,hi', no(REFUSAL.uri), 'data URI'],
  [() => 'git:/x?{}', no(REFUSAL.uri), 'git URI'],
  // Control characters
  [() => 'src/a.ts\u0000.png', no(REFUSAL.control), 'NUL inside'],
  [() => '\u0000', no(REFUSAL.control), 'NUL alone'],
  [() => 'src/a\nb', no(REFUSAL.control), 'newline'],
  [() => 'src/a.ts\r', no(REFUSAL.control), 'carriage return'],
  [() => 'a\tb', no(REFUSAL.control), 'tab'],
  [() => 'x\u001b[31m', no(REFUSAL.control), 'escape sequence'],
  [() => 'x\u007f', no(REFUSAL.control), 'DEL'],
  [() => 'x\u0085', no(REFUSAL.control), 'C1 next line'],
  // Empty and huge
  [() => '', no(REFUSAL.empty), 'empty'],
  [() => '   ', no(REFUSAL.empty), 'blank'],
  [() => 'a'.repeat(MAX_PATH_LENGTH + 1), no(REFUSAL.tooLong), 'one character too long'],
  [() => '../'.repeat(2000), no(REFUSAL.tooLong), 'long climb'],
  [() => 'a/'.repeat(MAX_PATH_LENGTH / 2), ok('a/'.repeat(MAX_PATH_LENGTH / 2 - 1) + 'a', { exists: false }), 'deep but within the limit'],
  [() => 'x'.repeat(300), ok('x'.repeat(300), { exists: false }), 'name longer than the system allows'],
  [() => 'src/' + '../'.repeat(1000) + 'x', no(REFUSAL.outside), 'long climb within the limit'],
  // Links that lead out
  [() => 'link-out-file', no(REFUSAL.outsideByLink), 'file link out'],
  [() => 'link-out-dir', no(REFUSAL.outsideByLink), 'folder link out'],
  [() => 'link-out-dir/file.txt', no(REFUSAL.outsideByLink), 'file below a folder link out'],
  [() => 'link-out-dir/new.txt', no(REFUSAL.outsideByLink), 'missing file below a folder link out'],
  [() => 'link-out-dir/a/b/c', no(REFUSAL.outsideByLink), 'missing folders below a folder link out'],
  [() => 'link-in-dir/../link-out-file', no(REFUSAL.outsideByLink), 'through a link inside to a link out'],
  [() => wsPath('link-out-file'), no(REFUSAL.outsideByLink), 'absolute link out'],
  [() => 'dangling', no(REFUSAL.unresolvable), 'dangling link'],
  [() => 'dangling/x', no(REFUSAL.unresolvable), 'below a dangling link'],
  [() => 'loop', no(REFUSAL.unresolvable), 'link loop'],
];

describe('workspacePaths', () => {
  before(setUpTree);
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('has a hostile corpus of at least 60 paths', () => {
    assert.ok(SINGLE_ROOT.length >= 60, `${SINGLE_ROOT.length} rows`);
  });

  describe('one workspace folder', () => {
    for (const [input, expected, note] of SINGLE_ROOT) {
      it(`${'reason' in expected ? 'refuses' : 'accepts'}: ${note}`, async () => {
        const text = input();
        check(await resolveWorkspacePath(text, [ws], nodePathFs, 'linux'), expected, JSON.stringify(text.slice(0, 80)));
      });
    }
  });

  it('refuses a value that is not a string (a model may send anything)', async () => {
    for (const value of [undefined, null, 42, ['src/a.ts'], { path: 'src/a.ts' }]) {
      const result = await resolveWorkspacePath(value as unknown as string, [ws], nodePathFs, 'linux');
      assert.deepEqual(result, { ok: false, reason: REFUSAL.notString });
    }
  });

  it('refuses everything when no folder is open', async () => {
    assert.deepEqual(await resolveWorkspacePath('src/a.ts', [], nodePathFs, 'linux'), { ok: false, reason: REFUSAL.noWorkspace });
  });

  it('gives the real path to open, the absolute path as named, and where the real path lies', async () => {
    const result = await resolveWorkspacePath('link-in-dir/a.ts', [ws], nodePathFs, 'linux');
    assert.ok(result.ok);
    assert.equal(result.absolute, wsPath('link-in-dir/a.ts'));
    assert.equal(result.real, wsPath('src/a.ts'));
    assert.equal(result.realRoot, ws);
  });

  it('finds a deep missing path with few file-system calls (bisection, not one call per segment)', async () => {
    let calls = 0;
    const counting: PathFs = { realpath: (p) => (calls++, fs.promises.realpath(p)), lstat: (p) => fs.promises.lstat(p) };
    const result = await resolveWorkspacePath('src/' + 'a/'.repeat(1500) + 'x', [ws], counting, 'linux');
    assert.ok(result.ok && !result.exists);
    assert.ok(calls < 20, `${calls} realpath calls`);
  });

  it('without lstat, a dangling link counts as missing but a link out is still refused', async () => {
    const realpathOnly: PathFs = { realpath: (p) => fs.promises.realpath(p) };
    const dangling = await resolveWorkspacePath('dangling', [ws], realpathOnly, 'linux');
    assert.ok(dangling.ok && !dangling.exists);
    assert.deepEqual(await resolveWorkspacePath('link-out-dir/new.txt', [ws], realpathOnly, 'linux'), {
      ok: false,
      reason: REFUSAL.outsideByLink,
    });
  });

  describe('several workspace folders', () => {
    const rows: Row[] = [
      [() => 'second/src/b.ts', ok('src/b.ts', { root: 'second', exists: true }), 'named by its folder'],
      [() => 'ws/src/a.ts', ok('src/a.ts', { root: 'ws', exists: true }), 'named by the first folder'],
      [() => 'second', ok('', { root: 'second' }), 'the folder itself by name'],
      [() => 'src/b.ts', ok('src/b.ts', { root: 'second', exists: true }), 'unnamed: found in the second folder'],
      [() => 'src/a.ts', ok('src/a.ts', { root: 'ws' }), 'unnamed: found in the first folder'],
      [() => 'src/none.ts', ok('src/none.ts', { root: 'ws', exists: false }), 'unnamed and missing: the first folder'],
      [() => 'second/../ws/src/a.ts', ok('src/a.ts', { root: 'ws' }), 'normalised before naming'],
      [() => path.join(second.fsPath, 'src/b.ts'), ok('src/b.ts', { root: 'second' }), 'absolute in the second folder'],
      [() => 'link-second', ok('link-second', { root: 'ws', realRelative: 'src/b.ts' }), 'link into the other folder'],
      [() => '../second/src/b.ts', no(REFUSAL.outside), 'climbing to the other folder is still a climb'],
      [() => 'second/../../outside/secret.txt', no(REFUSAL.outside), 'climb after the folder name'],
    ];
    for (const [input, expected, note] of rows) {
      it(note, async () => {
        check(await resolveWorkspacePath(input(), [ws, second], nodePathFs, 'linux'), expected, note);
      });
    }

    it('the link into the other folder reports that folder as where the real path lies', async () => {
      const result = await resolveWorkspacePath('link-second', [ws, second], nodePathFs, 'linux');
      assert.ok(result.ok);
      assert.equal(result.realRoot, second);
    });

    it('an absolute path in nested folders belongs to the deepest', async () => {
      const nested: WorkspaceRoot = { name: 'src', fsPath: wsPath('src') };
      const result = await resolveWorkspacePath(wsPath('src/a.ts'), [ws, nested], nodePathFs, 'linux');
      assert.ok(result.ok);
      assert.equal(result.root, nested);
      assert.equal(result.relative, 'a.ts');
      assert.equal(result.realRoot, nested);
    });

    it('a folder that no longer exists is skipped for the next', async () => {
      const gone: WorkspaceRoot = { name: 'gone', fsPath: path.join(tmp, 'gone') };
      const result = await resolveWorkspacePath('src/a.ts', [gone, ws], nodePathFs, 'linux');
      assert.ok(result.ok);
      assert.equal(result.root, ws);
    });
  });

  describe('displayPath', () => {
    it('is the relative path with one folder, "." for the folder itself', () => {
      assert.equal(displayPath({ root: ws, relative: 'src/a.ts' }, [ws]), 'src/a.ts');
      assert.equal(displayPath({ root: ws, relative: '' }, [ws]), '.');
    });
    it('starts with the folder name with several folders, and resolves back to the same file', async () => {
      assert.equal(displayPath({ root: second, relative: 'src/b.ts' }, [ws, second]), 'second/src/b.ts');
      assert.equal(displayPath({ root: second, relative: '' }, [ws, second]), 'second');
      const back = await resolveWorkspacePath('second/src/b.ts', [ws, second], nodePathFs, 'linux');
      assert.ok(back.ok && back.root === second && back.relative === 'src/b.ts');
    });
  });

  describe('isInside', () => {
    const cases: [child: string, parent: string, platform: NodeJS.Platform, inside: boolean][] = [
      ['/work/ws', '/work/ws', 'linux', true],
      ['/work/ws/a', '/work/ws', 'linux', true],
      ['/work/ws/a', '/work/ws/', 'linux', true],
      ['/work/ws/', '/work/ws', 'linux', true],
      ['/work/ws-evil', '/work/ws', 'linux', false],
      ['/work/ws-evil/a', '/work/ws', 'linux', false],
      ['/work/wsa', '/work/ws', 'linux', false],
      ['/work', '/work/ws', 'linux', false],
      ['/work/ws/../x', '/work/ws', 'linux', false],
      ['/work/WS/a', '/work/ws', 'linux', false],
      ['/x', '/', 'linux', true],
      ['C:\\Work\\WS\\a', 'c:\\work\\ws', 'win32', true],
      ['c:\\work\\ws-evil', 'C:\\work\\ws', 'win32', false],
      ['C:/work/ws/a', 'C:\\work\\ws', 'win32', true],
      ['D:\\work\\ws\\a', 'C:\\work\\ws', 'win32', false],
      ['C:\\x', 'C:\\', 'win32', true],
    ];
    for (const [child, parent, platform, inside] of cases) {
      it(`${child} ${inside ? 'is' : 'is not'} inside ${parent} (${platform})`, () => {
        assert.equal(isInside(child, parent, platform), inside);
      });
    }
  });

  describe('Windows rules (scripted file system)', () => {
    const root: WorkspaceRoot = { name: 'ws', fsPath: 'c:\\work\\ws' };
    /** Existing paths by lower-cased path, with their real (on-disk) spelling; `junction` leads to another drive. */
    const real = new Map<string, string>([
      ['c:\\work\\ws', 'C:\\work\\ws'],
      ['c:\\work\\ws\\src', 'C:\\work\\ws\\src'],
      ['c:\\work\\ws\\src\\a.ts', 'C:\\work\\ws\\src\\a.ts'],
      ['c:\\work\\ws\\junction', 'D:\\elsewhere'],
      ['c:\\work\\ws\\junction\\x.txt', 'D:\\elsewhere\\x.txt'],
    ]);
    const windowsFs: PathFs = {
      realpath: async (p) => {
        const found = real.get(p.toLowerCase());
        if (!found) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
        return found;
      },
    };
    const rows: Row[] = [
      [() => 'src\\a.ts', ok('src/a.ts', { exists: true }), 'backslashes'],
      [() => 'SRC\\A.TS', ok('SRC/A.TS', { exists: true, realRelative: 'src/a.ts' }), 'case-insensitive, real spelling reported'],
      [() => 'C:\\work\\ws\\src\\a.ts', ok('src/a.ts'), 'drive-absolute inside'],
      [() => 'c:\\WORK\\Ws\\src\\a.ts', ok('src/a.ts'), 'drive-absolute inside, other case'],
      [() => 'C:/work/ws/src/a.ts', ok('src/a.ts'), 'drive-absolute with slashes'],
      [() => 'C:\\work\\ws-evil\\x', no(REFUSAL.outside), 'prefix trick'],
      [() => 'C:\\Windows\\win.ini', no(REFUSAL.outside), 'system file'],
      [() => 'D:\\work\\ws\\src\\a.ts', no(REFUSAL.outside), 'same path on another drive'],
      [() => 'C:\\work\\ws\\..\\x', no(REFUSAL.outside), 'drive-absolute climb'],
      [() => 'c:src\\a.ts', no(REFUSAL.drive), 'drive-relative'],
      [() => '\\Windows\\win.ini', no(REFUSAL.outside), 'root of the current drive'],
      [() => '\\\\server\\share\\x', no(REFUSAL.network), 'UNC'],
      [() => '\\\\?\\C:\\work\\ws\\src\\a.ts', no(REFUSAL.network), 'extended-length path even inside'],
      [() => 'junction', no(REFUSAL.outsideByLink), 'junction to another drive'],
      [() => 'junction\\x.txt', no(REFUSAL.outsideByLink), 'file through a junction'],
      [() => 'junction\\new.txt', no(REFUSAL.outsideByLink), 'missing file through a junction'],
      [() => 'CON', no(REFUSAL.windowsName), 'console device'],
      [() => 'src\\nul.txt', no(REFUSAL.windowsName), 'device name with an extension'],
      [() => 'com1', no(REFUSAL.windowsName), 'serial port'],
      [() => 'LPT¹', no(REFUSAL.windowsName), 'superscript port'],
      [() => '.env.', no(REFUSAL.windowsName), 'trailing dot (Windows would open .env)'],
      [() => 'secret.txt ', no(REFUSAL.windowsName), 'trailing space'],
      [() => 'src\\a.ts::$DATA', no(REFUSAL.windowsName), 'alternate data stream'],
      [() => 'ab:c', no(REFUSAL.uri), 'scheme-like'],
      [() => 'console.log', ok('console.log'), 'a name that merely starts like a device'],
    ];
    for (const [input, expected, note] of rows) {
      it(note, async () => {
        const result = await resolveWorkspacePath(input(), [root], windowsFs, 'win32');
        if ('reason' in expected) {
          assert.deepEqual(result, { ok: false, reason: expected.reason });
        } else {
          assert.ok(result.ok, `${note}: ${JSON.stringify(result)}`);
          assert.equal(result.relative, expected.relative);
          if (expected.exists !== undefined) assert.equal(result.exists, expected.exists);
          if (expected.realRelative !== undefined) assert.equal(result.realRelative, expected.realRelative);
          assert.ok(isInside(result.real, 'C:\\work\\ws', 'win32'));
        }
      });
    }

    it('the same names are ordinary files on Linux', async () => {
      const result = await resolveWorkspacePath('CON', [ws], nodePathFs, 'linux');
      assert.ok(result.ok && !result.exists);
    });
  });
});
