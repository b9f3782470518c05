/** The status bar item's text and tooltip for a bridge state and Cline's current task. Pure, so each state is unit-tested. */
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
    const what = task.pendingTool ? describeTool(task.pendingTool) : 'an approval';
    return {
      text: `$(bell-dot) Cline: ${firstLine(what, 40)}`,
      tooltip: `Cline waits for your approval: ${what}. Click to approve or reject.`,
      attention: true,
    };
  }
  if ((task?.state === 'running' || task?.state === 'starting') && state.busy === 0) {
    const about = firstLine(task.prompt, 30);
    return {
      text: `$(sync~spin) Cline: ${about ? `"${about}"` : 'working'}`,
      tooltip: `Cline is working on: ${firstLine(task.prompt, 200) || 'a task started in Cline'}. Click for Cline actions.`,
    };
  }
  if (task?.state === 'completed' && state.busy === 0 && !state.lastError) {
    const result = firstLine(task.result, 200);
    return {
      text: '$(pass) Cline: finished',
      tooltip: `Cline finished: ${firstLine(task.prompt, 120)}${result ? `\n${result}` : ''}. Click for Cline actions.`,
    };
  }
  const version = state.version ? ` ${state.version}` : '';
  if (state.busy > 0) {
    const more = state.busy > 1 ? ` (${state.busy - 1} more waiting)` : '';
    return { text: '$(loading~spin) Cline', tooltip: `Sending to Cline${more}…` };
  }
  if (state.availability === 'missing') {
    return { text: '$(circle-slash) Cline', tooltip: 'Cline is not installed, or is disabled. Click for options.' };
  }
  if (state.lastError) {
    return {
      text: '$(warning) Cline',
      tooltip: `The last call to Cline${version} failed: ${state.lastError.message}. Click for Cline actions.`,
    };
  }
  if (state.availability === 'installed') {
    return { text: '$(hubot) Cline', tooltip: `Cline${version} found; it starts on first use. Click for Cline actions.` };
  }
  return { text: '$(hubot) Cline', tooltip: `Cline${version} is ready. Click for Cline actions.` };
}
