/**
 * The workspace tools and mentions in a multi-root workspace in the real host (the `multiRoot` scenario: a
 * `.code-workspace` with the folders `app`, the fixture, and `lib`): the first segment of a path names the
 * folder, paths are shown with it, a link from one folder into the other stays inside, a link out does not.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ToolOutcome } from '../../src/core/tools/toolTypes';
import type { ChatFeatures } from '../../src/wiring/chatChunk';
import { run, testHooks } from './clineHelpers';
import { turnGitOffAndWait } from './helpers';

const SECRET = 'MULTI-OUTSIDE-SECRET-81';

describe('workspace tools in a multi-root workspace', function () {
  this.timeout(60_000);
  let chat: ChatFeatures;
  let lib: string;
  let outside: string;

  async function call(name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
    const prepared = await chat.workspace.tools.prepare({ id: `c-${name}`, name, arguments: JSON.stringify(args) });
    return prepared.ok ? prepared.run(new AbortController().signal) : prepared.outcome;
  }

  before(async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepEqual(
      folders.map((f) => f.name),
      ['app', 'lib'],
    );
    chat = (await testHooks()).chat;
    lib = folders[1].uri.fsPath;
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'companion-outside-')));
    fs.writeFileSync(path.join(outside, 'secret.txt'), `${SECRET}\n`);
    fs.writeFileSync(path.join(lib, 'util.ts'), 'export function helper(): number {\n  return 42;\n}\n');
    fs.writeFileSync(path.join(lib, '.env'), 'LIB_TOKEN=abc\n');
    fs.symlinkSync(path.join(folders[0].uri.fsPath, 'src', 'cart.ts'), path.join(lib, 'cart-link.ts'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(lib, 'out-link.txt'));
  });

  after(() => {
    for (const name of ['util.ts', '.env', 'cart-link.ts', 'out-link.txt']) fs.rmSync(path.join(lib, name), { force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('reads by folder name, and lists the folders at the top', async () => {
    const util = await call('read_file', { path: 'lib/util.ts' });
    assert.equal(util.status, 'done');
    assert.match(util.output, /return 42/);
    assert.match(util.summary, /^lib\/util\.ts/);
    const cart = await call('read_file', { path: 'app/src/cart.ts' });
    assert.equal(cart.status, 'done');
    const top = await call('list_files', {});
    assert.match(top.output, /^app\/$/m);
    assert.match(top.output, /^lib\/$/m);
  });

  it('a link into the other folder stays inside; a link out is refused', async () => {
    const inside = await call('read_file', { path: 'lib/cart-link.ts' });
    assert.equal(inside.status, 'done');
    assert.match(inside.output, /class Cart/);
    const out = await call('read_file', { path: 'lib/out-link.txt' });
    assert.equal(out.status, 'refused');
    assert.match(out.output, /outside the workspace/);
    assert.ok(!out.output.includes(SECRET));
  });

  it('search_text searches both folders and names each', async () => {
    const found = await call('search_text', { query: 'return 42' });
    assert.match(found.output, /lib\/util\.ts:2/);
    const cart = await call('search_text', { query: 'class Cart' });
    assert.match(cart.output, /app\/src\/cart\.ts:\d+/);
    const secret = await call('search_text', { query: SECRET });
    assert.ok(!secret.output.includes(`${SECRET}\n`) && !/out-link/.test(secret.output), secret.output);
  });

  it('mentions and suggestions carry the folder name', async () => {
    const [chip, env] = await chat.workspace.readMentions([
      { kind: 'file', path: 'lib/util.ts', label: '@lib/util.ts' },
      { kind: 'file', path: 'lib/.env', label: '@lib/.env' },
    ]);
    assert.equal(chip.label, 'lib/util.ts:1-3');
    assert.match(env.note ?? '', /protected/);
    const suggestions = await chat.workspace.suggestMentions('util');
    assert.ok(
      suggestions.some((s) => s.path === 'lib/util.ts'),
      JSON.stringify(suggestions),
    );
  });

  describe('the changes of every repository (Git)', () => {
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd, stdio: 'pipe' });
    let app: string;
    before(async () => {
      app = vscode.workspace.workspaceFolders![0].uri.fsPath;
      for (const folder of [app, lib]) {
        git(folder, 'init', '-q');
        git(folder, 'add', '-A');
        git(folder, 'commit', '-q', '--allow-empty', '-m', 'start');
      }
      fs.appendFileSync(path.join(app, 'src', 'cart.ts'), '// changed in app\n');
      fs.writeFileSync(path.join(lib, 'util.ts'), 'export function helper(): number {\n  return 43;\n}\n');
      await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      await turnGitOffAndWait();
      git(app, 'checkout', '-q', '--', 'src/cart.ts');
      for (const folder of [app, lib]) fs.rmSync(path.join(folder, '.git'), { recursive: true, force: true });
    });

    it('@changes and Review Changes name each repository with its diff', async () => {
      const [chip] = await chat.workspace.readMentions([{ kind: 'changes', label: '@changes' }]);
      assert.match(chip.code, /^Repository: app\n[^]*\+\/\/ changed in app/m);
      assert.match(chip.code, /^Repository: lib\n[^]*- {2}return 42;\n\+ {2}return 43;/m);
      // No Cline here: the command fails to start the task, and hands back the prompt it would have sent.
      const result = await run('clineCompanion.reviewChanges');
      assert.match(result.prompt ?? '', /Repository: app[^]*Repository: lib/);
    });
  });
});
