/**
 * The ONE table that turns a `ClineError` into words and actions for the user. Pure (no `vscode`), so
 * every row is unit-tested; clineFailureNotifier.ts shows the result and runs the chosen action.
 */
import * as l10n from '@vscode/l10n';
import type { ClineMethod } from './clineApi';
import type { ClineError, ClineErrorKind } from './clineError';

export type FailureAction = 'installCline' | 'enableCline' | 'reloadWindow' | 'updateCline' | 'showLog' | 'retry' | 'copyPrompt';

/** A button's label, in the display language (read at use time: the bundle is set at activation). Tests and the README refer to the English words. */
export function failureActionLabel(action: FailureAction): string {
  switch (action) {
    case 'installCline':
      return l10n.t('Install Cline');
    case 'enableCline':
      return l10n.t('Enable Cline');
    case 'reloadWindow':
      return l10n.t('Reload Window');
    case 'updateCline':
      return l10n.t('Update Cline');
    case 'showLog':
      return l10n.t('Show Log');
    case 'retry':
      return l10n.t('Retry');
    case 'copyPrompt':
      return l10n.t('Copy Prompt');
  }
}

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

/** What a failed call was, as a whole sentence each (words glued together do not translate). */
function callFailedMessage(method: ClineMethod | undefined, message: string): string {
  switch (method) {
    case 'startNewTask':
      return l10n.t('Cline could not start the task: {0}', message);
    case 'sendMessage':
      return l10n.t('Cline could not send the message: {0}', message);
    case 'pressPrimaryButton':
      return l10n.t('Cline could not approve: {0}', message);
    case 'pressSecondaryButton':
      return l10n.t('Cline could not reject: {0}', message);
    default:
      return l10n.t('Cline could not do that: {0}', message);
  }
}

function incompatibleMessage(e: ClineError): string {
  if (e.missing.length > 0 && e.missing.length < 4) {
    const missing = e.missing.join(', ');
    return e.version
      ? l10n.t('Incompatible Cline version ({0}): its API lacks {1}.', e.version, missing)
      : l10n.t('Incompatible Cline version: its API lacks {0}.', missing);
  }
  return e.version
    ? l10n.t('Incompatible Cline version ({0}): it does not export the Cline API to this extension host.', e.version)
    : l10n.t('Incompatible Cline version: it does not export the Cline API to this extension host.');
}

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
    message: () => l10n.t('Cline is not installed. Cline Companion sends tasks to the Cline extension ({0}).', 'saoudrizwan.claude-dev'),
    actions: ['installCline'],
    retryable: false,
  },
  disabled: {
    severity: 'warning',
    message: () => l10n.t('Cline is installed but disabled. Enable it in the Extensions view (then reload the window if VS Code asks).'),
    actions: ['enableCline', 'reloadWindow'],
    retryable: false,
  },
  activationFailed: {
    severity: 'error',
    message: (e) => l10n.t('Cline failed to start: {0}', e.message),
    actions: ['showLog'],
    // VS Code remembers a failed activation for the session: trying again cannot help.
    retryable: false,
  },
  incompatible: {
    severity: 'error',
    message: incompatibleMessage,
    actions: ['updateCline', 'showLog'],
    retryable: false,
  },
  callFailed: {
    severity: 'error',
    message: (e) => callFailedMessage(e.method, e.message),
    actions: ['showLog'],
    retryable: true,
  },
};

export function presentFailure(error: ClineError, context: FailureContext): FailurePresentation {
  const row = ROWS[error.kind];
  let message = row.message(error);
  if (!/[.!?…]$/.test(message)) message += '.';
  if (context.draftKept) message = l10n.t('{0} Your text is kept: run the command again to edit and resend it.', message);
  const actions: FailureAction[] = [];
  if (row.retryable && context.canRetry) actions.push('retry');
  actions.push(...row.actions);
  // On every failure with a prompt: the one action that never loses the user's work.
  if (context.hasPrompt) actions.push('copyPrompt');
  return { severity: row.severity, message, actions };
}
