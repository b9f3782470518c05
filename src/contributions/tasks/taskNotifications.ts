/**
 * Notifications about Cline's tasks:
 *  - waiting: what Cline wants to do (the command line, the tool and its parameters, or legacy Cline's own
 *    words), with Approve and Reject, once per waiting spell;
 *  - finished: the first line of the result and "Show Cline", as `tasks.notifyOnComplete` says.
 * The buttons run our approve/reject commands, so they answer exactly what the notification shows.
 */
import * as vscode from 'vscode';
import { taskSettings } from '../../adapters/settings/taskSettings';
import { CMD } from '../../core/commandIds';
import type { CompanionTask } from '../../core/tasks/taskTracker';
import { describeTool, firstLine } from '../../core/tasks/taskText';

export class TaskNotifications {
  /** Tasks we notified as waiting (cleared when they stop waiting), and tasks we announced as finished. */
  private readonly waitingShown = new Set<string>();
  private readonly finishShown = new Set<string>();

  /** Called with every task change. */
  onTaskChange(task: CompanionTask): void {
    if (task.state === 'waiting') this.waiting(task);
    else this.waitingShown.delete(task.id);
    if (task.state === 'completed') this.completed(task);
    else if (task.state === 'running') this.finishShown.delete(task.id);
  }

  private waiting(task: CompanionTask): void {
    if (this.waitingShown.has(task.id) || !taskSettings.notifyWhenWaiting()) return;
    this.waitingShown.add(task.id);
    const what = task.pendingTool ? describeTool(task.pendingTool) : vscode.l10n.t('Cline waits for your approval.');
    const params = task.pendingTool ? JSON.stringify(task.pendingTool.parameters) : '';
    const approve = vscode.l10n.t('Approve');
    const reject = vscode.l10n.t('Reject');
    const showCline = vscode.l10n.t('Show Cline');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('Cline waits for approval: {0}', what),
        { detail: task.pendingTool ? `${task.pendingTool.name} ${params}` : undefined },
        approve,
        reject,
        showCline,
      )
      .then((choice) => {
        if (choice === approve) return vscode.commands.executeCommand(CMD.approve);
        if (choice === reject) return vscode.commands.executeCommand(CMD.reject);
        if (choice === showCline) return vscode.commands.executeCommand(CMD.focusCline);
        return undefined;
      });
  }

  private completed(task: CompanionTask): void {
    if (this.finishShown.has(task.id)) return;
    this.finishShown.add(task.id);
    const when = taskSettings.notifyOnComplete();
    if (when === 'never' || (when === 'whenUnfocused' && vscode.window.state.focused)) return;
    const line = firstLine(task.result, 160) || firstLine(task.prompt, 160);
    const showCline = vscode.l10n.t('Show Cline');
    const showResult = vscode.l10n.t('Show Result');
    void vscode.window.showInformationMessage(vscode.l10n.t('Cline finished: {0}', line), showCline, showResult).then((choice) => {
      if (choice === showCline) return vscode.commands.executeCommand(CMD.focusCline);
      if (choice === showResult) return vscode.commands.executeCommand(CMD.showTaskResult, task.id);
      return undefined;
    });
  }
}
