/**
 * The always-loaded side of Cline's task events: cheap at activation (it only sets this window's spool
 * folder in the environment, registers the task commands and the view's data provider, and checks whether
 * an earlier Connect is remembered). The task model itself is in dist/tasks.js (wiring/tasksChunk.ts),
 * required on first need: events connected (just after activation), the Cline Tasks view opened, a task
 * command run, or an API call.
 * It also makes the public API object (api/cline-companion.d.ts) that activate() returns.
 */
import * as vscode from 'vscode';
import type { ClineCompanionApi, CompanionTask as PublicTask } from '../../api/cline-companion';
import type { ClineBridge } from '../adapters/cline/clineBridge';
import type { ClineDispatcher } from '../adapters/cline/clineDispatcher';
import type { Log } from '../adapters/log';
import { rememberedConnection } from '../adapters/tasks/connectionState';
import { LAZY_TASK_COMMANDS, VIEW } from '../core/commandIds';
import { EVENTS_DIR_ENV } from '../core/tasks/forwarderScript';
import { spoolDirFor } from '../core/tasks/hookFolders';
import type { Subscription, TaskAwareness } from '../core/tasks/taskAwareness';
import type { CompanionTask } from '../core/tasks/taskTracker';
import type { TasksChunk } from './tasksChunk';

export interface TaskFeatures extends TaskAwareness {
  readonly api: ClineCompanionApi;
  /** Loads the task model now (tests and diagnostics). */
  load(): TasksChunk;
}

/** Loads dist/tasks.js, next to dist/extension.js. Kept out of the main bundle by esbuild.js (external). */
function requireTasksChunk(): typeof import('./tasksChunk') {
  return require('./tasks.js') as typeof import('./tasksChunk');
}

export function registerTaskFeatures(
  context: vscode.ExtensionContext,
  log: Log,
  cline: { dispatcher: ClineDispatcher; bridge: ClineBridge },
): TaskFeatures {
  // Cline runs its hooks with this extension host's environment: the forwarders of this window's Cline
  // find our spool folder here, and those of other windows find theirs (a new folder per activation).
  const eventsDir = spoolDirFor(context.globalStorageUri.fsPath);
  process.env[EVENTS_DIR_ENV] = eventsDir;

  const taskChanged = new vscode.EventEmitter<PublicTask>();
  const anyChange = new vscode.EventEmitter<CompanionTask | undefined>();
  const treeChanged = new vscode.EventEmitter<void>();
  let chunk: TasksChunk | undefined;
  let latest: CompanionTask | undefined;

  const setContexts = (): void => {
    const connected = chunk ? chunk.service.connected : remembered();
    void vscode.commands.executeCommand('setContext', 'clineCompanion.taskEventsConnected', connected);
    void vscode.commands.executeCommand('setContext', 'clineCompanion.queueHasItems', (chunk?.service.queue.length ?? 0) > 0);
    void vscode.commands.executeCommand('setContext', 'clineCompanion.queuePaused', chunk?.service.queue.isPaused ?? false);
  };
  const remembered = (): boolean => {
    const { global, workspace } = rememberedConnection(context);
    return !!(global || workspace);
  };

  const load = (): TasksChunk => {
    if (chunk) return chunk;
    const started = performance.now();
    chunk = requireTasksChunk().createTasks({
      context,
      log,
      eventsDir,
      dispatcher: cline.dispatcher,
      clineIsActive: () => cline.bridge.state().availability === 'active',
      fireTaskChange: (task) => {
        if (task) {
          latest = task;
          taskChanged.fire(task);
        }
        anyChange.fire(task);
      },
    });
    context.subscriptions.push(
      chunk,
      chunk.view.onDidChangeTreeData(() => treeChanged.fire()),
      chunk.service.onDidChange(setContexts),
    );
    log.debug(`tasks: task model loaded in ${(performance.now() - started).toFixed(1)} ms`);
    return chunk;
  };

  const lazyCommands = LAZY_TASK_COMMANDS.map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => load().commands[id](...args)),
  );
  const treeProvider: vscode.TreeDataProvider<unknown> = {
    onDidChangeTreeData: treeChanged.event,
    getChildren: (node) => load().view.getChildren(node as never),
    getTreeItem: (node) => load().view.getTreeItem(node as never),
  };
  context.subscriptions.push(
    taskChanged,
    anyChange,
    treeChanged,
    ...lazyCommands,
    vscode.window.registerTreeDataProvider(VIEW.tasks, treeProvider),
  );
  setContexts();
  // Connected in an earlier session: listen again, right after activation (never inside it).
  if (remembered()) setTimeout(() => load(), 0);

  const awareness: TaskAwareness = {
    get connected() {
      return chunk ? chunk.service.connected : remembered();
    },
    async waiting() {
      return awareness.connected ? load().service.tracker.waiting() : undefined;
    },
    async hasOpenTask() {
      return awareness.connected ? load().service.hasOpenTask() : false;
    },
    async enqueue(text, images) {
      return load().service.queue.enqueue(text, images);
    },
    current: () => (chunk ? (chunk.service.tracker.active() ?? latest) : undefined),
    onDidChange(listener): Subscription {
      return anyChange.event(listener);
    },
  };

  const api: ClineCompanionApi = {
    apiVersion: 1,
    get eventsConnected() {
      return chunk ? chunk.service.connected : false;
    },
    startTask: (text, options) => load().startTask(String(text), options?.images),
    enqueueTask: (text, options) => load().service.queue.enqueue(String(text), options?.images),
    getTasks: () => load().service.tracker.all(),
    onDidChangeTask: taskChanged.event,
  };
  return Object.assign(awareness, { api, load });
}
