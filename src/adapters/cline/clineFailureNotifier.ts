/**
 * Shows a `ClineError` as a notification (words and buttons from the table in clineFailures.ts) and runs
 * the button the user picks. It never awaits the user: a command that failed returns at once, and the
 * notification stays until it is dismissed.
 */
import * as vscode from 'vscode';
import type { Log } from '../log';
import type { ClineError } from '../../core/cline/clineError';
import { failureActionLabel, presentFailure, type FailureAction, type FailurePresentation } from '../../core/cline/clineFailures';

export interface FailureOptions {
  /** The text that did not reach Cline: offered as "Copy Prompt". */
  prompt?: string;
  draftKept?: boolean;
  /** Redoes the failed call; offered as "Retry" where that can help. */
  retry?: () => unknown;
}

/** The last notification shown, for tests and diagnostics: what the user saw, and a way to press a button. */
export interface ShownFailure extends FailurePresentation {
  kind: ClineError['kind'];
  /** Button labels, in order. */
  labels: string[];
  /** Runs the action behind a label, exactly as clicking it does. */
  choose(label: string): Promise<void>;
}

export class ClineFailureNotifier {
  private shown: ShownFailure | undefined;

  constructor(
    private readonly log: Log,
    /** Opens the Extensions view on Cline (Install / Enable / Update). */
    private readonly showInExtensionsView: () => Thenable<void>,
  ) {}

  get lastShown(): ShownFailure | undefined {
    return this.shown;
  }

  show(error: ClineError, options: FailureOptions = {}): ShownFailure {
    const presentation = presentFailure(error, {
      hasPrompt: !!options.prompt,
      draftKept: !!options.draftKept,
      canRetry: !!options.retry,
    });
    const labels = presentation.actions.map((a) => failureActionLabel(a));
    const choose = async (label: string): Promise<void> => {
      const action = presentation.actions.find((a) => failureActionLabel(a) === label);
      if (action) await this.run(action, error, options);
    };
    const shown: ShownFailure = { ...presentation, kind: error.kind, labels, choose };
    this.shown = shown;
    const show = presentation.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void Promise.resolve(show(presentation.message, ...labels)).then((picked) => (picked ? choose(picked) : undefined));
    return shown;
  }

  private async run(action: FailureAction, error: ClineError, options: FailureOptions): Promise<void> {
    this.log.debug(`failure action: ${action} (${error.kind})`);
    try {
      switch (action) {
        case 'installCline':
        case 'enableCline':
        case 'updateCline':
          await this.showInExtensionsView();
          return;
        case 'reloadWindow':
          await vscode.commands.executeCommand('workbench.action.reloadWindow');
          return;
        case 'showLog':
          this.log.show(true);
          return;
        case 'retry':
          await options.retry?.();
          return;
        case 'copyPrompt':
          await vscode.env.clipboard.writeText(options.prompt ?? '');
          vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Prompt copied to the clipboard')}`, 4000);
          return;
      }
    } catch (thrown) {
      this.log.error(`failure action ${action} failed: ${String(thrown)}`);
    }
  }
}
