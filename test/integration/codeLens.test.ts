import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { resetStandIn, waitFor } from './helpers';
import { assertContextBlock, clineInternals, closeAllEditors, exactCalls, withSettings, workspaceUri } from './clineHelpers';

const cart = () => workspaceUri('src', 'cart.ts');
const inventory = () => workspaceUri('src', 'inventory.py');

/** Our lenses, resolved (titles filled), in document order. */
async function ourLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 1000)) ?? [];
  return all.filter((l) => l.command?.command.startsWith('clineCompanion.'));
}

/** Polls until the lens count is `count` (the TypeScript server answers symbol requests once it is up). */
async function lensesWhen(uri: vscode.Uri, count: number): Promise<vscode.CodeLens[]> {
  let last: vscode.CodeLens[] = [];
  try {
    return await waitFor(
      async () => {
        last = await ourLenses(uri);
        return last.length === count ? last : undefined;
      },
      `${count} lenses`,
      30_000,
    );
  } catch {
    assert.fail(`expected ${count} lenses, got ${last.length}: ${JSON.stringify(last.map((l) => [l.range.start.line, l.command?.title]))}`);
  }
}

const rows = (lenses: vscode.CodeLens[]) => [
  ...new Set(lenses.filter((l) => l.command?.command !== 'clineCompanion.implementTodo').map((l) => l.range.start.line)),
];

// 0-based lines of the names in cart.ts: class Cart, constructor, add, total, receipt, formatPrice.
// (size() and tiny are one-liners, below minLines; the interface is not a default kind.)
const CART_ROWS = [7, 10, 14, 19, 27, 33];
const CART_TODOS = [15, 34];

describe('code lenses (through vscode.executeCodeLensProvider)', () => {
  before(async () => {
    await clineInternals();
    await vscode.workspace.openTextDocument(cart());
  });
  afterEach(closeAllEditors);

  it('are off by default: no lens at all', async () => {
    assert.equal(vscode.workspace.getConfiguration('clineCompanion').get('codeLens.enabled'), false);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await ourLenses(cart()), []);
  });

  describe('when enabled', () => {
    const on = <T>(extra: Record<string, unknown>, fn: () => Promise<T>) => withSettings({ 'codeLens.enabled': true, ...extra }, fn);

    it('TypeScript: one row of Explain | Tests | Refactor per function, method, constructor and class, nested included', async () => {
      await on({}, async () => {
        const lenses = await lensesWhen(cart(), CART_ROWS.length * 3 + CART_TODOS.length);
        assert.deepEqual(rows(lenses), CART_ROWS);
        const totalRow = lenses.filter((l) => l.range.start.line === 19);
        assert.deepEqual(
          totalRow.map((l) => l.command?.title),
          ['$(comment-discussion) Explain', '$(beaker) Tests', '$(wand) Refactor'],
        );
        assert.deepEqual(
          totalRow.map((l) => l.command?.command),
          ['clineCompanion.explain', 'clineCompanion.writeTests', 'clineCompanion.refactor'],
        );
        assert.match(totalRow[0].command?.tooltip ?? '', /Cline: Explain — method Cart\.total \(lines 20-24\)/);
        for (const l of lenses) assert.ok(l.range.isEmpty, 'lenses sit at the start of a line');
      });
    });

    it('TODO lenses: "Implement with Cline" on TODO and FIXME comments, not on tags inside strings', async () => {
      await on({}, async () => {
        const lenses = await lensesWhen(cart(), CART_ROWS.length * 3 + CART_TODOS.length);
        const todos = lenses.filter((l) => l.command?.command === 'clineCompanion.implementTodo');
        assert.deepEqual(
          todos.map((l) => l.range.start.line),
          CART_TODOS,
        );
        assert.deepEqual(
          todos.map((l) => l.command?.title),
          ['$(checklist) Implement with Cline', '$(checklist) Implement with Cline'],
        );
      });
    });

    it('Python (no symbol provider here): TODO lenses only', async () => {
      await on({}, async () => {
        const lenses = await lensesWhen(inventory(), 2);
        assert.deepEqual(
          lenses.map((l) => [l.range.start.line, l.command?.command]),
          [
            [0, 'clineCompanion.implementTodo'],
            [6, 'clineCompanion.implementTodo'],
          ],
        );
      });
    });

    it('settings changes take effect at once', async () => {
      await on({ 'codeLens.actions': ['explain'] }, async () => {
        const lenses = await lensesWhen(cart(), CART_ROWS.length + CART_TODOS.length);
        assert.ok(
          lenses
            .filter((l) => l.command?.command !== 'clineCompanion.implementTodo')
            .every((l) => l.command?.title === '$(comment-discussion) Explain'),
        );
      });
      await on({ 'codeLens.minLines': 5 }, async () => {
        assert.deepEqual(rows(await lensesWhen(cart(), 3 * 3 + 2)), [7, 19, 33]);
      });
      await on({ 'codeLens.symbolKinds': ['class'] }, async () => {
        assert.deepEqual(rows(await lensesWhen(cart(), 3 + 2)), [7]);
      });
      await on({ 'codeLens.todo.enabled': false }, async () => {
        await lensesWhen(cart(), CART_ROWS.length * 3);
      });
      await on({ 'codeLens.todo.tags': ['FIXME'] }, async () => {
        const todos = (await lensesWhen(cart(), CART_ROWS.length * 3 + 1)).filter(
          (l) => l.command?.command === 'clineCompanion.implementTodo',
        );
        assert.deepEqual(
          todos.map((l) => l.range.start.line),
          [34],
        );
      });
      await on({ 'codeLens.maxPerFile': 2 }, async () => {
        assert.deepEqual(rows(await lensesWhen(cart(), 2 * 3 + 2)), [7, 10]);
      });
      // cart.ts is 1,087 bytes: above 1 KB no symbol request is made, TODO lenses stay.
      await on({ 'codeLens.maxFileSizeKB': 1 }, async () => {
        assert.deepEqual(rows(await lensesWhen(cart(), 2)), []);
      });
      await on({ 'codeLens.excludeLanguages': ['typescript'] }, async () => {
        await lensesWhen(cart(), 0);
        await lensesWhen(inventory(), 2);
      });
      await on({ 'codeLens.languages': ['python'] }, async () => {
        await lensesWhen(cart(), 0);
        await lensesWhen(inventory(), 2);
      });
      // And back on with the defaults.
      await on({}, () => lensesWhen(cart(), CART_ROWS.length * 3 + CART_TODOS.length));
    });

    it('a user template can be a lens action; unknown ids are skipped', async () => {
      await withSettings({ prompts: [{ id: 'review', title: 'Security Review', prompt: 'Review {{symbol}}.\n{{code}}' }] }, () =>
        on({ 'codeLens.actions': ['review', 'no-such-template'] }, async () => {
          const lenses = await lensesWhen(cart(), CART_ROWS.length + CART_TODOS.length);
          const review = lenses.find((l) => l.range.start.line === 19)!;
          assert.equal(review.command?.title, '$(sparkle) Security Review');
          assert.equal(review.command?.command, 'clineCompanion.runPrompt');
          assert.equal(review.command?.arguments?.[0], 'review');
        }),
      );
    });

    it("running a lens's command sends that symbol's code, and only that", async () => {
      await on({}, async () => {
        const lenses = await lensesWhen(cart(), CART_ROWS.length * 3 + CART_TODOS.length);
        const explainReceipt = lenses.find((l) => l.range.start.line === 27 && l.command?.command === 'clineCompanion.explain')!;
        await resetStandIn();
        await vscode.commands.executeCommand(explainReceipt.command!.command, ...(explainReceipt.command!.arguments ?? []));
        const [call] = await exactCalls(1);
        const doc = await vscode.workspace.openTextDocument(cart());
        const code = doc.getText(new vscode.Range(27, 0, 30, doc.lineAt(30).text.length));
        assertContextBlock(call.args[0] as string, { path: 'src/cart.ts', language: 'typescript', lines: '28-31', code });

        const refactorAdd = lenses.find((l) => l.range.start.line === 14 && l.command?.command === 'clineCompanion.refactor')!;
        await resetStandIn();
        await vscode.commands.executeCommand(refactorAdd.command!.command, ...(refactorAdd.command!.arguments ?? []));
        const [refactor] = await exactCalls(1);
        assert.match(refactor.args[0] as string, /^Refactor `Cart\.add` \(method\) in src\/cart\.ts \(lines 15-18\)/);

        const todo = lenses.find((l) => l.range.start.line === 34)!;
        await resetStandIn();
        await vscode.commands.executeCommand(todo.command!.command, ...(todo.command!.arguments ?? []));
        const [implement] = await exactCalls(1);
        assert.match(implement.args[0] as string, /FIXME \(line 35\): use Intl\.NumberFormat/);
        assert.match(implement.args[0] as string, /Lines: 34-38/);
      });
    });
  });
});
