/**
 * Whether the Get Started walkthrough opens by itself when the extension activates: once per profile,
 * after the first install, and never for someone who already used the extension before the walkthrough
 * existed (an update is not a first install). VS Code opens a walkthrough by itself only when the extension
 * was installed from the Extensions view in the same window; this covers the other ways in (a VSIX, the
 * command line, Settings Sync, a fork's marketplace), and respects the same user setting.
 * Pure: the caller reads the state and does the opening.
 */

/** The globalState key that remembers the decision was taken (whatever it was). */
export const WALKTHROUGH_DECIDED_KEY = 'clineCompanion.walkthrough.firstRunDone';

export interface FirstRunState {
  /** The decision was taken in an earlier activation (WALKTHROUGH_DECIDED_KEY is set). */
  decided: boolean;
  /** The extension's globalState keys, read at activation before anything writes: any means earlier use. */
  earlierStateKeys: readonly string[];
  /** VS Code's `workbench.welcomePage.walkthroughs.openOnInstall` (default true). */
  openOnInstall: boolean;
}

export interface FirstRunDecision {
  /** Open the walkthrough now. */
  open: boolean;
  /** Remember that the decision was taken, so no later activation opens it. */
  remember: boolean;
}

export function firstRunDecision(state: FirstRunState): FirstRunDecision {
  if (state.decided) return { open: false, remember: false };
  const firstInstall = state.earlierStateKeys.length === 0;
  // Decided once either way: turning the setting back on later must not open it out of the blue.
  return { open: firstInstall && state.openOnInstall, remember: true };
}
