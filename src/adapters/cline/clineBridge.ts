/**
 * The one door to Cline. Finds `saoudrizwan.claude-dev`, activates it on first use (never during our own
 * activation), checks its exports on every call, runs the calls one at a time in order, makes sure Cline's
 * view has loaded in this window before a task starts, shows a progress notification when one is slow
 * (without cancelling it), reveals Cline's view after a task or message, and turns every failure into a
 * typed `ClineError`. It shows no error UI itself: callers decide.
 */
import * as vscode from 'vscode';
import type { Log } from '../log';
import {
  CLINE_EXTENSION_ID,
  CLINE_VIEW_CONTAINER_COMMAND,
  CLINE_VIEW_FOCUS_COMMAND,
  missingClineMethods,
  type ClineAPI,
  type ClineMethod,
} from '../../core/cline/clineApi';
import { ClineError, describeThrown } from '../../core/cline/clineError';
import { candidateExtensionDirs, findExtensionOnDisk, type ExtensionDirHints } from '../../core/cline/findExtensionOnDisk';
import { describeSizes } from '../../core/cline/describeSizes';
import { SerialQueue } from '../../core/cline/serialQueue';

/** What the status bar shows. `active` means Cline's `activate()` has run (ours or someone else's call). */
type ClineAvailability = 'missing' | 'installed' | 'active';

export interface ClineBridgeState {
  availability: ClineAvailability;
  version?: string;
  /** Calls queued or running. */
  busy: number;
  /** The last call's failure, cleared by the next success. */
  lastError?: ClineError;
}

export interface ClineBridgeOptions {
  /** Seconds before a call that has not settled gets a progress notification. */
  timeoutSeconds(): number;
  /** Reveal Cline's view after startNewTask / sendMessage. */
  revealView(): boolean;
  extensionDirHints(): ExtensionDirHints;
  /** How long Cline's view gets to load after it is first opened in this window (default `VIEW_SETTLE_MS`). */
  viewSettleMs?: number;
}

/**
 * Cline clears its current task when its sidebar view is resolved (loaded) in a window: the legacy build on
 * every resolve, the next build (cline/cline main) on the first one; `VscodeWebviewProvider.resolveWebviewView`
 * calls `controller.clearTask()`. A task started before the view loads dies the moment it does ("Cline
 * instance aborted"), so the view is opened, and given time to load, before the first task or message.
 * Nothing tells another extension that the view has loaded: the view's focus command returns before the
 * workbench has even opened it (it does not await `openView`), the pane then activates Cline's `onView`
 * event and only then asks Cline to resolve the view; Cline's own task deep link polls private state (up
 * to 3 s) for the same reason. So the first time in a window we open it and wait this long; VS Code
 * resolves a view once per window, so later calls do not wait. Measured in the offline test host (VS Code
 * 1.100.3, 2 busy cores): the resolve lands 10–180 ms after the focus command returns.
 */
const VIEW_SETTLE_MS = 1500;

/** The calls that start or continue a task: Cline's view must have loaded before them. */
const NEEDS_VIEW: ReadonlySet<ClineMethod> = new Set<ClineMethod>(['startNewTask', 'sendMessage']);

type Args<M extends ClineMethod> = Parameters<ClineAPI[M]>;

/** The progress title while a call is slow (a function: the translations load with the extension, not with this module). */
function slowTitle(method: ClineMethod): string {
  switch (method) {
    case 'startNewTask':
      return vscode.l10n.t('Still waiting for Cline to start the task…');
    case 'sendMessage':
      return vscode.l10n.t('Still waiting for Cline to take the message…');
    case 'pressPrimaryButton':
      return vscode.l10n.t('Still waiting for Cline to approve…');
    case 'pressSecondaryButton':
      return vscode.l10n.t('Still waiting for Cline to reject…');
  }
}

export class ClineBridge implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when availability, busy count or last error change. */
  readonly onDidChange = this.changed.event;
  private readonly queue = new SerialQueue(() => this.changed.fire());
  private readonly subscriptions: vscode.Disposable[] = [];
  private lastError: ClineError | undefined;
  /** When Cline's view was first opened in this window with Cline active (`performance.now()`); per window. */
  private viewOpenedAt: number | undefined;

  constructor(
    private readonly log: Log,
    private readonly options: ClineBridgeOptions,
  ) {
    // Cline installed, enabled, updated or removed while we run.
    this.subscriptions.push(
      vscode.extensions.onDidChange(() => this.changed.fire()),
      this.changed,
    );
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  /** Cheap and synchronous: never activates Cline. */
  state(): ClineBridgeState {
    const ext = vscode.extensions.getExtension(CLINE_EXTENSION_ID);
    return {
      availability: !ext ? 'missing' : ext.isActive ? 'active' : 'installed',
      version: ext?.packageJSON?.version,
      busy: this.queue.size,
      lastError: this.lastError,
    };
  }

  /**
   * Queues one ClineAPI call behind the ones already waiting; resolves when Cline's promise resolves.
   * Rejects with a `ClineError` only.
   */
  call<M extends ClineMethod>(method: M, ...args: Args<M>): Promise<void> {
    const queuedAt = performance.now();
    const [text, images] = args as [string | undefined, string[] | undefined];
    const sizes = describeSizes(text, images);
    if (this.queue.size > 0) this.log.debug(`${method} (${sizes}) queued behind ${this.queue.size} call(s)`);
    return this.queue.run(async () => {
      const started = performance.now();
      const waited = started - queuedAt > 5 ? `, queued ${Math.round(started - queuedAt)} ms` : '';
      const slow = this.watchSlow(method);
      try {
        const api = await this.api(method);
        if (NEEDS_VIEW.has(method)) await this.ensureViewLoaded(method);
        if (text !== undefined) this.log.trace(`${method} text:\n${text}`);
        try {
          // Called as a method, so `this` inside Cline's implementation is its API object.
          await (api[method] as (...a: unknown[]) => Promise<void>)(...args);
        } catch (thrown) {
          throw new ClineError('callFailed', describeThrown(thrown), { method, cause: thrown, version: this.state().version });
        }
        this.log.info(`${method} (${sizes}) → ok in ${Math.round(performance.now() - started)} ms${waited}`);
        this.lastError = undefined;
        if ((method === 'startNewTask' || method === 'sendMessage') && this.options.revealView()) await this.reveal();
      } catch (thrown) {
        const error =
          thrown instanceof ClineError ? thrown : new ClineError('callFailed', describeThrown(thrown), { method, cause: thrown });
        const log = error.kind === 'activationFailed' || error.kind === 'callFailed' ? this.log.error : this.log.warn;
        log.call(
          this.log,
          `${method} (${sizes}) → ${error.kind} after ${Math.round(performance.now() - started)} ms${waited}: ${error.message}`,
        );
        this.lastError = error;
        throw error;
      } finally {
        slow.dispose();
        this.changed.fire();
      }
    });
  }

  /**
   * Reveals Cline's view: its focus command when it has one, else its view container. With `preserveFocus`
   * the view is shown but the keyboard focus stays where it is (the focus command's own option; the view
   * container command has none, so it takes the focus).
   */
  async reveal(options: { preserveFocus?: boolean } = {}): Promise<boolean> {
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const id of [CLINE_VIEW_FOCUS_COMMAND, CLINE_VIEW_CONTAINER_COMMAND]) {
      if (!commands.has(id)) continue;
      try {
        if (id === CLINE_VIEW_FOCUS_COMMAND && options.preserveFocus) await vscode.commands.executeCommand(id, { preserveFocus: true });
        else await vscode.commands.executeCommand(id);
        // Opened with Cline running, the view resolves in a moment; before Cline is active it waits for
        // Cline's activation, so that opening does not count.
        if (this.viewOpenedAt === undefined && vscode.extensions.getExtension(CLINE_EXTENSION_ID)?.isActive)
          this.viewOpenedAt = performance.now();
        return true;
      } catch (thrown) {
        this.log.warn(`revealing Cline's view with ${id} failed: ${describeThrown(thrown)}`);
      }
    }
    this.log.debug("Cline's view could not be revealed: neither of its commands exists");
    return false;
  }

  /**
   * Before the first task or message in this window: opens Cline's view (keeping the focus where it is when
   * `revealView` is off) and waits until it has had `viewSettleMs` to load, so its load clears nothing of
   * ours. Later calls return at once. If the view cannot be opened there is nothing to wait for.
   */
  private async ensureViewLoaded(method: ClineMethod): Promise<void> {
    const settleMs = this.options.viewSettleMs ?? VIEW_SETTLE_MS;
    if (this.viewOpenedAt === undefined) {
      const preserveFocus = !this.options.revealView();
      if (!(await this.reveal({ preserveFocus })) || this.viewOpenedAt === undefined) {
        this.log.warn(
          `Cline's view could not be opened before ${method}; if Cline clears its task when the view loads, this one may be lost`,
        );
        return;
      }
      this.log.info(
        `opened Cline's view before the first ${method} in this window${preserveFocus ? ' (focus kept)' : ''}; giving it ${settleMs} ms to load`,
      );
    }
    const remaining = this.viewOpenedAt + settleMs - performance.now();
    if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
  }

  /** The Extensions view filtered to Cline: it has the Install, Enable or Update button. */
  async showInExtensionsView(): Promise<void> {
    await vscode.commands.executeCommand('workbench.extensions.search', `@id:${CLINE_EXTENSION_ID}`);
  }

  /** Why Cline cannot be found: disabled (its folder is on disk) or not installed. */
  async diagnoseMissing(method?: ClineMethod): Promise<ClineError> {
    const dirs = candidateExtensionDirs(this.options.extensionDirHints());
    const installedAt = await findExtensionOnDisk(CLINE_EXTENSION_ID, dirs).catch(() => undefined);
    if (installedAt) {
      this.log.info(`Cline is not loaded but is on disk at ${installedAt}: treating it as disabled`);
      return new ClineError('disabled', vscode.l10n.t('Cline is installed but disabled in this window.'), { method });
    }
    this.log.debug(`Cline not found; looked in ${dirs.join(', ')}`);
    return new ClineError('notInstalled', vscode.l10n.t('Cline is not installed.'), { method });
  }

  /** Finds, activates (first use) and validates Cline; the exports are re-checked on every call. */
  private async api(method: ClineMethod): Promise<ClineAPI> {
    const ext = vscode.extensions.getExtension<unknown>(CLINE_EXTENSION_ID);
    if (!ext) throw await this.diagnoseMissing(method);
    const version: string | undefined = ext.packageJSON?.version;
    let exports: unknown;
    if (!ext.isActive) this.log.info(`activating Cline ${version ?? ''} (first use)`);
    try {
      exports = await ext.activate();
    } catch (thrown) {
      // VS Code wraps the error as "Activating extension 'id' failed: <message>"; the toast already says what failed.
      const message = describeThrown(thrown).replace(/^Activating extension '[^']*' failed:\s*/, '');
      throw new ClineError('activationFailed', message, { method, version, cause: thrown });
    }
    // `exports` is live: after an update it is the new version's object.
    if (ext.exports !== undefined) exports = ext.exports;
    const missing = missingClineMethods(exports);
    if (missing.length > 0) {
      const what =
        missing.length === 4 && (typeof exports !== 'object' || exports === null) ? 'exports no API' : `lacks ${missing.join(', ')}`;
      throw new ClineError('incompatible', `Cline ${version ?? ''} ${what}`.replace(/\s+/g, ' '), { method, missing, version });
    }
    return exports as ClineAPI;
  }

  /** After `timeoutSeconds`, a progress notification until the call settles. It cancels nothing. */
  private watchSlow(method: ClineMethod): vscode.Disposable {
    const seconds = Math.max(1, this.options.timeoutSeconds());
    let settle: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const timer = setTimeout(() => {
      this.log.warn(`${method} has not settled after ${seconds} s; still waiting (not cancelled)`);
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: slowTitle(method), cancellable: false },
        async (progress) => {
          progress.report({
            message: vscode.l10n.t("No answer for {0} s. Cline's first task after start-up can be slow; nothing was cancelled.", seconds),
          });
          await settled;
        },
      );
    }, seconds * 1000);
    return new vscode.Disposable(() => {
      clearTimeout(timer);
      settle();
    });
  }
}
