/**
 * Cline's own light-bulb actions, and which of ours they would duplicate.
 *
 * Cline (cline/cline apps/vscode/src/extension.ts) registers at activation a code action provider for every
 * language: "Add to Cline" (cline.addToChat), "Explain with Cline" (cline.explainCode), "Improve with Cline"
 * (cline.improveCode) and, on diagnostics, "Fix with Cline" (cline.fixWithCline), together with those commands.
 * Older builds (3.x) had only Add and Fix. Our provider cannot ask VS Code for other providers' actions
 * (`vscode.executeCodeActionProvider` from inside a provider would call it again), so it infers Cline's
 * actions from Cline being active with these commands registered: the provider and its commands are
 * registered in the same place, and a command id is the one thing of Cline's that is public and checkable.
 *
 * Pure: the caller supplies whether Cline is active and the registered commands (and the clock).
 */
import { systemClock, type Clock } from '../clock';

/** Each of our actions that Cline has too, and the command of Cline's action that does the same. */
export const CLINE_OWN_ACTION_COMMANDS = {
  fix: 'cline.fixWithCline', // "Fix with Cline"
  explain: 'cline.explainCode', // "Explain with Cline"
  refactor: 'cline.improveCode', // "Improve with Cline"
} as const;

export type DuplicatedAction = keyof typeof CLINE_OWN_ACTION_COMMANDS;

const NONE: ReadonlySet<DuplicatedAction> = new Set();

/** Which of our actions Cline already offers, given the registered command ids. */
export function actionsClineOffers(registeredCommands: Iterable<string>): ReadonlySet<DuplicatedAction> {
  const registered = new Set(registeredCommands);
  const offered = (Object.keys(CLINE_OWN_ACTION_COMMANDS) as DuplicatedAction[]).filter((a) =>
    registered.has(CLINE_OWN_ACTION_COMMANDS[a]),
  );
  return offered.length > 0 ? new Set(offered) : NONE;
}

export interface ClineCommandsSource {
  /** Whether Cline is installed and activated (cheap and synchronous: its provider exists only then). */
  clineActive(): boolean;
  /** The ids of every registered command (a round trip to the window). */
  registeredCommands(): PromiseLike<readonly string[]>;
}

/**
 * Which of our actions Cline offers, cached for the light bulb, which asks on every cursor move.
 *
 * - Cline not active: nothing, at once (no command request; Cline's provider is registered at activation).
 * - Cline active: the last answer, checked again in the background when older than `maxAgeMs`, so a request
 *   for the command list (a few thousand ids) is made at most once per `maxAgeMs`, and only while the light
 *   bulb asks. The first time after Cline becomes active (or after `forget()`) there is no answer yet: `current()`
 *   then returns a promise of the first one, so the first light bulb is already right instead of showing
 *   duplicates once.
 * - `forget()` when extensions change (Cline installed, updated, disabled): its commands may have changed.
 */
export class ClineOwnCodeActions {
  private known: ReadonlySet<DuplicatedAction> | undefined;
  private checkedAt = 0;
  private checking: Promise<ReadonlySet<DuplicatedAction>> | undefined;
  /** Bumped by forget(): a check started before it must not store its answer. */
  private generation = 0;

  constructor(
    private readonly source: ClineCommandsSource,
    private readonly maxAgeMs = 3000,
    private readonly clock: Clock = systemClock,
  ) {}

  current(): ReadonlySet<DuplicatedAction> | Promise<ReadonlySet<DuplicatedAction>> {
    if (!this.source.clineActive()) {
      // Cline (re)activating registers its actions anew: ask again then.
      if (this.known !== undefined) this.forget();
      return NONE;
    }
    if (this.known === undefined) return this.check();
    if (this.clock.now() - this.checkedAt >= this.maxAgeMs) void this.check();
    return this.known;
  }

  forget(): void {
    this.generation++;
    this.known = undefined;
    this.checking = undefined;
  }

  /** Checks now (one check at a time); resolves to the answer. */
  check(): Promise<ReadonlySet<DuplicatedAction>> {
    if (this.checking) return this.checking;
    const generation = this.generation;
    const checking = new Promise<readonly string[]>((resolve) => resolve(this.source.registeredCommands()))
      .then(
        (ids) => actionsClineOffers(ids),
        () => NONE, // No command list: as without Cline's actions, ours are all shown.
      )
      .then((offered) => {
        if (generation === this.generation) {
          this.known = offered;
          this.checkedAt = this.clock.now();
          this.checking = undefined;
        }
        return offered;
      });
    this.checking = checking;
    return checking;
  }
}
