/**
 * Restricted Mode in the real host (the `restricted` scenario: Workspace Trust on, the folder not trusted):
 * Cline Companion still activates (capabilities.untrustedWorkspaces is "limited"), and the host itself, not
 * only the view, keeps the workspace tools and file mentions off.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { HostMessage } from '../../src/protocol/chatProtocol';
import type { ChatFeatures } from '../../src/wiring/chatChunk';
import { reply, sse, startFakeClineServer, type FakeClineServer } from '../fixtures/fakeClineServer';
import { run, testHooks } from './clineHelpers';

describe('Restricted Mode: no workspace tools, no file mentions', function () {
  this.timeout(60_000);
  let chat: ChatFeatures;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the scenario opens the folder untrusted');
    chat = (await testHooks()).chat;
  });

  it('the state says so, and the view is told when it starts', async () => {
    assert.deepEqual(chat.workspace.state(), { trusted: false, tools: false, hasFolder: true });
    const posted: HostMessage[] = [];
    const original = chat.provider.post.bind(chat.provider);
    chat.provider.post = (m: HostMessage) => (posted.push(m), original(m));
    try {
      await chat.controller.onReady();
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init && init.type === 'init');
      assert.deepEqual(init.workspace, { trusted: false, tools: false, hasFolder: true });
    } finally {
      chat.provider.post = original;
    }
  });

  it('no tool is offered, and a call is refused on the host', async () => {
    assert.deepEqual(chat.workspace.tools.definitions(), []);
    const prepared = await chat.workspace.tools.prepare({
      id: 'c1',
      name: 'read_file',
      arguments: JSON.stringify({ path: 'src/cart.ts' }),
    });
    assert.ok(!prepared.ok);
    assert.match(prepared.outcome.output, /Restricted Mode/);
  });

  it('a file or folder mention is not read, and the chip says why; no file is suggested', async () => {
    const chips = await chat.workspace.readMentions([
      { kind: 'file', path: 'src/cart.ts', label: '@src/cart.ts' },
      { kind: 'folder', path: 'src', label: '@src/' },
    ]);
    for (const chip of chips) {
      assert.equal(chip.code, '');
      assert.match(chip.note ?? '', /Restricted Mode/);
    }
    const suggestions = await chat.workspace.suggestMentions('cart');
    assert.ok(!suggestions.some((s) => s.kind === 'file' || s.kind === 'folder'), JSON.stringify(suggestions));
  });

  it('Review Changes starts no task and says why', async () => {
    const result = await run('clineCompanion.reviewChanges');
    assert.ok(!result.ok);
    assert.match(result.message, /Restricted Mode/);
  });

  describe('a question in the chat', () => {
    let server: FakeClineServer;
    before(async () => {
      server = await startFakeClineServer();
      await vscode.workspace.getConfiguration('clineCompanion').update('chat.baseUrl', server.url, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('clineCompanion.setApiKey', 'sk-test-restricted');
    });
    after(async () => {
      await vscode.workspace.getConfiguration('clineCompanion').update('chat.baseUrl', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('clineCompanion.clearApiKey');
      await server?.close();
    });

    it('is sent without tools and without the mentioned file’s text', async () => {
      server.script(reply.stream([sse.role(), sse.content('Fine.'), sse.finish('stop')]));
      await chat.controller.newChat();
      await chat.controller.onMessage({
        type: 'send',
        conversationId: null,
        text: 'What does the cart do?',
        model: 'openai/gpt-4o',
        mentions: [{ kind: 'file', path: 'src/cart.ts', label: '@src/cart.ts' }],
      });
      const [request] = await server.waitForRequests(1, 30_000, '/chat/completions');
      assert.equal(request.body.tools, undefined);
      assert.doesNotMatch(JSON.stringify(request.body.messages), /class Cart/);
    });
  });

  it('task events are not connected into the untrusted workspace: nothing is written there', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the scenario opens a folder');
    const hooks = vscode.Uri.joinPath(folder.uri, '.clinerules', 'hooks');
    const exists = async (): Promise<boolean> =>
      vscode.workspace.fs.stat(hooks).then(
        () => true,
        () => false,
      );
    assert.equal(await exists(), false, 'no hooks folder before');
    const ok = await vscode.commands.executeCommand<boolean>('clineCompanion.connectTaskEvents', { scope: 'workspace' });
    assert.equal(ok, false, 'the connect from code answers false');
    assert.equal(await exists(), false, 'no hooks folder was created in the untrusted workspace');
  });
});
