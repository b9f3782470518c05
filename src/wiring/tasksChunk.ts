/**
 * Composition root of the lazily loaded part: Cline's task events, the task model and queue, the Cline Tasks
 * view, the task notifications and the bodies of the task commands. Built as its own file (dist/tasks.js),
 * loaded by wiring/taskFeatures.ts only when task events are connected, the task view opens, or a task
 * command or API call needs it; so a window that never uses them never loads or runs any of this.
 * Everything it needs from the always-loaded part is passed in (no shared module state across the two files).
 */
import * as vscode from 'vscode';
import type { ClineDispatcher } from '../adapters/cline/clineDispatcher';
import { configureCoreL10n } from '../adapters/coreL10n';
import type { Log } from '../adapters/log';
import { TaskEventsService } from '../adapters/tasks/taskEventsService';
import { taskCommandHandlers } from '../contributions/tasks/taskCommands';
import { TaskNotifications } from '../contributions/tasks/taskNotifications';
import { TasksViewProvider } from '../contributions/tasks/tasksView';
import { CMD } from '../core/commandIds';
import type { CompanionTask } from '../core/tasks/taskTracker';

export interface TasksChunkDeps {
  context: vscode.ExtensionContext;
  log: Log;
  eventsDir: string;
  dispatcher: ClineDispatcher;
  clineIsActive(): boolean;
  fireTaskChange(task: CompanionTask | undefined): void;
}

export interface TasksChunk {
  service: TaskEventsService;
  view: TasksViewProvider;
  commands: Record<string, (...args: unknown[]) => unknown>;
  /** Starts a task now; resolves when Cline took it, rejects with the reason when it did not. */
  startTask(text: string, images?: string[]): Promise<CompanionTask>;
  dispose(): void;
}

export function createTasks(deps: TasksChunkDeps): TasksChunk {
  // This bundle's own copy of @vscode/l10n, for the words of the cores (task reasons, waiting tools).
  configureCoreL10n();
  const { dispatcher, log } = deps;
  const service = new TaskEventsService({
    context: deps.context,
    log,
    eventsDir: deps.eventsDir,
    clineIsActive: deps.clineIsActive,
    fireTaskChange: deps.fireTaskChange,
    startInCline: async (task, images) => {
      const result = await dispatcher.dispatch({
        method: 'startNewTask',
        text: task.prompt,
        images,
        source: 'queue',
        companionTaskId: task.id,
      });
      return result.ok ? { ok: true } : { ok: false, reason: result.error.message };
    },
  });
  dispatcher.setTaskObserver({
    starting: (request) => service.tracker.starting(request.text ?? '', request.companionTaskId).id,
    started: (id) => {
      service.tracker.started(id, service.connected);
      service.expectEvents();
    },
    failed: (id, error) => service.tracker.failed(id, error.message),
  });
  const notifications = new TaskNotifications();
  const view = new TasksViewProvider(service);
  const subscriptions = [
    service.onDidChange((task) => task && notifications.onTaskChange(task)),
    service.onProblem((message) => {
      log.warn(`tasks: ${message}`);
      const reload = vscode.l10n.t('Reload Window');
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showWarningMessage(message, reload, showLog).then((choice) => {
        if (choice === reload) return vscode.commands.executeCommand('workbench.action.reloadWindow');
        if (choice === showLog) log.show();
        return undefined;
      });
    }),
  ];
  const commands = taskCommandHandlers({
    service,
    log,
    startNow: (text) => dispatcher.dispatch({ method: 'startNewTask', text, source: CMD.runTaskAgain }),
  });
  void service.resume();
  return {
    service,
    view,
    commands,
    async startTask(text, images) {
      const task = service.tracker.starting(text);
      const result = await dispatcher.dispatch({ method: 'startNewTask', text, images, source: 'api', companionTaskId: task.id });
      if (!result.ok) throw new Error(result.error.message);
      return service.tracker.get(task.id) ?? task;
    },
    dispose() {
      dispatcher.setTaskObserver(undefined);
      for (const s of subscriptions) s.dispose();
      view.dispose();
      service.dispose();
    },
  };
}
