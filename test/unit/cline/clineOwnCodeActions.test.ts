import assert from 'node:assert/strict';
import { actionsClineOffers, ClineOwnCodeActions, type DuplicatedAction } from '../../../src/core/cline/clineOwnCodeActions';
import { FakeClock } from '../fakeClock';

const CLINE_4 = ['cline.addToChat', 'cline.explainCode', 'cline.improveCode', 'cline.fixWithCline', 'workbench.action.files.save'];
/** Cline 3.x had "Add to Cline" and "Fix with Cline" only. */
const CLINE_3 = ['cline.addToChat', 'cline.fixWithCline'];

const sorted = (set: ReadonlySet<DuplicatedAction> | Promise<ReadonlySet<DuplicatedAction>>): string[] => {
  assert.ok(!(set instanceof Promise), 'expected the cached answer, got a wait');
  return [...set].sort();
};

/** A window whose registered commands and Cline's activation the test sets; counts the command requests. */
function fakeWindow(commands: string[] = [], active = true) {
  const window = {
    active,
    commands,
    requests: 0,
    pending: [] as (() => void)[],
    /** When true, requests wait until `answer()`. */
    hold: false,
    source: {
      clineActive: () => window.active,
      registeredCommands: () => {
        window.requests++;
        const snapshot = [...window.commands];
        return window.hold ? new Promise<string[]>((resolve) => window.pending.push(() => resolve(snapshot))) : Promise.resolve(snapshot);
      },
    },
    answer() {
      for (const resolve of window.pending.splice(0)) resolve();
    },
  };
  return window;
}

describe("Cline's own code actions", () => {
  it('maps Cline\'s commands to the actions of ours they duplicate: Fix, Explain, Refactor (Improve); "Add to Cline" duplicates none', () => {
    assert.deepEqual([...actionsClineOffers(CLINE_4)].sort(), ['explain', 'fix', 'refactor']);
    assert.deepEqual([...actionsClineOffers(CLINE_3)], ['fix']);
    assert.deepEqual([...actionsClineOffers(['cline.addToChat', 'clineCompanion.fix'])], []);
  });

  it('Cline not active: nothing, at once, and no command request', () => {
    const window = fakeWindow(CLINE_4, false);
    const own = new ClineOwnCodeActions(window.source, 3000, new FakeClock());
    assert.deepEqual(sorted(own.current()), []);
    assert.equal(window.requests, 0);
  });

  it('the first time Cline is active it waits for one check; then answers from the cache, at most one request per 3 s', async () => {
    const window = fakeWindow(CLINE_4);
    const clock = new FakeClock(1_000_000);
    const own = new ClineOwnCodeActions(window.source, 3000, clock);
    const first = own.current();
    assert.ok(first instanceof Promise, 'the first light bulb waits for the check');
    assert.deepEqual([...(await first)].sort(), ['explain', 'fix', 'refactor']);
    for (let i = 0; i < 50; i++) assert.deepEqual(sorted(own.current()), ['explain', 'fix', 'refactor']);
    assert.equal(window.requests, 1);

    // Cline's actions go away: the cache still says so until it is 3 s old, then a check in the background.
    window.commands = ['cline.addToChat'];
    clock.tick(2999);
    assert.deepEqual(sorted(own.current()), ['explain', 'fix', 'refactor']);
    assert.equal(window.requests, 1);
    clock.tick(1);
    assert.deepEqual(sorted(own.current()), ['explain', 'fix', 'refactor'], 'answers from the cache while it checks');
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(sorted(own.current()), []);
    assert.equal(window.requests, 2);
  });

  it('one check at a time, however often the light bulb asks meanwhile', async () => {
    const window = fakeWindow(CLINE_3);
    window.hold = true;
    const own = new ClineOwnCodeActions(window.source, 3000, new FakeClock());
    const waits = [own.current(), own.current(), own.current()];
    assert.equal(window.requests, 1);
    window.answer();
    for (const w of await Promise.all(waits)) assert.deepEqual([...w], ['fix']);
  });

  it('Cline deactivated, or extensions changed (forget): the next light bulb checks again, and an older answer is dropped', async () => {
    const window = fakeWindow(CLINE_4);
    const own = new ClineOwnCodeActions(window.source, 3000, new FakeClock());
    await own.current();
    window.active = false;
    assert.deepEqual(sorted(own.current()), []);
    window.active = true;
    window.commands = CLINE_3;
    assert.deepEqual([...(await own.current())], ['fix'], 'reactivated: checked again');

    // A check under way when extensions change must not store what it saw before the change.
    window.hold = true;
    window.commands = CLINE_4;
    const stale = own.check();
    own.forget();
    window.commands = [];
    const fresh = own.current();
    window.answer();
    assert.deepEqual([...(await stale)].sort(), ['explain', 'fix', 'refactor']);
    assert.deepEqual([...(await fresh)], []);
    assert.deepEqual(sorted(own.current()), []);
  });

  it("a failing command request counts as no actions of Cline's, so ours are all shown", async () => {
    const own = new ClineOwnCodeActions(
      { clineActive: () => true, registeredCommands: () => Promise.reject(new Error('host gone')) },
      3000,
      new FakeClock(),
    );
    assert.deepEqual([...(await own.current())], []);
    const throwing = new ClineOwnCodeActions(
      {
        clineActive: () => true,
        registeredCommands: () => {
          throw new Error('sync');
        },
      },
      3000,
      new FakeClock(),
    );
    assert.deepEqual([...(await throwing.current())], []);
  });
});
