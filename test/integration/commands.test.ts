import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { resetStandIn, standInCalls, waitFor } from './helpers';
import {
  assertContextBlock,
  clineInternals,
  closeAllEditors,
  exactCalls,
  openInEditor,
  run,
  withSettings,
  workspaceUri,
} from './clineHelpers';

const cart = () => workspaceUri('src', 'cart.ts');
/** Lines as people count them, 1-based and inclusive, to a range covering them whole. */
async function lines(uri: vscode.Uri, first: number, last: number): Promise<vscode.Range> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return new vscode.Range(first - 1, 0, last - 1, doc.lineAt(last - 1).text.length);
}
async function textOf(uri: vscode.Uri, first: number, last: number): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return doc.getText(await lines(uri, first, last));
}
async function onlyTaskText(): Promise<string> {
  const [call] = await exactCalls(1);
  assert.equal(call.method, 'startNewTask');
  return call.args[0] as string;
}

describe('Cline commands (stand-in Cline installed)', () => {
  before(clineInternals);
  beforeEach(resetStandIn);
  afterEach(closeAllEditors);

  describe('template commands, run from code with (uri, range)', () => {
    for (const [command, opening] of [
      ['clineCompanion.explain', /^Explain the following typescript code from src\/cart\.ts \(lines 20-24\)/],
      ['clineCompanion.refactor', /^Refactor `Cart\.total` \(method\) in src\/cart\.ts \(lines 20-24\)/],
      ['clineCompanion.writeTests', /^Write unit tests for `Cart\.total` \(method\) in src\/cart\.ts/],
      ['clineCompanion.document', /^Write documentation comments for `Cart\.total` \(method\)/],
      ['clineCompanion.optimize', /^Improve the performance of `Cart\.total` \(method\)/],
    ] as const) {
      it(`${command}: exactly one startNewTask with the path, lines, language and fenced code`, async () => {
        const result = await run(command, cart(), await lines(cart(), 20, 24));
        assert.equal(result.ok, true);
        const text = await onlyTaskText();
        assert.match(text, opening);
        assertContextBlock(text, { path: 'src/cart.ts', language: 'typescript', lines: '20-24', code: await textOf(cart(), 20, 24) });
        assert.equal(result.ok && result.prompt, text, 'the command returns the prompt it sent');
      });
    }

    it('code holding ``` gets a longer fence (from the editor selection, no arguments)', async () => {
      await openInEditor(cart(), await lines(cart(), 28, 31));
      assert.equal((await run('clineCompanion.explain')).ok, true);
      const text = await onlyTaskText();
      const code = await textOf(cart(), 28, 31);
      assert.ok(code.includes('```'));
      assertContextBlock(text, { path: 'src/cart.ts', language: 'typescript', lines: '28-31', code });
      assert.ok(text.includes('````typescript\n'), 'a four-backtick fence');
    });

    it('with no selection, the symbol at the cursor is the target', async () => {
      const editor = await openInEditor(cart());
      editor.selection = new vscode.Selection(16, 4, 16, 4); // inside add()
      await waitFor(
        async () => ((await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', cart())) ?? []).length > 0,
        'TypeScript symbols',
      );
      assert.equal((await run('clineCompanion.refactor')).ok, true);
      const text = await onlyTaskText();
      assert.match(text, /^Refactor `Cart\.add` \(method\) in src\/cart\.ts \(lines 15-18\)/);
      assertContextBlock(text, { path: 'src/cart.ts', language: 'typescript', lines: '15-18', code: await textOf(cart(), 15, 18) });
    });
  });

  describe('fix, TODO, runPrompt, ask about file', () => {
    it('fix: the problem at the cursor, with its message, in the function around it', async () => {
      const broken = workspaceUri('src', 'broken.ts');
      const editor = await openInEditor(broken);
      await waitFor(() => vscode.languages.getDiagnostics(broken).length > 0, 'TypeScript diagnostics', 30_000);
      editor.selection = new vscode.Selection(2, 8, 2, 8);
      assert.equal((await run('clineCompanion.fix')).ok, true);
      const text = await onlyTaskText();
      assert.match(text, /^Fix the problems reported in src\/broken\.ts at lines 2-5:/);
      assert.match(text, /- Line 3, error ts\(2322\): Type 'number' is not assignable to type 'string'\./);
      assertContextBlock(text, { path: 'src/broken.ts', language: 'typescript', lines: '2-5', code: await textOf(broken, 2, 5) });
    });

    it('implementTodo(uri, line): the TODO text, its line and the code around it', async () => {
      assert.equal((await run('clineCompanion.implementTodo', cart(), 15)).ok, true);
      const text = await onlyTaskText();
      assert.match(text, /TODO \(line 16\): merge quantities when the same SKU is added twice/);
      assertContextBlock(text, { path: 'src/cart.ts', language: 'typescript', lines: '15-18', code: await textOf(cart(), 15, 18) });
    });

    it('implementTodo on a line without a TODO sends nothing', async () => {
      const result = await run('clineCompanion.implementTodo', cart(), 0);
      assert.equal(!result.ok && result.reason, 'noTarget');
      await new Promise((r) => setTimeout(r, 150));
      assert.deepEqual(await standInCalls(), []);
    });

    it('runPrompt with a built-in id runs that template; an unknown id sends nothing', async () => {
      assert.equal((await run('clineCompanion.runPrompt', 'explain', cart(), await lines(cart(), 20, 24))).ok, true);
      assert.match(await onlyTaskText(), /^Explain the following typescript code/);
      await resetStandIn();
      const unknown = await run('clineCompanion.runPrompt', 'no-such-template', cart());
      assert.equal(!unknown.ok && unknown.reason, 'invalidInput');
      await new Promise((r) => setTimeout(r, 150));
      assert.deepEqual(await standInCalls(), []);
    });

    it('runPrompt with a user template and {{input}} given as an option; the context block is added', async () => {
      await withSettings(
        { prompts: [{ id: 'review', title: 'Security Review', prompt: 'Review {{symbol}} for {{input}}.' }] },
        async () => {
          const result = await run('clineCompanion.runPrompt', 'review', cart(), await lines(cart(), 20, 24), {
            input: 'integer overflow',
          });
          assert.equal(result.ok, true);
          const text = await onlyTaskText();
          assert.match(text, /^Review `Cart\.total` \(method\) for integer overflow\./);
          assertContextBlock(text, { path: 'src/cart.ts', language: 'typescript', lines: '20-24', code: await textOf(cart(), 20, 24) });
        },
      );
    });

    it('askAboutFile(uri, question): the question about the whole file', async () => {
      const py = workspaceUri('src', 'inventory.py');
      assert.equal((await run('clineCompanion.askAboutFile', py, 'What does reserve return?')).ok, true);
      const text = await onlyTaskText();
      assert.match(text, /^What does reserve return\?\n\nThis is about src\/inventory\.py:/);
      const doc = await vscode.workspace.openTextDocument(py);
      // The file ends with a newline: its last "line" is empty and not counted.
      assertContextBlock(text, { path: 'src/inventory.py', language: 'python', lines: `1-${doc.lineCount - 1}`, code: doc.getText() });
    });
  });

  describe('what is inlined', () => {
    it('an unsaved document is inlined with its unsaved text, and says so', async () => {
      const editor = await openInEditor(cart());
      await editor.edit((e) => e.insert(new vscode.Position(21, 4), '// unsaved edit\n    '));
      try {
        assert.equal((await run('clineCompanion.explain', cart(), await lines(cart(), 20, 25))).ok, true);
        const text = await onlyTaskText();
        assert.ok(text.includes('File: src/cart.ts (unsaved'), text);
        assert.ok(text.includes('// unsaved edit'), 'the unsaved text is sent');
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    });

    it('an untitled document is inlined', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def draft():\n    return 42\n' });
      await vscode.window.showTextDocument(doc);
      assert.equal((await run('clineCompanion.explain', doc.uri, new vscode.Range(0, 0, 1, 13))).ok, true);
      const text = await onlyTaskText();
      assert.match(text, /File: Untitled-\d+ \(untitled, not on disk\)/);
      assert.ok(text.includes('```python\ndef draft():\n    return 42\n```'), text);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('a saved target above cline.maxInlineKB goes by path and lines, and the prompt says so', async () => {
      const big = workspaceUri('generated', 'big.ts');
      const body = Array.from({ length: 200 }, (_, i) => `export const value${i} = ${i}; // filler to make the file large`).join('\n');
      await vscode.workspace.fs.writeFile(big, Buffer.from(body));
      await withSettings({ 'cline.maxInlineKB': 1 }, async () => {
        assert.equal((await run('clineCompanion.explain', big, await lines(big, 1, 200))).ok, true);
        const text = await onlyTaskText();
        assert.match(
          text,
          /The code is too large to include here \(\d+ KB\)\. Read lines 1-200 of generated\/big\.ts from the workspace\./,
        );
        assert.ok(!text.includes('value199'), 'the code itself is not sent');
      });
    });
  });

  describe('startTaskWithImages(text, uris)', () => {
    // A real 1×1 PNG and the start of a JPEG (the sniffer reads the signature).
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
    const file = (name: string) => workspaceUri('generated', 'images', name);
    before(async () => {
      await vscode.workspace.fs.writeFile(file('dot.png'), PNG);
      await vscode.workspace.fs.writeFile(file('photo.jpg'), JPEG);
      await vscode.workspace.fs.writeFile(file('really-a-jpeg.png'), JPEG);
      await vscode.workspace.fs.writeFile(file('not-an-image.png'), Buffer.from('just text'));
      await vscode.workspace.fs.writeFile(file('picture.bmp'), Buffer.from('BM....'));
      await vscode.workspace.fs.writeFile(file('large.png'), Buffer.concat([PNG, Buffer.alloc(200 * 1024)]));
    });

    it('sends the images as data URLs with the MIME type of their bytes', async () => {
      const result = await run('clineCompanion.startTaskWithImages', 'Build this UI', [
        file('dot.png'),
        file('photo.jpg'),
        file('really-a-jpeg.png'),
      ]);
      assert.equal(result.ok, true);
      const [call] = await exactCalls(1);
      assert.equal(call.method, 'startNewTask');
      assert.equal(call.args[0], 'Build this UI');
      assert.deepEqual(call.args[1], [
        `data:image/png;base64,${PNG.toString('base64')}`,
        `data:image/jpeg;base64,${JPEG.toString('base64')}`,
        `data:image/jpeg;base64,${JPEG.toString('base64')}`,
      ]);
    });

    for (const [name, reason] of [
      ['large.png', /large\.png is 0\.2 MB, over the 0\.1 MB limit/],
      ['picture.bmp', /picture\.bmp is not a PNG, JPEG, WebP or GIF image/],
      ['not-an-image.png', /not-an-image\.png does not contain a PNG, JPEG, WebP or GIF image/],
    ] as const) {
      it(`refuses ${name} with a clear message and sends nothing, not even the good images`, async () => {
        await withSettings({ 'images.maxSizeMB': 0.1 }, async () => {
          const result = await run('clineCompanion.startTaskWithImages', 'Build this UI', [file('dot.png'), file(name)]);
          assert.equal(!result.ok && result.reason, 'invalidInput');
          assert.match(!result.ok ? result.message : '', /^Nothing was sent to Cline: /);
          assert.match(!result.ok ? result.message : '', reason);
          await new Promise((r) => setTimeout(r, 150));
          assert.deepEqual(await standInCalls(), []);
        });
      });
    }
  });

  describe('toggleCodeLens', () => {
    it('flips clineCompanion.codeLens.enabled in the user settings', async () => {
      const config = () => vscode.workspace.getConfiguration('clineCompanion');
      const before = config().inspect<boolean>('codeLens.enabled')?.globalValue;
      try {
        const first = await vscode.commands.executeCommand<boolean>('clineCompanion.toggleCodeLens');
        assert.equal(config().inspect<boolean>('codeLens.enabled')?.globalValue, first);
        const second = await vscode.commands.executeCommand<boolean>('clineCompanion.toggleCodeLens');
        assert.equal(second, !first);
        assert.equal(config().inspect<boolean>('codeLens.enabled')?.globalValue, second);
      } finally {
        await config().update('codeLens.enabled', before, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('keybindings', () => {
    it("approve and reject have keys that none of VS Code's default keybindings use", async () => {
      const ext = vscode.extensions.getExtension('cline-companion.cline-companion')!;
      const ours: { command: string; key: string; mac?: string }[] = ext.packageJSON.contributes.keybindings.filter(
        (k: { command: string }) => /^clineCompanion\.(approve|reject)$/.test(k.command),
      );
      assert.deepEqual(ours.map((k) => k.command).sort(), ['clineCompanion.approve', 'clineCompanion.reject']);
      await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
      const doc = await waitFor(
        () =>
          vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.getText().includes('"key"') && d.getText().length > 10_000),
        'the default keybindings',
      );
      const defaults: { key: string; command: string }[] = JSON.parse(
        doc
          .getText()
          .split('\n')
          .filter((l) => !l.trim().startsWith('//'))
          .join('\n'),
      );
      const norm = (key: string) =>
        key
          .split(' ')
          .map((part) => part.split('+').sort().join('+'))
          .join(' ');
      for (const k of ours) {
        const clashes = defaults.filter(
          (d) => !d.command.startsWith('clineCompanion.') && (norm(d.key) === norm(k.key) || norm(d.key).startsWith(`${norm(k.key)} `)),
        );
        assert.deepEqual(clashes, [], `${k.key} (${k.command}) is taken`);
      }
      // The obvious choices are taken, which is why we do not use them.
      assert.ok(
        defaults.some((d) => norm(d.key) === norm('ctrl+alt+enter')),
        'ctrl+alt+enter is a default (Replace All)',
      );
      assert.ok(
        defaults.some((d) => norm(d.key) === norm('ctrl+alt+backspace')),
        'ctrl+alt+backspace is a default',
      );
    });
  });
});
