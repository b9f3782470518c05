/**
 * The Quick Chat's workspace tools and `@` mentions in the real extension host, through the real adapters
 * (VS Code's folders, file system, diagnostics, symbols, ripgrep, file watcher, Git): a workspace with links
 * that point outside (a file and a folder), a `.clineignore`, an `.env`; and the same through the chat, with the
 * fake Cline server calling the tools. Review Changes with Cline against a real Git repository.
 *
 * The links are made at run time in the host's copy of the fixture (never committed: they would be absolute).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ContextChip, HostMessage, Mention } from '../../src/protocol/chatProtocol';
import type { PreparedCall, ToolOutcome } from '../../src/core/tools/toolTypes';
import type { ChatFeatures } from '../../src/wiring/chatChunk';
import { reply, sse, startFakeClineServer, toolResultsOf, type FakeClineServer } from '../fixtures/fakeClineServer';
import { resetStandIn, turnGitOffAndWait, waitFor } from './helpers';
import { exactCalls, run, testHooks, withSettings } from './clineHelpers';

/** Words that must never leave the machine: each sits where no tool or mention may read it. */
const OUTSIDE_SECRET = 'OUTSIDE-SECRET-7d1e';
const ENV_SECRET = 'ENV-SECRET-9f2a';
const IGNORED_SECRET = 'IGNORED-SECRET-3c4b';
const FINDME = 'FINDME-WORD-5e6f';

let chat: ChatFeatures;
let ws: string;
let outside: string;

async function prepare(name: string, args: Record<string, unknown>): Promise<PreparedCall> {
  return chat.workspace.tools.prepare({ id: `call-${name}`, name, arguments: JSON.stringify(args) });
}

/** Prepares and, when it may run, runs a call as an Allow would. */
async function call(name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
  const prepared = await prepare(name, args);
  return prepared.ok ? prepared.run(new AbortController().signal) : prepared.outcome;
}

const mention = (kind: Mention['kind'], p?: string): Mention => ({ kind, ...(p ? { path: p } : {}), label: `@${p ?? kind}` });
const readMentions = (mentions: Mention[]): Promise<ContextChip[]> => chat.workspace.readMentions(mentions);

function assertNoSecret(text: string, where: string): void {
  for (const secret of [OUTSIDE_SECRET, ENV_SECRET, IGNORED_SECRET])
    assert.ok(!text.includes(secret), `${secret} leaked in ${where}:\n${text}`);
}

describe('workspace tools and mentions (real adapters)', function () {
  this.timeout(60_000);

  before(async () => {
    chat = (await testHooks()).chat;
    ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'companion-outside-')));
    fs.writeFileSync(path.join(outside, 'secret.txt'), `${OUTSIDE_SECRET}\n`);
    fs.mkdirSync(path.join(outside, 'dir'));
    fs.writeFileSync(path.join(outside, 'dir', 'inner.txt'), `${OUTSIDE_SECRET} inner\n`);

    const tools = path.join(ws, 'wsTools');
    fs.mkdirSync(path.join(tools, 'ignored'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.clineignore'), 'wsTools/ignored/\n');
    fs.writeFileSync(path.join(tools, 'readme.md'), `# Notes\n\nThe word ${FINDME} is here.\n`);
    fs.writeFileSync(path.join(tools, '.env'), `API_KEY=${ENV_SECRET}\n`);
    fs.writeFileSync(path.join(tools, 'ignored', 'hidden.txt'), `${IGNORED_SECRET}\n`);
    fs.writeFileSync(path.join(tools, 'image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0]));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(tools, 'link-file.txt'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(tools, 'link-dir'));
    fs.symlinkSync(path.join(tools, 'readme.md'), path.join(tools, 'alias.md'));
  });

  after(() => {
    fs.rmSync(path.join(ws, 'wsTools'), { recursive: true, force: true });
    fs.rmSync(path.join(ws, '.clineignore'), { force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('the workspace is trusted here: tools on, a folder open', () => {
    assert.deepEqual(chat.workspace.state(), { trusted: true, tools: true, hasFolder: true });
    assert.deepEqual(
      chat.workspace.tools.definitions().map((d) => d.function.name),
      ['read_file', 'list_files', 'search_text', 'get_problems', 'get_symbols'],
    );
  });

  it('chat.tools.enabled off: no tools for the next request, and the view is told at once', async () => {
    const posted: HostMessage[] = [];
    const original = chat.provider.post.bind(chat.provider);
    chat.provider.post = (m: HostMessage) => (posted.push(m), original(m));
    try {
      await withSettings({ 'chat.tools.enabled': false }, async () => {
        assert.equal(chat.workspace.toolsNow(), undefined);
        assert.deepEqual(chat.workspace.tools.definitions(), []);
        await waitFor(() => posted.find((m) => m.type === 'workspace' && !m.workspace.tools), 'a workspace message with tools off');
      });
      await waitFor(() => posted.find((m) => m.type === 'workspace' && m.workspace.tools), 'a workspace message with tools on again');
      assert.equal(chat.workspace.toolsNow()?.runner, chat.workspace.tools);
    } finally {
      chat.provider.post = original;
    }
  });

  describe('read_file', () => {
    for (const [what, p] of [
      ['a link to a file outside', 'wsTools/link-file.txt'],
      ['a file through a link to a folder outside', 'wsTools/link-dir/inner.txt'],
      ['a .. escape', 'wsTools/../../outside.txt'],
      ['an absolute path outside', () => path.join(outside, 'secret.txt')],
      ['a file: URI', () => vscode.Uri.file(path.join(outside, 'secret.txt')).toString()],
    ] as const) {
      it(`refuses ${what} with "outside the workspace" or "not a workspace path", as the tool's result`, async () => {
        const prepared = await prepare('read_file', { path: typeof p === 'function' ? p() : p });
        assert.equal(prepared.ok, false);
        assert.ok(!prepared.ok);
        assert.equal(prepared.outcome.status, 'refused');
        assert.match(prepared.outcome.output, /outside the workspace|not a workspace path/);
        assertNoSecret(prepared.outcome.output, 'the refusal');
      });
    }

    it('reads a file inside, also through a link that stays inside, numbered with the total', async () => {
      const outcome = await call('read_file', { path: 'wsTools/alias.md' });
      assert.equal(outcome.status, 'done');
      assert.match(outcome.output, new RegExp(FINDME));
      assert.match(outcome.summary, /lines 1-3 of 3/);
    });

    it('a protected file (.env) is prepared to wait for an explicit Allow; a .clineignored one does not exist', async () => {
      const env = await prepare('read_file', { path: 'wsTools/.env' });
      assert.ok(env.ok, 'prepared, not refused');
      assert.equal(env.protectedPath, 'wsTools/.env');
      const ignored = await prepare('read_file', { path: 'wsTools/ignored/hidden.txt' });
      assert.ok(!ignored.ok);
      assert.match(ignored.outcome.output, /not found or ignored/);
    });

    it('a binary file is refused', async () => {
      const outcome = await call('read_file', { path: 'wsTools/image.bin' });
      assert.equal(outcome.status, 'refused');
      assert.match(outcome.output, /binary/);
    });
  });

  it('list_files skips the protected, the ignored and links that lead out', async () => {
    const outcome = await call('list_files', { path: 'wsTools', recursive: true });
    assert.equal(outcome.status, 'done');
    assert.match(outcome.output, /wsTools\/readme\.md/);
    assert.match(outcome.output, /wsTools\/alias\.md/);
    for (const hidden of ['.env', 'ignored', 'link-file', 'link-dir', 'inner.txt'])
      assert.ok(!outcome.output.includes(hidden), `${hidden} listed`);
  });

  it('search_text (VS Code’s ripgrep) finds text inside and nothing protected, ignored or behind a link out', async () => {
    assert.ok(chat.workspace.access.ripgrepPath(), `ripgrep found under ${vscode.env.appRoot}`);
    const found = await call('search_text', { query: FINDME });
    assert.equal(found.status, 'done');
    assert.match(found.output, /wsTools\/readme\.md:3/);
    assert.doesNotMatch(found.output, /slower scan/);
    const secrets = await call('search_text', { query: 'SECRET-', maxResults: 200 });
    assertNoSecret(secrets.output, 'search_text');
  });

  it('get_problems reports what VS Code’s diagnostics hold, and none of a protected file', async () => {
    const collection = vscode.languages.createDiagnosticCollection('companion-test');
    try {
      const readme = vscode.Uri.file(path.join(ws, 'wsTools', 'readme.md'));
      const env = vscode.Uri.file(path.join(ws, 'wsTools', '.env'));
      collection.set(readme, [new vscode.Diagnostic(new vscode.Range(2, 4, 2, 8), 'Test problem here', vscode.DiagnosticSeverity.Error)]);
      collection.set(env, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 3), `quotes ${ENV_SECRET}`, vscode.DiagnosticSeverity.Error)]);
      const one = await call('get_problems', { path: 'wsTools/readme.md' });
      assert.match(one.output, /wsTools\/readme\.md:3:5: error: Test problem here/);
      const all = await call('get_problems', {});
      assert.match(all.output, /Test problem here/);
      assertNoSecret(all.output, 'get_problems');
    } finally {
      collection.dispose();
    }
  });

  it('get_symbols gives the outline from the language’s symbol provider', async () => {
    const outcome = await waitFor(
      async () => {
        const o = await call('get_symbols', { path: 'src/cart.ts' });
        return /Cart/.test(o.output) ? o : undefined;
      },
      'the TypeScript outline of src/cart.ts',
      45_000,
    );
    assert.match(outcome.output, /class Cart/);
    assert.match(outcome.output, /total/);
  });

  describe('@ mentions', () => {
    it('a protected file the user mentions is read, with a note; the ignored, binary and outside ones are not', async () => {
      const [env, ignored, binary, linkOut, dirOut] = await readMentions([
        mention('file', 'wsTools/.env'),
        mention('file', 'wsTools/ignored/hidden.txt'),
        mention('file', 'wsTools/image.bin'),
        mention('file', 'wsTools/link-file.txt'),
        mention('folder', 'wsTools/link-dir'),
      ]);
      assert.equal(env.code, `API_KEY=${ENV_SECRET}\n`);
      assert.match(env.note ?? '', /protected/);
      assert.equal(env.label, 'wsTools/.env:1');
      for (const chip of [ignored, binary, linkOut, dirOut]) assert.equal(chip.code, '', chip.label);
      assert.match(ignored.note ?? '', /ignored/);
      assert.match(binary.note ?? '', /binary/);
      assert.match(linkOut.note ?? '', /outside the workspace/);
      assert.match(dirOut.note ?? '', /outside the workspace/);
    });

    it('a folder becomes a listing without protected, ignored or outside entries', async () => {
      const [chip] = await readMentions([mention('folder', 'wsTools')]);
      assert.equal(chip.label, 'wsTools/');
      assert.match(chip.code, /wsTools\/readme\.md/);
      for (const hidden of ['.env', 'ignored', 'link-']) assert.ok(!chip.code.includes(hidden), `${hidden} listed`);
    });

    it('the budget (chat.context.maxKB) cuts what does not fit and says so', async () => {
      fs.writeFileSync(path.join(ws, 'wsTools', 'big.txt'), 'a line of text that is long enough to count\n'.repeat(3000));
      await withSettings({ 'chat.context.maxKB': 16 }, async () => {
        const [big, readme] = await readMentions([mention('file', 'wsTools/big.txt'), mention('file', 'wsTools/readme.md')]);
        assert.ok(Buffer.byteLength(big.code) <= 16 * 1024);
        assert.match(big.note ?? '', /^cut: 16 KB of 129 KB/);
        assert.match(readme.note ?? '', /^left out: over the 16 KB budget/);
      });
    });

    it('suggestions: files and folders by fuzzy path, specials, never protected or ignored; kept current by the watcher', async () => {
      const names = async (query: string) => (await chat.workspace.suggestMentions(query)).map((s) => s.path ?? s.label);
      await waitFor(async () => (await names('readme')).includes('wsTools/readme.md'), 'readme.md suggested');
      assert.ok((await names('wsT')).includes('wsTools'), 'the folder is suggested');
      assert.ok(!(await names('.env')).some((n) => n.endsWith('.env')), '.env not suggested');
      assert.ok(!(await names('hidden')).some((n) => n.includes('hidden.txt')), 'ignored file not suggested');
      assert.ok((await chat.workspace.suggestMentions('chan')).some((s) => s.kind === 'changes'));
      const fresh = path.join(ws, 'wsTools', 'brandNewFile.ts');
      fs.writeFileSync(fresh, 'export {};\n');
      await waitFor(async () => (await names('brandNew')).includes('wsTools/brandNewFile.ts'), 'a new file suggested');
      fs.rmSync(fresh);
      await waitFor(async () => !(await names('brandNew')).includes('wsTools/brandNewFile.ts'), 'a deleted file no longer suggested');
    });
  });

  describe('through the chat, with the fake Cline server calling the tools', () => {
    let server: FakeClineServer;
    before(async () => {
      server = await startFakeClineServer();
      await vscode.workspace.getConfiguration('clineCompanion').update('chat.baseUrl', server.url, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('clineCompanion.setApiKey', 'sk-test-workspace');
    });
    after(async () => {
      await vscode.workspace.getConfiguration('clineCompanion').update('chat.baseUrl', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('clineCompanion.clearApiKey');
      await server?.close();
    });

    it('runs the calls, sends the results back, and nothing from outside, protected or ignored leaves the machine', async () => {
      server.script(
        reply.fromRequest((request) =>
          toolResultsOf(request).length === 0
            ? reply.toolCalls([
                { name: 'read_file', arguments: { path: 'wsTools/link-file.txt' } },
                { name: 'read_file', arguments: { path: 'wsTools/readme.md' } },
                { name: 'search_text', arguments: { query: 'SECRET-' } },
                { name: 'list_files', arguments: { path: 'wsTools/link-dir' } },
              ])
            : reply.stream([sse.role(), sse.content('Done.'), sse.finish('stop')]),
        ),
      );
      await chat.controller.newChat();
      await chat.controller.onMessage({
        type: 'send',
        conversationId: null,
        text: 'What is in wsTools?',
        model: 'openai/gpt-4o',
        mentions: [mention('file', 'wsTools/alias.md'), mention('file', 'wsTools/ignored/hidden.txt')],
      });
      const requests = await server.waitForRequests(2, 30_000, '/chat/completions');
      const [first, second] = requests;
      assert.ok(Array.isArray(first.body.tools) && first.body.tools.length === 5, 'the tools are offered');
      const question = JSON.stringify(first.body.messages.at(-1));
      assert.match(question, new RegExp(FINDME), 'the mentioned file is in the question');
      const results = toolResultsOf(second);
      assert.equal(results.length, 4);
      assert.match(results[0].content, /outside the workspace/);
      assert.match(results[1].content, new RegExp(FINDME));
      assert.match(results[3].content, /outside the workspace/);
      for (const request of server.requests) assertNoSecret(JSON.stringify(request.body ?? ''), `request ${request.index}`);
    });
  });

  describe('Review Changes with Cline (a real Git repository, the built-in Git extension)', () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], {
        cwd: ws,
        stdio: 'pipe',
      }).toString();
    let cartBefore: string;

    before(async function () {
      cartBefore = fs.readFileSync(path.join(ws, 'src', 'cart.ts'), 'utf8');
      fs.rmSync(path.join(ws, 'wsTools'), { recursive: true, force: true }); // only the fixture in the first commit
      git('init', '-q');
      git('add', '-A');
      git('commit', '-q', '-m', 'fixture');
      await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      await turnGitOffAndWait();
      fs.writeFileSync(path.join(ws, 'src', 'cart.ts'), cartBefore);
      fs.rmSync(path.join(ws, '.git'), { recursive: true, force: true });
      fs.rmSync(path.join(ws, 'src', 'added.ts'), { force: true });
      fs.rmSync(path.join(ws, 'src', 'newfile.ts'), { force: true });
    });
    beforeEach(resetStandIn);

    it('with nothing changed, no task starts and a message says so', async () => {
      const result = await run('clineCompanion.reviewChanges');
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.reason === 'noTarget');
      assert.match(!result.ok ? result.message : '', /no uncommitted changes/);
    });

    it('sends the staged and unstaged diffs and the untracked files to Cline as one task', async () => {
      fs.writeFileSync(path.join(ws, 'src', 'cart.ts'), cartBefore.replace(/^/, '// reviewed change\n'));
      fs.writeFileSync(path.join(ws, 'src', 'added.ts'), 'export const added = true;\n');
      git('add', 'src/added.ts');
      fs.writeFileSync(path.join(ws, 'src', 'newfile.ts'), 'export const untracked = 1;\n');
      const result = await run('clineCompanion.reviewChanges');
      assert.equal(result.ok, true, JSON.stringify(result));
      const [task] = await exactCalls(1);
      const text = task.args[0] as string;
      assert.match(text, /^Review the uncommitted changes/);
      assert.match(text, /Staged:\n```diff\n[^]*\+export const added = true;/);
      assert.match(text, /Not staged:\n```diff\n[^]*\+\/\/ reviewed change/);
      assert.match(text, /Untracked files .*src\/newfile\.ts/);
      assert.doesNotMatch(text, /\{\{/);
    });

    it('@changes in the chat is the same diff', async () => {
      const [chip] = await readMentions([mention('changes')]);
      assert.equal(chip.label, 'changes');
      assert.match(chip.code, /\+\/\/ reviewed change/);
    });
  });
});
