/**
 * The task and queue commands: Connect / Disconnect Cline Task Events, Queue Task, the queue's controls, and
 * the task view's item actions (show / copy a result, run a task again). Registered by the always-loaded part
 * (so they exist at once); their bodies live here, in the lazily loaded part.
 */
import * as vscode from 'vscode';
import type { Log } from '../../adapters/log';
import type { ConnectScope, TaskEventsService } from '../../adapters/tasks/taskEventsService';
import { CMD } from '../../core/commandIds';
import type { FolderReport } from '../../core/tasks/hookInstaller';
import type { CompanionTask } from '../../core/tasks/taskTracker';
import { firstLine } from '../../core/tasks/taskText';

export interface TaskCommandDeps {
  service: TaskEventsService;
  log: Log;
  /** Starts a task now through the dispatcher (the same friendly failures as the commands). */
  startNow(text: string): Promise<unknown>;
}

type Handler = (...args: unknown[]) => unknown;

/** A task id from a tree item's command arguments or from code (`(taskId)`). */
function taskIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const record = arg as { task?: { id?: unknown }; id?: unknown };
    if (typeof record.task?.id === 'string') return record.task.id;
    if (typeof record.id === 'string') return record.id;
  }
  return undefined;
}

function summarise(reports: FolderReport[]): { installed: string[]; chained: string[]; problems: string[] } {
  const installed: string[] = [];
  const chained: string[] = [];
  const problems: string[] = [];
  for (const report of reports) {
    for (const e of report.events) {
      if (e.outcome === 'chained') chained.push(e.event);
      if (e.outcome === 'failed' || e.outcome === 'skipped') problems.push(`${e.event}: ${e.reason}`);
      else installed.push(e.event);
    }
  }
  return { installed, chained, problems };
}

export function taskCommandHandlers({ service, log, startNow }: TaskCommandDeps): Record<string, Handler> {
  const task = (arg: unknown): CompanionTask | undefined => {
    const id = taskIdOf(arg);
    return id ? service.tracker.get(id) : undefined;
  };

  const connect = async (arg?: unknown): Promise<boolean> => {
    const fromCode = arg && typeof arg === 'object' && 'scope' in arg ? (arg as { scope?: unknown }).scope : undefined;
    let scope: ConnectScope | undefined = fromCode === 'workspace' || fromCode === 'global' ? fromCode : undefined;
    if (!scope) {
      const globalDir = await service.globalDir();
      // In Restricted Mode only the global folder is offered: nothing of ours goes into an untrusted workspace.
      const workspaceDirs = service.canConnectWorkspace() ? service.workspaceDirs() : [];
      const detail = [
        vscode.l10n.t(
          "Cline's API cannot say what Cline is doing. Cline runs hook scripts when a task starts, waits for approval or finishes.",
        ),
        vscode.l10n.t(
          'Cline Companion installs one small script per event (sh on Linux and macOS, PowerShell on Windows). Each passes the event to this window and changes nothing in Cline: it prints nothing and always succeeds.',
        ),
        vscode.l10n.t(
          'A hook of your own for the same event keeps working: it is moved next to ours and still runs, with the same input and output.',
        ),
        vscode.l10n.t(
          'Each hook adds a few milliseconds to every turn. Disconnect Cline Task Events removes them all and moves your hooks back.',
        ),
        '',
        vscode.l10n.t("Global (every workspace, shown in Cline's Hooks screen): {0}", globalDir),
        workspaceDirs.length ? vscode.l10n.t('This workspace only: {0}', workspaceDirs.join(', ')) : '',
      ]
        .filter((l, i, all) => l || all[i - 1])
        .join('\n');
      const items = [
        { title: vscode.l10n.t('Connect Globally'), scope: 'global' as const },
        ...(workspaceDirs.length ? [{ title: vscode.l10n.t('This Workspace Only'), scope: 'workspace' as const }] : []),
      ];
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Connect Cline Task Events?'),
        { modal: true, detail },
        ...items,
      );
      if (!choice) return false;
      scope = choice.scope;
    }
    // From code, { scope: 'workspace' } in Restricted Mode is refused by the service (false, and a log line).
    const { reports, ok, reloadAdvised } = await service.connect(scope);
    const { installed, chained, problems } = summarise(reports);
    if (fromCode) return ok;
    if (installed.length === 0) {
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t("Cline's task events could not be connected: {0}.", problems.join('; ') || vscode.l10n.t('no hooks folder')),
          vscode.l10n.t('Show Log'),
        )
        .then((c) => c && log.show());
      return false;
    }
    // Whole sentences, each translated on its own, joined with a space.
    const connected = [
      vscode.l10n.t("Cline's task events are connected."),
      chained.length === 1 ? vscode.l10n.t('Your own {0} hook still runs.', chained[0]) : '',
      chained.length > 1 ? vscode.l10n.t('Your own {0} hooks still run.', chained.join(', ')) : '',
      problems.length ? vscode.l10n.t('Not connected: {0}.', problems.join('; ')) : '',
    ];
    if (reloadAdvised) {
      const pick = await vscode.window.showInformationMessage(
        [...connected, vscode.l10n.t('Cline reads its global hooks when it starts: reload the window so this Cline sees them.')]
          .filter(Boolean)
          .join(' '),
        vscode.l10n.t('Reload Window'),
      );
      if (pick) await vscode.commands.executeCommand('workbench.action.reloadWindow');
    } else {
      void vscode.window.showInformationMessage(connected.filter(Boolean).join(' '));
    }
    return ok;
  };

  const disconnect = async (): Promise<boolean> => {
    const outcomes = await service.disconnect();
    const restored = outcomes.filter((o) => o.outcome === 'restored').map((o) => o.event);
    const failed = outcomes.filter((o) => o.outcome === 'failed');
    const message = failed.length
      ? vscode.l10n.t(
          "Some of Cline Companion's hooks could not be removed: {0}.",
          failed.map((f) => `${f.event} (${'reason' in f ? f.reason : ''})`).join(', '),
        )
      : [
          vscode.l10n.t("Cline's task events are disconnected; Cline Companion's hooks are removed."),
          restored.length === 1 ? vscode.l10n.t('Your own {0} hook is back in place.', restored[0]) : '',
          restored.length > 1 ? vscode.l10n.t('Your own {0} hooks are back in place.', restored.join(', ')) : '',
        ]
          .filter(Boolean)
          .join(' ');
    if (failed.length) void vscode.window.showWarningMessage(message, vscode.l10n.t('Show Log')).then((c) => c && log.show());
    else void vscode.window.showInformationMessage(message);
    return failed.length === 0;
  };

  const queueTask = async (textArg?: unknown): Promise<CompanionTask | undefined> => {
    let text = typeof textArg === 'string' && textArg.trim() ? textArg : undefined;
    if (text === undefined) {
      text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Queue a Task for Cline'),
        prompt: service.connected
          ? vscode.l10n.t('It starts when Cline is idle.')
          : vscode.l10n.t('Task events are not connected: start it with "Start Next" when Cline is idle.'),
        placeHolder: vscode.l10n.t('Describe the task'),
        ignoreFocusOut: true,
      });
      if (!text?.trim()) return undefined;
    }
    return service.queue.enqueue(text);
  };

  const editQueued = async (arg?: unknown, textArg?: unknown): Promise<boolean> => {
    const t = task(arg);
    if (!t || t.state !== 'queued') return false;
    const text =
      typeof textArg === 'string'
        ? textArg
        : await vscode.window.showInputBox({ title: vscode.l10n.t('Edit Queued Task'), value: t.prompt, ignoreFocusOut: true });
    return text !== undefined && service.queue.edit(t.id, text);
  };

  const showResult = async (arg?: unknown): Promise<void> => {
    const t = task(arg);
    if (!t?.result) return;
    const doc = await vscode.workspace.openTextDocument({
      content: `# ${firstLine(t.prompt, 120)}\n\n${t.result}\n`,
      language: 'markdown',
    });
    await vscode.window.showTextDocument(doc, { preview: true });
  };

  const copyResult = async (arg?: unknown): Promise<boolean> => {
    const t = task(arg);
    if (!t?.result) return false;
    await vscode.env.clipboard.writeText(t.result);
    vscode.window.setStatusBarMessage(`$(copy) ${vscode.l10n.t('Copied the task result')}`, 3000);
    return true;
  };

  const runAgain = async (arg?: unknown): Promise<unknown> => {
    const t = task(arg);
    if (!t?.prompt) return undefined;
    return service.connected && service.tracker.active() ? service.queue.enqueue(t.prompt) : startNow(t.prompt);
  };

  return {
    [CMD.connectTaskEvents]: connect,
    [CMD.disconnectTaskEvents]: disconnect,
    [CMD.queueTask]: queueTask,
    [CMD.startNextTask]: async () => {
      if (service.queue.clineBusy()) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Cline is working on a task; the next one starts when it is done.'));
        return undefined;
      }
      return service.queue.startNext();
    },
    [CMD.pauseQueue]: () => service.queue.pause(),
    [CMD.resumeQueue]: () => service.queue.resume(),
    [CMD.clearQueue]: () => service.queue.clear(),
    [CMD.editQueuedTask]: editQueued,
    [CMD.removeQueuedTask]: (arg?: unknown) => {
      const id = taskIdOf(arg);
      return id ? service.queue.remove(id) : false;
    },
    [CMD.moveQueuedTaskUp]: (arg?: unknown) => {
      const id = taskIdOf(arg);
      return id ? service.queue.move(id, -1) : false;
    },
    [CMD.moveQueuedTaskDown]: (arg?: unknown) => {
      const id = taskIdOf(arg);
      return id ? service.queue.move(id, 1) : false;
    },
    [CMD.showTaskResult]: showResult,
    [CMD.copyTaskResult]: copyResult,
    [CMD.runTaskAgain]: runAgain,
  };
}
