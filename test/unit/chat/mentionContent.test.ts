import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { languageForPath, MAX_LISTING_ENTRIES, resolveMentions, type MentionReaders } from '../../../src/core/chat/mentionContent';
import type { Mention } from '../../../src/protocol/chatProtocol';
import { nodePathFs, resolveWorkspacePath, type WorkspaceRoot } from '../../../src/core/tools/workspacePaths';
import type { ProblemInfo } from '../../../src/core/tools/problems';

const KB = 1024;
const file = (p: string): Mention => ({ kind: 'file', path: p, label: `@${p}` });
const folder = (p: string): Mention => ({ kind: 'folder', path: p, label: `@${p}` });
const special = (kind: Mention['kind']): Mention => ({ kind, label: `@${kind}` });

/**
 * Readers over a real folder on disk (confinement, stat, read and listing are the real ones); the settings'
 * verdicts, the editor, the diagnostics and Git are given by each test.
 */
function readersFor(roots: WorkspaceRoot[], over: Partial<MentionReaders> = {}): MentionReaders {
  return {
    trusted: () => true,
    roots: () => roots,
    resolve: (p) => resolveWorkspacePath(p, roots, nodePathFs),
    // In the tests `hidden/` is .clineignored and `*.env` protected (the real rules are FileFilter's, tested there).
    visibility: (_root, relative) =>
      relative.split('/').includes('hidden') ? 'ignored' : relative.endsWith('.env') ? 'protected' : 'visible',
    stat: async (p) => {
      const s = await fs.promises.stat(p);
      return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size };
    },
    readPrefix: async (p, max) => {
      const handle = await fs.promises.open(p, 'r');
      try {
        const buffer = Buffer.alloc(max);
        const { bytesRead } = await handle.read(buffer, 0, max, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    list: async (root, relative, limit) => {
      const entries: string[] = [];
      const walk = (dir: string, rel: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          const child = rel ? `${rel}/${entry.name}` : entry.name;
          if (child.split('/').includes('hidden')) continue;
          entries.push(entry.isDirectory() ? `${child}/` : child);
          if (entry.isDirectory()) walk(path.join(dir, entry.name), child);
        }
      };
      walk(path.join(root.fsPath, relative), relative);
      return { entries: entries.slice(0, limit), truncated: entries.length > limit };
    },
    selection: async () => undefined,
    activeFile: () => undefined,
    problems: () => [],
    changes: async () => ({ ok: false, message: 'Git is not available' }),
    ...over,
  };
}

describe('chat/mentionContent', () => {
  let tmp: string;
  let ws: WorkspaceRoot;
  const write = (rel: string, content: string | Buffer) => {
    const target = path.join(ws.fsPath, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  };

  beforeEach(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mention-content-')));
    ws = { name: 'app', fsPath: path.join(tmp, 'app') };
    fs.mkdirSync(ws.fsPath);
    write('src/app.ts', 'export const a = 1;\nexport const b = 2;\n');
    write('src/util/x.py', 'print(1)\n');
    write('hidden/secret.txt', 'never\n');
    write('.env', 'TOKEN=abc\n');
    write('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
    fs.writeFileSync(path.join(tmp, 'outside.txt'), 'outside secret\n');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a file: its text, path and line range, the language from the extension', async () => {
    const [chip] = await resolveMentions([file('src/app.ts')], readersFor([ws]), 256 * KB);
    assert.deepEqual(chip, {
      id: 'mention:file:src/app.ts',
      mention: 'file',
      label: 'src/app.ts:1-2',
      language: 'typescript',
      code: 'export const a = 1;\nexport const b = 2;\n',
    });
  });

  it('a folder: a listing of what is in it, ignored entries left out', async () => {
    const [chip] = await resolveMentions([folder('src')], readersFor([ws]), 256 * KB);
    assert.equal(chip.label, 'src/');
    assert.equal(chip.mention, 'folder');
    assert.equal(chip.code, 'src/app.ts\nsrc/util/\nsrc/util/x.py\n');
    const [root] = await resolveMentions([folder('.')], readersFor([ws]), 256 * KB);
    assert.equal(root.label, './');
    assert.doesNotMatch(root.code, /hidden|secret/);
  });

  it('a long folder listing is capped and says so', async () => {
    for (let i = 0; i < MAX_LISTING_ENTRIES + 5; i++) write(`many/f${String(i).padStart(4, '0')}.txt`, '');
    const [chip] = await resolveMentions([folder('many')], readersFor([ws]), 256 * KB);
    const lines = chip.code.trimEnd().split('\n');
    assert.equal(lines.length, MAX_LISTING_ENTRIES + 1);
    assert.match(lines[lines.length - 1], /more entries not listed/);
  });

  it('a protected file the user mentions IS read, and its chip says why', async () => {
    const [chip] = await resolveMentions([file('.env')], readersFor([ws]), 256 * KB);
    assert.equal(chip.code, 'TOKEN=abc\n');
    assert.match(chip.note ?? '', /protected file .* sent because you mentioned it/);
  });

  it('a .clineignored file or folder is not read, and the note says so without confirming it exists', async () => {
    const chips = await resolveMentions([file('hidden/secret.txt'), folder('hidden'), file('hidden/nope.txt')], readersFor([ws]), 256 * KB);
    assert.equal(chips.length, 3);
    for (const chip of chips) {
      assert.equal(chip.code, '');
      assert.equal(chip.note, 'not read: not found or ignored (.clineignore)');
    }
  });

  it('a binary file is refused', async () => {
    const [chip] = await resolveMentions([file('logo.png')], readersFor([ws]), 256 * KB);
    assert.equal(chip.code, '');
    assert.equal(chip.note, 'not read: a binary file');
  });

  it('paths that lead out of the workspace are refused: .., absolute, ~, URI, a link out', async () => {
    fs.symlinkSync(path.join(tmp, 'outside.txt'), path.join(ws.fsPath, 'link-out.txt'));
    fs.symlinkSync(tmp, path.join(ws.fsPath, 'dir-out'));
    const asked = ['../outside.txt', path.join(tmp, 'outside.txt'), '~/x', 'file:///etc/passwd', 'link-out.txt', 'dir-out/outside.txt'];
    const chips = await resolveMentions([...asked.map(file), folder('dir-out')], readersFor([ws]), 256 * KB);
    assert.equal(chips.length, asked.length + 1);
    for (const chip of chips) {
      assert.equal(chip.code, '', chip.label);
      assert.match(chip.note ?? '', /^not read: (outside the workspace|not a workspace path)/, chip.label);
    }
  });

  it('a link that stays inside is read, and a link to a protected file is as protected as the file', async () => {
    fs.symlinkSync(path.join(ws.fsPath, 'src', 'app.ts'), path.join(ws.fsPath, 'alias.ts'));
    fs.symlinkSync(path.join(ws.fsPath, '.env'), path.join(ws.fsPath, 'notes.txt'));
    fs.symlinkSync(path.join(ws.fsPath, 'hidden', 'secret.txt'), path.join(ws.fsPath, 'innocent.txt'));
    const [alias, notes, innocent] = await resolveMentions(
      [file('alias.ts'), file('notes.txt'), file('innocent.txt')],
      readersFor([ws]),
      256 * KB,
    );
    assert.equal(alias.code, 'export const a = 1;\nexport const b = 2;\n');
    assert.equal(alias.note, undefined);
    assert.match(notes.note ?? '', /protected/);
    assert.equal(innocent.code, '');
    assert.match(innocent.note ?? '', /ignored/);
  });

  it('a missing file reads like an ignored one; Restricted Mode reads no file, folder or change', async () => {
    const [missing] = await resolveMentions([file('src/nope.ts')], readersFor([ws]), 256 * KB);
    assert.equal(missing.note, 'not read: not found or ignored (.clineignore)');
    let gitAsked = false;
    const restricted = readersFor([ws], {
      trusted: () => false,
      changes: async () => {
        gitAsked = true;
        return { ok: true, repos: [] };
      },
      selection: async () => ({ label: 'src/app.ts:1', languageId: 'typescript', text: 'export const a = 1;' }),
    });
    const chips = await resolveMentions(
      [file('src/app.ts'), folder('src'), special('changes'), special('selection')],
      restricted,
      256 * KB,
    );
    for (const chip of chips.slice(0, 3)) {
      assert.equal(chip.code, '');
      assert.match(chip.note ?? '', /Restricted Mode/);
    }
    assert.equal(gitAsked, false);
    assert.equal(chips[3].code, 'export const a = 1;', 'the selection is what the user already sees');
  });

  it('multi-root: the first segment names the folder, and labels carry it', async () => {
    const lib: WorkspaceRoot = { name: 'lib', fsPath: path.join(tmp, 'lib') };
    fs.mkdirSync(lib.fsPath);
    fs.writeFileSync(path.join(lib.fsPath, 'index.js'), 'module.exports = 1;\n');
    const [a, b] = await resolveMentions([file('lib/index.js'), file('app/src/app.ts')], readersFor([ws, lib]), 256 * KB);
    assert.equal(a.label, 'lib/index.js:1');
    assert.equal(a.language, 'javascript');
    assert.equal(b.label, 'app/src/app.ts:1-2');
  });

  it('the same file mentioned twice is sent once', async () => {
    const chips = await resolveMentions([file('src/app.ts'), file('./src//app.ts')], readersFor([ws]), 256 * KB);
    assert.equal(chips.length, 1);
  });

  describe('the size budget across the chips of a message', () => {
    const lines = (n: number, width = 99) =>
      Array.from({ length: n }, (_, i) => `${String(i + 1).padStart(5, '0')}${'x'.repeat(width - 5)}`).join('\n') + '\n';

    it('a file over the budget is cut at a line end; label and note say how much', async () => {
      write('big.txt', lines(3000)); // 300,000 bytes
      const [chip] = await resolveMentions([file('big.txt')], readersFor([ws]), 120 * KB);
      assert.ok(chip.code.endsWith('\n'));
      assert.ok(Buffer.byteLength(chip.code) <= 120 * KB);
      const shownLines = chip.code.split('\n').length - 1;
      assert.equal(shownLines, Math.floor((120 * KB) / 100));
      assert.equal(chip.label, `big.txt:1-${shownLines}`);
      assert.equal(chip.note, 'cut: 120 KB of 293 KB (the 120 KB budget)');
    });

    it('what comes after a full budget is left out, and says so; small chips before it are whole', async () => {
      write('big.txt', lines(3000));
      const chips = await resolveMentions([file('src/app.ts'), file('big.txt'), file('src/util/x.py')], readersFor([ws]), 256 * KB);
      assert.equal(chips[0].note, undefined);
      assert.match(chips[1].note ?? '', /^cut: \d+ KB of 293 KB \(the 256 KB budget\)$/);
      assert.equal(chips[2].code, '');
      assert.equal(chips[2].note, 'left out: over the 256 KB budget');
      const total = chips.reduce((sum, c) => sum + Buffer.byteLength(c.code), 0);
      assert.ok(total <= 256 * KB, `${total}`);
    });

    it('reads no more of a huge file than the budget needs', async () => {
      write('huge.log', lines(200_000)); // about 20 MB
      let asked = 0;
      const readers = readersFor([ws]);
      const counting = { ...readers, readPrefix: (p: string, max: number) => ((asked = max), readers.readPrefix(p, max)) };
      const [chip] = await resolveMentions([file('huge.log')], counting, 8 * KB);
      assert.ok(asked <= 8 * KB + 4096, `${asked}`);
      assert.match(chip.note ?? '', /^cut: 8 KB of 19\.\d MB/);
    });

    it('the changes are cut with their fences closed, and the note says so', async () => {
      const diff = lines(200).replace(/^/gm, '+');
      const readers = readersFor([ws], {
        changes: async () => ({ ok: true, repos: [{ name: 'app', staged: '', unstaged: diff, untracked: [] }] }),
      });
      const [chip] = await resolveMentions([special('changes')], readers, 8 * KB);
      assert.equal(chip.label, 'changes');
      assert.ok(Buffer.byteLength(chip.code) <= 8 * KB);
      assert.equal(chip.code.match(/^```/gm)?.length, 2, 'the diff fence is closed');
      assert.match(chip.code, /Not staged cut: .* Run `git diff` for all of it/);
      assert.match(chip.note ?? '', /^cut: \d KB of 20 KB \(the 8 KB budget\)$/);
    });
  });

  it('@selection: the text with its path and lines; none selected says so', async () => {
    const readers = readersFor([ws], {
      selection: async () => ({ label: 'src/app.ts:2', languageId: 'typescript', text: 'export const b = 2;' }),
    });
    const [chip] = await resolveMentions([special('selection')], readers, 256 * KB);
    assert.deepEqual(chip, {
      id: 'mention:selection:',
      mention: 'selection',
      label: 'src/app.ts:2',
      language: 'typescript',
      code: 'export const b = 2;',
    });
    const [none] = await resolveMentions([special('selection')], readersFor([ws]), 256 * KB);
    assert.equal(none.note, 'nothing selected in the editor');
  });

  describe('@problems', () => {
    const problem = (rel: string, line: number, severity: ProblemInfo['severity'], message: string): ProblemInfo => ({
      path: path.join(ws.fsPath, rel),
      line,
      column: 1,
      severity,
      message,
      source: 'ts',
    });

    it('of the active file, and of the workspace without .clineignored or protected files', async () => {
      const all = [
        problem('src/app.ts', 2, 'error', 'Type mismatch'),
        problem('src/util/x.py', 1, 'warning', 'Unused'),
        problem('hidden/secret.txt', 1, 'error', 'quotes the secret'),
        problem('.env', 1, 'error', 'TOKEN=abc is invalid'),
      ];
      const readers = readersFor([ws], {
        activeFile: () => path.join(ws.fsPath, 'src/app.ts'),
        problems: (abs) => (abs === undefined ? all : all.filter((p) => p.path === abs)),
      });
      const [active, workspace] = await resolveMentions([special('problems'), special('problemsWorkspace')], readers, 256 * KB);
      assert.equal(active.label, 'problems: src/app.ts');
      assert.match(active.code, /^src\/app\.ts:2:1: error: Type mismatch \[ts\]$/m);
      assert.doesNotMatch(active.code, /x\.py/);
      assert.equal(workspace.label, 'problems: workspace');
      assert.match(workspace.code, /src\/app\.ts:2:1/);
      assert.match(workspace.code, /src\/util\/x\.py:1:1: warning/);
      assert.doesNotMatch(workspace.code, /secret|TOKEN/);
    });

    it('no active file, or an ignored one, says so', async () => {
      const [none] = await resolveMentions([special('problems')], readersFor([ws]), 256 * KB);
      assert.equal(none.note, 'no file is open in the editor');
      const ignored = readersFor([ws], { activeFile: () => path.join(ws.fsPath, 'hidden/secret.txt') });
      const [chip] = await resolveMentions([special('problems')], ignored, 256 * KB);
      assert.equal(chip.code, '');
      assert.match(chip.note ?? '', /ignored/);
    });
  });

  it('@changes: the formatted diff; nothing changed or no Git says so', async () => {
    const diff = 'diff --git a/a b/a\n+new\n';
    const changed = readersFor([ws], {
      changes: async () => ({ ok: true, repos: [{ name: 'app', staged: diff, unstaged: '', untracked: ['n.ts'] }] }),
    });
    const [chip] = await resolveMentions([special('changes')], changed, 256 * KB);
    assert.ok(chip.code.startsWith('Repository: app\nStaged:\n```diff\ndiff --git a/a b/a\n+new\n```\nUntracked files'));
    const clean = readersFor([ws], {
      changes: async () => ({ ok: true, repos: [{ name: 'app', staged: '', unstaged: '', untracked: [] }] }),
    });
    assert.equal((await resolveMentions([special('changes')], clean, 256 * KB))[0].note, 'no uncommitted changes');
    assert.equal((await resolveMentions([special('changes')], readersFor([ws]), 256 * KB))[0].note, 'not read: Git is not available');
  });

  it('a reader that throws becomes a note on its chip, not a failed message', async () => {
    const readers = readersFor([ws], {
      readPrefix: async () => {
        throw Object.assign(new Error('denied'), { code: 'EACCES' });
      },
    });
    const [chip] = await resolveMentions([file('src/app.ts')], readers, 256 * KB);
    assert.equal(chip.note, 'could not be read: EACCES');
  });

  it('a single long line (minified) is cut inside the line, but less than 1 KB of room leaves the chip out', async () => {
    write('min.js', 'x'.repeat(10 * KB));
    const [chip] = await resolveMentions([file('min.js')], readersFor([ws]), 4 * KB);
    assert.equal(chip.code.length, 4 * KB);
    assert.equal(chip.label, 'min.js:1');
    const [tiny] = await resolveMentions([file('min.js')], readersFor([ws]), 1000);
    assert.equal(tiny.code, '');
    assert.match(tiny.note ?? '', /^left out/);
    write('lines.txt', 'short line\n'.repeat(500));
    const [fragment] = await resolveMentions([file('lines.txt')], readersFor([ws]), 1000);
    assert.equal(fragment.code, '', 'not a few lines of a long file');
  });

  it('languageForPath', () => {
    assert.equal(languageForPath('a/b.TS'), 'typescript');
    assert.equal(languageForPath('Makefile'), '');
    assert.equal(languageForPath('.env'), '');
    assert.equal(languageForPath('x.tar.gz'), '');
  });
});
