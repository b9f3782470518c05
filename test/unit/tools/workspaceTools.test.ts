import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_LIST_ENTRIES } from '../../../src/core/tools/listFiles';
import type { ProblemInfo } from '../../../src/core/tools/problems';
import type { PreparedCall, ToolOutcome } from '../../../src/core/tools/toolTypes';
import { TOOLS_OFF, WorkspaceTools, type WorkspaceAccess } from '../../../src/core/tools/workspaceTools';
import { createToolWorkspace, ripgrepBinaries, type ToolWorkspace } from './toolWorkspace';

let callId = 0;
const call = (name: string, args: object | string) => ({
  id: `call_${++callId}`,
  name,
  arguments: typeof args === 'string' ? args : JSON.stringify(args),
});

function refusal(prepared: PreparedCall): ToolOutcome {
  assert.equal(prepared.ok, false, 'expected a refusal');
  return (prepared as { outcome: ToolOutcome }).outcome;
}

async function run(prepared: PreparedCall): Promise<ToolOutcome> {
  if (!prepared.ok) assert.fail(`expected the call to be ready, got: ${prepared.outcome.output}`);
  return prepared.run(new AbortController().signal);
}

describe('tools/workspaceTools', () => {
  let ws: ToolWorkspace;
  let tools: WorkspaceTools;
  const prepare = (name: string, args: object | string, access?: Partial<WorkspaceAccess>) =>
    (access ? new WorkspaceTools(ws.access(access)) : tools).prepare(call(name, args));

  before(async () => {
    ws = await createToolWorkspace();
    tools = new WorkspaceTools(ws.access());
  });
  after(async () => {
    await ws.remove();
  });

  describe('when the tools are off (Restricted Mode, or the setting)', () => {
    it('offers no definitions and refuses every call', async () => {
      const off = new WorkspaceTools(ws.access({ enabled: () => false }));
      assert.deepEqual(off.definitions(), []);
      const outcome = refusal(await off.prepare(call('read_file', { path: 'src/app.ts' })));
      assert.equal(outcome.status, 'refused');
      assert.equal(outcome.output, TOOLS_OFF);
    });
    it('offers the five tools when on', () => {
      assert.equal(tools.definitions().length, 5);
    });
  });

  describe('arguments', () => {
    it('answers an unknown tool, bad JSON or a wrong type with the validation text', async () => {
      assert.match(refusal(await prepare('run_command', { cmd: 'rm -rf /' })).output, /^Unknown tool "run_command"/);
      assert.match(refusal(await prepare('read_file', '{"path":')).output, /not valid JSON/);
      assert.match(refusal(await prepare('read_file', { path: 7 })).output, /"path" must be a string/);
      assert.match(refusal(await prepare('search_text', { query: 'q'.repeat(5000) })).output, /longer than 1000/);
    });
  });

  describe('confinement: every escape is a refused outcome, never an exception', () => {
    const escapes: [string, RegExp][] = [
      ['../outside/secret.txt', /^"\.\.\/outside\/secret\.txt" is outside the workspace\.$/],
      ['src/../../outside/secret.txt', /is outside the workspace/],
      ['/etc/passwd', /is outside the workspace/],
      ['~/.ssh/id_rsa', /is not a workspace path \(home directory\)/],
      ['file:///etc/passwd', /is not a workspace path \(URI\)/],
      ['C:\\Windows\\win.ini', /is not a workspace path \(drive letter\)/],
      ['\\\\server\\share\\x', /is not a workspace path \(network or device path\)/],
      ['src/app.ts\u0000.png', /control characters/],
      ['link-out.txt', /is outside the workspace \(a link points outside\)/],
      ['link-dir/secret.txt', /is outside the workspace \(a link points outside\)/],
      ['link-dir', /is outside the workspace \(a link points outside\)/],
    ];
    for (const [path, reason] of escapes) {
      it(`refuses ${JSON.stringify(path)} for every tool that takes a path`, async () => {
        for (const name of ['read_file', 'list_files', 'get_problems', 'get_symbols']) {
          const outcome = refusal(await prepare(name, { path }));
          assert.equal(outcome.status, 'refused');
          assert.match(outcome.output, reason, `${name}: ${outcome.output}`);
          assert.doesNotMatch(outcome.output, /needle/);
        }
      });
    }
    it('refuses an absolute path outside even when it exists', async () => {
      const outcome = refusal(await prepare('read_file', { path: join(ws.outside, 'secret.txt') }));
      assert.match(outcome.output, /is outside the workspace\.$/);
    });
    it('accepts an absolute path inside the workspace', async () => {
      const outcome = await run(await prepare('read_file', { path: join(ws.root.fsPath, 'src/app.ts') }));
      assert.equal(outcome.status, 'done');
      assert.equal(outcome.reads?.[0].path, 'src/app.ts');
    });
  });

  describe('read_file', () => {
    it('reads a range and reports what was read', async () => {
      const outcome = await run(await prepare('read_file', { path: 'src/app.ts', startLine: 2, endLine: 3 }));
      assert.deepEqual(outcome, {
        status: 'done',
        output: 'src/app.ts (lines 2-3 of 4):\n    2| const needle = 1;\n    3| export default needle;',
        summary: 'src/app.ts lines 2-3 of 4, 1 KB',
        truncated: undefined,
        reads: [{ path: 'src/app.ts', startLine: 2, endLine: 3 }],
      });
    });

    it('answers a .clineignored file exactly like a missing one (also through a link)', async () => {
      const missing = refusal(await prepare('read_file', { path: 'nope.txt' })).output;
      assert.equal(missing, 'nope.txt: file not found or ignored.');
      assert.equal(refusal(await prepare('read_file', { path: 'secret-plan.md' })).output, 'secret-plan.md: file not found or ignored.');
      assert.equal(
        refusal(await prepare('read_file', { path: 'private/notes.txt' })).output,
        'private/notes.txt: file not found or ignored.',
      );
      assert.equal(
        refusal(await prepare('read_file', { path: 'public-notes.txt' })).output,
        'public-notes.txt: file not found or ignored.',
      );
      assert.equal(refusal(await prepare('list_files', { path: 'private' })).output, 'private: file not found or ignored.');
    });

    it('refuses a binary file and a folder', async () => {
      assert.equal(
        refusal(await prepare('read_file', { path: 'image.png' })).output,
        'image.png is a binary file: read_file reads only text files.',
      );
      assert.match(refusal(await prepare('read_file', { path: 'src' })).output, /^src is a folder, not a file: use list_files/);
    });

    it('marks a protected file, by its name or through a link, for an explicit Allow; it reads once allowed', async () => {
      const env = await prepare('read_file', { path: '.env' });
      assert.ok(env.ok);
      assert.equal(env.protectedPath, '.env');
      const outcome = await run(env);
      assert.match(outcome.output, /NEEDLE_KEY=needle-secret/);
      const link = await prepare('read_file', { path: 'notes.txt' });
      assert.ok(link.ok);
      assert.equal(link.protectedPath, 'notes.txt', 'notes.txt -> .env is protected too');
      for (const path of ['config/.env.local', 'keys/server.pem', '.git/config', '.ENV']) {
        const prepared = await prepare('read_file', { path });
        if (path === '.ENV' && !prepared.ok) continue; // a case-sensitive file system: there is no .ENV
        assert.ok(prepared.ok && prepared.protectedPath !== undefined, path);
      }
      const plain = await prepare('read_file', { path: 'src/app.ts' });
      assert.ok(plain.ok && plain.protectedPath === undefined);
    });

    it('reads a .gitignored file named by path (ignored is noise, not secret)', async () => {
      const outcome = await run(await prepare('read_file', { path: 'ignored.log' }));
      assert.equal(outcome.status, 'done');
    });

    it('refuses a start past the end when it runs', async () => {
      const outcome = await run(await prepare('read_file', { path: 'src/app.ts', startLine: 99 }));
      assert.equal(outcome.status, 'refused');
      assert.equal(outcome.output, 'startLine 99 is past the end of src/app.ts, which has 4 lines.');
    });
  });

  describe('list_files', () => {
    it('lists the top level, folders first and marked, without ignored, protected or outside entries', async () => {
      const outcome = await run(await prepare('list_files', {}));
      // config/ and keys/ hold only protected files: the folders show, their secrets do not.
      assert.equal(
        outcome.output,
        ['.: 8 entries', '.github/', 'config/', 'docs/', 'keys/', 'src/', '.clineignore', '.gitignore', 'image.png'].join('\n'),
      );
      assert.equal(outcome.summary, '.: 8 entries');
      assert.deepEqual(outcome.reads, [{ path: '.' }]);
    });

    it('lists a folder recursively, with workspace-relative paths, and through a glob', async () => {
      const tree = await run(await prepare('list_files', { path: 'src', recursive: true }));
      assert.equal(
        tree.output,
        ['src/ (recursive): 4 entries', 'src/alias.ts', 'src/app.ts', 'src/util/', 'src/util/strings.ts'].join('\n'),
      );
      const globbed = await run(await prepare('list_files', { glob: '*.md' }));
      assert.equal(globbed.output, '. (recursive, matching "*.md"): 1 entry\ndocs/readme.md');
      const none = await run(await prepare('list_files', { glob: '*.env' }));
      assert.match(none.output, /nothing to list \(no entry matches the glob\)/);
    });

    it('refuses a file as the folder to list', async () => {
      assert.match(
        refusal(await prepare('list_files', { path: 'src/app.ts' })).output,
        /^src\/app\.ts is a file, not a folder: use read_file/,
      );
    });

    it('cuts a long listing with a note', async () => {
      const many = join(ws.root.fsPath, 'many');
      await mkdir(many);
      for (let i = 0; i < MAX_LIST_ENTRIES + 20; i++) await writeFile(join(many, `f${String(i).padStart(3, '0')}.txt`), '');
      const outcome = await run(await prepare('list_files', { path: 'many' }));
      const lines = outcome.output.split('\n');
      assert.equal(lines[0], `many/: ${MAX_LIST_ENTRIES}+ entries`);
      assert.equal(lines.length, MAX_LIST_ENTRIES + 2);
      assert.match(lines.at(-1)!, new RegExp(`^\\(Cut at ${MAX_LIST_ENTRIES} entries: `));
      assert.equal(outcome.truncated, true);
    });
  });

  describe('with several workspace folders', () => {
    let second: ToolWorkspace;
    let multi: WorkspaceTools;
    before(async () => {
      second = await createToolWorkspace('lib');
      multi = new WorkspaceTools(
        ws.access({ roots: () => [ws.root, second.root], filterFor: async (root) => (root === ws.root ? ws.filter : second.filter) }),
      );
    });
    after(async () => {
      await second.remove();
    });

    it('lists the folders, and names files with their folder first', async () => {
      const top = await run(await multi.prepare(call('list_files', {})));
      assert.equal(top.output, 'the workspace folders: 2 entries\nlib/\nws/');
      const read = await run(await multi.prepare(call('read_file', { path: 'lib/src/app.ts', endLine: 1 })));
      assert.equal(read.reads?.[0].path, 'lib/src/app.ts');
      const search = await run(await multi.prepare(call('search_text', { query: 'Needle' })));
      assert.match(search.output, /^ripgrep not found: searched with a slower scan\.\n2 matches in 2 files/);
      assert.match(search.output, /\nlib\/src\/util\/strings\.ts:3: A Needle in capitals\n/);
      assert.match(search.output, /\nws\/src\/util\/strings\.ts:3: A Needle in capitals/);
    });
  });

  describe('search_text', () => {
    it('uses the ripgrep it is given, and the slower scan without one', async function () {
      const [rg] = ripgrepBinaries();
      if (!rg) this.skip();
      const fast = await run(await prepare('search_text', { query: 'needle', glob: '*.ts' }, { ripgrepPath: () => rg }));
      const slow = await run(await prepare('search_text', { query: 'needle', glob: '*.ts' }));
      assert.match(fast.output, /^3 matches in 2 files for "needle" in files matching "\*\.ts":/);
      assert.equal(slow.output, `ripgrep not found: searched with a slower scan.\n${fast.output}`);
    });

    it('falls back to the scan, saying why, when the ripgrep given cannot run', async () => {
      const outcome = await run(await prepare('search_text', { query: 'needle' }, { ripgrepPath: () => join(ws.base, 'no-such-rg') }));
      assert.match(outcome.output, /^ripgrep could not run \(ENOENT\): searched with a slower scan\.\n5 matches in 4 files/);
    });
  });

  describe('get_problems', () => {
    const p = (file: string, line: number, severity: ProblemInfo['severity'], message: string): ProblemInfo => ({
      path: join(ws.root.fsPath, file),
      line,
      column: 1,
      severity,
      message,
    });
    const diagnostics = (): ProblemInfo[] => [
      p('src/app.ts', 2, 'error', "Cannot find module 'y'."),
      p('docs/readme.md', 1, 'warning', 'Heading style.'),
      p('.env', 1, 'error', "Unexpected token 'needle-secret'"),
      p('private/notes.txt', 1, 'error', 'ignored file problem'),
      { ...p('x', 1, 'error', 'outside'), path: join(ws.outside, 'secret.txt') },
    ];
    const access = { diagnostics: (abs?: string) => diagnostics().filter((d) => abs === undefined || d.path === abs) };

    it('lists the workspace’s errors and warnings, without protected, ignored or outside files', async () => {
      const outcome = await run(await prepare('get_problems', {}, access));
      assert.equal(
        outcome.output,
        "1 error, 1 warning in the workspace:\nsrc/app.ts:2:1: error: Cannot find module 'y'.\ndocs/readme.md:1:1: warning: Heading style.",
      );
      assert.equal(outcome.summary, 'the workspace: 1 error, 1 warning in 2 files');
    });

    it('lists a folder’s or a file’s problems; a protected file’s only after an Allow', async () => {
      const folder = await run(await prepare('get_problems', { path: 'src' }, access));
      assert.equal(folder.output, "1 error, 0 warnings in src:\nsrc/app.ts:2:1: error: Cannot find module 'y'.");
      const env = await prepare('get_problems', { path: '.env' }, access);
      assert.ok(env.ok && env.protectedPath === '.env');
      assert.match((await run(env)).output, /^1 error, 0 warnings in \.env:\n\.env:1:1: error: Unexpected token/);
      assert.equal(
        refusal(await prepare('get_problems', { path: 'private/notes.txt' }, access)).output,
        'private/notes.txt: file not found or ignored.',
      );
    });
  });

  describe('get_symbols', () => {
    it('writes the outline the adapter gives for the real file', async () => {
      const asked: string[] = [];
      const access = {
        symbols: async (abs: string) => {
          asked.push(abs);
          return [{ kind: 'variable', name: 'needle', startLine: 2, endLine: 2 }];
        },
      };
      const outcome = await run(await prepare('get_symbols', { path: 'src/alias.ts' }, access));
      assert.equal(outcome.output, 'Outline of src/alias.ts (1 symbol):\nvariable needle (line 2)');
      assert.deepEqual(outcome.reads, [{ path: 'src/alias.ts' }]);
      assert.match(asked[0], /src[\\/]app\.ts$/, 'the real path, not the link');
    });

    it('refuses a folder and asks before outlining a protected file', async () => {
      assert.match(refusal(await prepare('get_symbols', { path: 'docs' })).output, /^docs is a folder/);
      const env = await prepare('get_symbols', { path: '.env' });
      assert.ok(env.ok && env.protectedPath === '.env');
    });
  });

  describe('never throws', () => {
    it('turns a failing adapter into outcomes', async () => {
      const broken = {
        filterFor: async () => {
          throw new Error('settings unreadable');
        },
      };
      const prepared = refusal(await prepare('read_file', { path: 'src/app.ts' }, broken));
      assert.equal(prepared.status, 'failed');
      assert.match(prepared.output, /^The read_file call could not be checked: settings unreadable\.$/);
      const symbols = await run(
        await prepare(
          'get_symbols',
          { path: 'src/app.ts' },
          {
            symbols: async () => {
              throw Object.assign(new Error('boom'), { code: 'EPROVIDER' });
            },
          },
        ),
      );
      assert.deepEqual(symbols, {
        status: 'failed',
        output: 'The get_symbols call failed: EPROVIDER.',
        summary: 'The get_symbols call failed: EPROVIDER.',
      });
    });
  });
});
