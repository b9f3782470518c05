/**
 * The sidebar chat's host side in the real extension host, against the fake Cline REST server on
 * 127.0.0.1: the key's storage and use, that it never leaks, and history that shrugs off corruption.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/wiring/testHooks';
import type { HostMessage } from '../../src/protocol/chatProtocol';
import { reply, sse, startFakeClineServer, type FakeClineServer } from '../fixtures/fakeClineServer';
import { activateCompanion, waitFor } from './helpers';

const KEY = 'sk-test-SECRET-4f1c2d9e';
const ENV_KEY = 'sk-env-SECRET-77aa';

async function hooks(): Promise<TestHooks> {
  const ext = await activateCompanion();
  const h = (ext.exports as { testHooks?: TestHooks } | undefined)?.testHooks;
  assert.ok(h?.chat, 'test hooks are exported in test mode');
  return h;
}

/** The chat requests only: the model catalog is fetched from the same server. */
const chatRequests = (server: FakeClineServer) => server.waitForRequests(1, 30_000, '/chat/completions');

function allFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}

describe('chat (host side)', function () {
  let server: FakeClineServer;
  let h: TestHooks;
  const posted: HostMessage[] = [];

  before(async () => {
    h = await hooks();
    server = await startFakeClineServer();
    await vscode.workspace.getConfiguration('clineCompanion').update('chat.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    // Spy on everything posted to the webview (whether or not it is showing).
    const provider = h.chat.provider;
    const original = provider.post.bind(provider);
    provider.post = (m: HostMessage) => {
      posted.push(m);
      return original(m);
    };
  });

  after(async () => {
    await vscode.workspace.getConfiguration('clineCompanion').update('chat.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('clineCompanion.clearApiKey');
    delete process.env.CLINE_API_KEY;
    await server?.close();
  });

  beforeEach(() => server.reset());

  it('a key set by command lands in SecretStorage and is sent as the bearer token', async () => {
    delete process.env.CLINE_API_KEY;
    await vscode.commands.executeCommand('clineCompanion.setApiKey', KEY);
    assert.equal(await h.context.secrets.get('clineCompanion.apiKey'), KEY);
    assert.equal(await h.chat.keys.source(), 'secretStorage');
    await h.chat.controller.onMessage({ type: 'send', conversationId: null, text: 'Hello?', model: 'anthropic/claude-sonnet-4-6' });
    const [request] = await chatRequests(server);
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.equal(request.headers['x-title'], 'Cline Companion');
    assert.equal(request.body.model, 'anthropic/claude-sonnet-4-6');
    assert.equal(request.body.stream, true);
    assert.equal(request.body.messages.at(-1).content, 'Hello?');
  });

  it("a workspace's settings cannot point the chat, and so the key, at another server", async () => {
    const config = () => vscode.workspace.getConfiguration('clineCompanion');
    const elsewhere = 'http://127.0.0.1:9/v1';
    await assert.rejects(
      Promise.resolve(config().update('chat.baseUrl', elsewhere, vscode.ConfigurationTarget.Workspace)),
      'VS Code refuses to write the setting into the workspace',
    );
    // A repository's own .vscode/settings.json (the way a cloned project would try it), with a setting a workspace
    // may set, to see when VS Code has read the file.
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    const sentinel = 'codeLens.enabled';
    const write = (json: object) => vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(json)));
    await write({ 'clineCompanion.chat.baseUrl': elsewhere, [`clineCompanion.${sentinel}`]: false });
    try {
      await waitFor(() => config().inspect(sentinel)?.workspaceValue === false, 'VS Code reads the workspace settings');
      assert.equal(config().get('chat.baseUrl'), server.url, 'the user setting still decides');
    } finally {
      await vscode.workspace.fs.delete(file);
      await waitFor(() => config().inspect(sentinel)?.workspaceValue === undefined, 'the workspace settings are gone');
    }
  });

  it('falls back to CLINE_API_KEY from the environment when no key is stored', async () => {
    await vscode.commands.executeCommand('clineCompanion.clearApiKey');
    assert.equal(await h.chat.keys.source(), 'none');
    process.env.CLINE_API_KEY = ENV_KEY;
    assert.equal(await h.chat.keys.source(), 'environment');
    await h.chat.controller.newChat();
    await h.chat.controller.onMessage({ type: 'send', conversationId: null, text: 'From env', model: 'openai/gpt-4o' });
    const [request] = await chatRequests(server);
    assert.equal(request.headers.authorization, `Bearer ${ENV_KEY}`);
    delete process.env.CLINE_API_KEY;
  });

  it('with no key at all, a server other than the Cline API (here the local fake) is asked without one', async () => {
    // On the Cline API the question is kept and answered with a "Set API Key" error instead (a key is required
    // there: test/unit/chat/chatController.test.ts); this host cannot reach the real Cline API.
    delete process.env.CLINE_API_KEY;
    await vscode.commands.executeCommand('clineCompanion.clearApiKey');
    await h.chat.controller.newChat();
    posted.length = 0;
    await h.chat.controller.onMessage({ type: 'send', conversationId: null, text: 'No key yet', model: 'openai/gpt-4o' });
    const [request] = await chatRequests(server);
    assert.equal(request.headers.authorization, undefined, 'no Authorization header, not "Bearer undefined"');
    assert.equal(request.body.messages.at(-1).content, 'No key yet');
    const end = posted.find((m) => m.type === 'streamEnd');
    assert.ok(end && end.type === 'streamEnd' && end.status === 'done', JSON.stringify(end));
  });

  it('streams deltas (never whole conversations) and records tokens and cost', async () => {
    await vscode.commands.executeCommand('clineCompanion.setApiKey', KEY);
    server.script(
      reply.stream(
        [
          sse.role(),
          sse.reasoning('Thinking…'),
          ...Array.from({ length: 50 }, (_, i) => sse.content(`w${i} `)),
          sse.finish('stop', { prompt_tokens: 12, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 3 }, cost: 0.0021 }),
        ],
        { writeDelayMs: 2 },
      ),
    );
    await h.chat.controller.newChat();
    posted.length = 0;
    await h.chat.controller.onMessage({ type: 'send', conversationId: null, text: 'Stream please', model: 'openai/gpt-4o' });
    const end = await waitFor(() => posted.find((m) => m.type === 'streamEnd'), 'streamEnd');
    assert.equal(end.type === 'streamEnd' && end.status, 'done');
    const deltas = posted.filter((m) => m.type === 'streamDelta');
    const text = deltas.map((d) => (d.type === 'streamDelta' ? (d.content ?? '') : '')).join('');
    assert.equal(text, Array.from({ length: 50 }, (_, i) => `w${i} `).join(''));
    assert.ok(deltas.length < 50, `deltas are batched (${deltas.length} posts for 51 chunks)`);
    assert.ok(!posted.some((m) => m.type === 'conversation'), 'no whole conversation is posted while streaming');
    const answer = h.chat.controller.activeConversation!.messages.at(-1)!;
    assert.deepEqual(answer.usage, { promptTokens: 12, completionTokens: 50, cachedTokens: 3, cost: 0.0021 });
    assert.equal(answer.reasoning, 'Thinking…');
  });

  it('the chat settings reach the request: a plain model id from chat.model and a temperature set by the user', async () => {
    await vscode.commands.executeCommand('clineCompanion.setApiKey', KEY);
    const config = vscode.workspace.getConfiguration('clineCompanion');
    await config.update('chat.model', 'llama3', vscode.ConfigurationTarget.Global);
    await config.update('chat.temperature', 0.3, vscode.ConfigurationTarget.Global);
    try {
      posted.length = 0;
      await h.chat.controller.newChat();
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init?.type === 'init');
      assert.equal(init.defaultModel, 'llama3');
      assert.equal(
        posted.some((m) => m.type === 'modelRefused'),
        false,
      );
      await h.chat.controller.onMessage({ type: 'send', conversationId: null, text: 'Settings?', model: init.defaultModel });
      const [request] = await chatRequests(server);
      assert.equal(request.body.model, 'llama3');
      assert.equal(request.body.temperature, 0.3, 'a temperature set by the user is sent');
      assert.deepEqual(request.body.stream_options, { include_usage: true });
    } finally {
      await config.update('chat.model', undefined, vscode.ConfigurationTarget.Global);
      await config.update('chat.temperature', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('never writes the key to global state, settings, the log or any message posted to the webview', async () => {
    await vscode.commands.executeCommand('clineCompanion.setApiKey', KEY);
    process.env.CLINE_API_KEY = ENV_KEY;
    await h.chat.controller.onReady();
    await h.chat.controller.onMessage({ type: 'send', conversationId: null, text: 'leak check', model: 'openai/gpt-4o' });
    await waitFor(() => posted.some((m) => m.type === 'streamEnd'), 'streamEnd');
    delete process.env.CLINE_API_KEY;
    const state = JSON.stringify(h.context.globalState.keys().map((k) => [k, h.context.globalState.get(k)]));
    const settings = JSON.stringify(vscode.workspace.getConfiguration('clineCompanion'));
    const messages = JSON.stringify(posted);
    const logs = allFilesUnder(h.context.logUri.fsPath)
      .concat(allFilesUnder(path.dirname(h.context.logUri.fsPath)))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const storage = allFilesUnder(h.context.globalStorageUri.fsPath)
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    assert.ok(posted.length > 0 && messages.includes('leak check'), 'the spy saw the traffic');
    assert.ok(logs.includes('chat: asking'), 'our log file was found and read');
    assert.ok(storage.includes('leak check'), 'the history files were found and read');
    for (const [where, text] of Object.entries({ state, settings, messages, logs, storage })) {
      assert.ok(!text.includes(KEY), `the stored key leaked into ${where}`);
      assert.ok(!text.includes(ENV_KEY), `the environment key leaked into ${where}`);
    }
  });

  it('history: a corrupt conversation file is set aside as *.corrupt and the others still load', async () => {
    await vscode.commands.executeCommand('clineCompanion.setApiKey', KEY);
    await h.chat.controller.newChat();
    await h.chat.controller.onMessage({ type: 'send', conversationId: null, text: 'keep me', model: 'openai/gpt-4o' });
    await waitFor(() => posted.some((m) => m.type === 'streamEnd'), 'streamEnd');
    const good = h.chat.controller.activeConversation!.id;
    const dir = path.join(h.context.globalStorageUri.fsPath, 'chat', 'conversations');
    await waitFor(() => fs.existsSync(path.join(dir, `${good}.json`)), 'the conversation file');
    fs.writeFileSync(path.join(dir, 'broken-1.json'), '{"id": "broken-1", "messages": [ trunc');
    // The index may list it too: a crash between writes could leave exactly that.
    const indexFile = path.join(h.context.globalStorageUri.fsPath, 'chat', 'index.json');
    if (fs.existsSync(indexFile)) fs.writeFileSync(indexFile, '{ not json');
    posted.length = 0;
    await h.chat.controller.onReady();
    await h.chat.controller.onMessage({ type: 'openConversation', id: 'broken-1' });
    const init = posted.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    assert.ok(
      init.conversations.some((c) => c.id === good),
      'the good conversation is still listed',
    );
    await waitFor(() => fs.existsSync(path.join(dir, 'broken-1.json.corrupt')), 'the corrupt file moved aside');
    assert.ok(!fs.existsSync(path.join(dir, 'broken-1.json')));
    const reopened = await h.chat.controller
      .onMessage({ type: 'openConversation', id: good })
      .then(() => posted.filter((m) => m.type === 'conversation').at(-1));
    assert.ok(reopened && reopened.type === 'conversation' && reopened.conversation.messages[0].content === 'keep me');
  });
});
