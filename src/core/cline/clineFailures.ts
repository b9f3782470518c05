/**
 * The ONE table that turns a `ClineError` into words and actions for the user. Pure (no `vscode`), so
 * every row is unit-tested; clineFailureNotifier.ts shows the result and runs the chosen action.
 */
import type { ClineMethod } from './clineApi';
import type { ClineError, ClineErrorKind } from './clineError';

export type FailureAction = 'installCline' | 'enableCline' | 'reloadWindow' | 'updateCline' | 'showLog' | 'retry' | 'copyPrompt';

/** Button labels. Tests and the README refer to these words. */
export const FAILURE_ACTION_LABELS: Readonly<Record<FailureAction, string>> = {
  installCline: 'Install Cline',
  enableCline: 'Enable Cline',
  reloadWindow: 'Reload Window',
  updateCline: 'Update Cline',
  showLog: 'Show Log',
  retry: 'Retry',
  copyPrompt: 'Copy Prompt',
};

export interface FailureContext {
  /** There is prompt text that can be copied. */
  hasPrompt: boolean;
  /** The prompt was kept: running the same command again pre-fills it. */
  draftKept: boolean;
  /** Trying the same call again makes sense (the caller can redo it). */
  canRetry: boolean;
}

export interface FailurePresentation {
  severity: 'error' | 'warning';
  message: string;
  /** In button order: VS Code styles the first one as the primary button. */
  actions: FailureAction[];
}

const WHAT: Record<ClineMethod, string> = {
  startNewTask: 'start the task',
  sendMessage: 'send the message',
  pressPrimaryButton: 'approve',
  pressSecondaryButton: 'reject',
};

interface Row {
  severity: FailurePresentation['severity'];
  message(error: ClineError): string;
  /** The kind's own actions, most useful first (Retry goes in front when allowed, Copy Prompt last). */
  actions: FailureAction[];
  /** Whether Retry can help with this kind. */
  retryable: boolean;
}

const ROWS: Record<ClineErrorKind, Row> = {
  notInstalled: {
    severity: 'warning',
    message: () => 'Cline is not installed. Cline Companion sends tasks to the Cline extension (saoudrizwan.claude-dev).',
    actions: ['installCline'],
    retryable: false,
  },
  disabled: {
    severity: 'warning',
    message: () => 'Cline is installed but disabled. Enable it in the Extensions view (then reload the window if VS Code asks).',
    actions: ['enableCline', 'reloadWindow'],
    retryable: false,
  },
  activationFailed: {
    severity: 'error',
    message: (e) => `Cline failed to start: ${e.message}`,
    actions: ['showLog'],
    // VS Code remembers a failed activation for the session: trying again cannot help.
    retryable: false,
  },
  incompatible: {
    severity: 'error',
    message: (e) =>
      `Incompatible Cline version${e.version ? ` (${e.version})` : ''}: ${
        e.missing.length > 0 && e.missing.length < 4
          ? `its API lacks ${e.missing.join(', ')}.`
          : 'it does not export the Cline API to this extension host.'
      }`,
    actions: ['updateCline', 'showLog'],
    retryable: false,
  },
  callFailed: {
    severity: 'error',
    message: (e) => `Cline could not ${e.method ? WHAT[e.method] : 'do that'}: ${e.message}`,
    actions: ['showLog'],
    retryable: true,
  },
};

export function presentFailure(error: ClineError, context: FailureContext): FailurePresentation {
  const row = ROWS[error.kind];
  let message = row.message(error);
  if (!/[.!?…]$/.test(message)) message += '.';
  if (context.draftKept) message += ' Your text is kept: run the command again to edit and resend it.';
  const actions: FailureAction[] = [];
  if (row.retryable && context.canRetry) actions.push('retry');
  actions.push(...row.actions);
  // On every failure with a prompt: the one action that never loses the user's work.
  if (context.hasPrompt) actions.push('copyPrompt');
  return { severity: row.severity, message, actions };
}
