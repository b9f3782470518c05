import { strict as assert } from 'node:assert';
import { firstRunDecision, WALKTHROUGH_DECIDED_KEY } from '../../../src/core/walkthrough/firstRun';

describe('walkthrough: opening once after the first install', () => {
  it('a new profile (no state of ours yet) opens it, and remembers that it did', () => {
    assert.deepEqual(firstRunDecision({ decided: false, earlierStateKeys: [], openOnInstall: true }), { open: true, remember: true });
  });

  it('once decided, no later activation (a reload, another window) opens it again', () => {
    assert.deepEqual(firstRunDecision({ decided: true, earlierStateKeys: [WALKTHROUGH_DECIDED_KEY], openOnInstall: true }), {
      open: false,
      remember: false,
    });
  });

  it('an update is not a first install: someone who used the extension before (any state of ours) is left alone', () => {
    assert.deepEqual(firstRunDecision({ decided: false, earlierStateKeys: ['clineCompanion.promptHistory'], openOnInstall: true }), {
      open: false,
      remember: true,
    });
  });

  it("VS Code's workbench.welcomePage.walkthroughs.openOnInstall off: never opened, and turning it on later does not open it", () => {
    assert.deepEqual(firstRunDecision({ decided: false, earlierStateKeys: [], openOnInstall: false }), { open: false, remember: true });
  });
});
