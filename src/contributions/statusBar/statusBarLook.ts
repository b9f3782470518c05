/**
 * The status bar item's text and tooltip for a bridge state and Cline's current task. Pure, so each state is
 * unit-tested: its words go through `@vscode/l10n` (which works without VS Code, in English until configured),
 * not `vscode.l10n`; activation hands it VS Code's bundle (src/adapters/coreL10n.ts).
 */
import * as l10n from '@vscode/l10n';
import type { ClineBridgeState } from '../../adapters/cline/clineBridge';
import type { CompanionTask } from '../../core/tasks/taskTracker';
import { describeTool, firstLine } from '../../core/tasks/taskText';

export interface StatusBarLook {
  text: string;
  tooltip: string;
  /** Draw attention (the warning background): Cline waits for the user. */
  attention?: boolean;
}

/** What the task events say, when connected: the task Cline works on, waits in, or just finished. */
export interface TaskLook {
  connected: boolean;
  task?: Pick<CompanionTask, 'state' | 'prompt' | 'pendingTool' | 'result'>;
}

export function statusBarLook(state: ClineBridgeState, tasks: TaskLook = { connected: false }): StatusBarLook {
  const task = tasks.connected ? tasks.task : undefined;
  if (task?.state === 'waiting' && state.busy === 0) {
    const what = task.pendingTool ? describeTool(task.pendingTool) : l10n.t('an approval');
    return {
      text: `$(bell-dot) Cline: ${firstLine(what, 40)}`,
      tooltip: l10n.t('Cline waits for your approval: {0}. Click to approve or reject.', what),
      attention: true,
    };
  }
  if ((task?.state === 'running' || task?.state === 'starting') && state.busy === 0) {
    const about = firstLine(task.prompt, 30);
    return {
      text: `$(sync~spin) Cline: ${about ? `"${about}"` : l10n.t('working')}`,
      tooltip: l10n.t(
        'Cline is working on: {0}. Click for Cline actions.',
        firstLine(task.prompt, 200) || l10n.t('a task started in Cline'),
      ),
    };
  }
  if (task?.state === 'completed' && state.busy === 0 && !state.lastError) {
    const result = firstLine(task.result, 200);
    return {
      text: `$(pass) Cline: ${l10n.t('finished')}`,
      tooltip: l10n.t('Cline finished: {0}. Click for Cline actions.', `${firstLine(task.prompt, 120)}${result ? `\n${result}` : ''}`),
    };
  }
  // The product's name and version ("Cline 3.17.2"), never translated.
  const cline = state.version ? `Cline ${state.version}` : 'Cline';
  if (state.busy > 0) {
    const tooltip = state.busy > 1 ? l10n.t('Sending to Cline ({0} more waiting)…', state.busy - 1) : l10n.t('Sending to Cline…');
    return { text: '$(loading~spin) Cline', tooltip };
  }
  if (state.availability === 'missing') {
    return { text: '$(circle-slash) Cline', tooltip: l10n.t('Cline is not installed, or is disabled. Click for options.') };
  }
  if (state.lastError) {
    return {
      text: '$(warning) Cline',
      tooltip: l10n.t('The last call to {0} failed: {1}. Click for Cline actions.', cline, state.lastError.message),
    };
  }
  if (state.availability === 'installed') {
    return { text: '$(hubot) Cline', tooltip: l10n.t('{0} found; it starts on first use. Click for Cline actions.', cline) };
  }
  return { text: '$(hubot) Cline', tooltip: l10n.t('{0} is ready. Click for Cline actions.', cline) };
}
