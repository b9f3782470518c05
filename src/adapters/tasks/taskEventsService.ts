/**
 * Cline's task events in this window: connecting (installing our forwarders in Cline's hook folders),
 * listening (the spool folder named by CLINE_COMPANION_EVENTS_DIR), the task model and the queue, and what
 * is remembered across reloads (which folders we connected, the queue).
 * It shows no UI of its own except the answers to Connect/Disconnect: the view, the notifications and
 * the status bar subscribe to `onDidChange`.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Log } from '../log';
import {
  GLOBAL_CONNECTION_KEY as GLOBAL_KEY,
  WORKSPACE_CONNECTION_KEY as WORKSPACE_KEY,
  rememberedConnection,
  type Connection,
} from './connectionState';
import { systemClock } from '../../core/clock';
import { EventSpool } from '../../core/tasks/eventSpool';
import { globalHooksDir, orphanSpoolDirs, scriptPlatform, workspaceHooksDir } from '../../core/tasks/hookFolders';
import { installForwarders, removeForwarders, type FolderReport, type RemoveOutcome } from '../../core/tasks/hookInstaller';
import { parseHookPayload } from '../../core/tasks/hookPayload';
import { TaskQueue, type QueueSnapshot } from '../../core/tasks/taskQueue';
import { ACTIVE_STATES, TaskTracker, type CompanionTask } from '../../core/tasks/taskTracker';

export type ConnectScope = 'global' | 'workspace';

const QUEUE_KEY = 'clineCompanion.taskQueue';
/** After our startNewTask, how long without any event before we say events are not reaching us. */
const NO_EVENTS_AFTER_MS = 8000;

export interface TaskEventsDeps {
  context: vscode.ExtensionContext;
  log: Log;
  /** This window's spool folder (already in process.env for Cline's hooks). */
  eventsDir: string;
  /** Starts a task in Cline for the queue; the dispatcher reports failures. */
  startInCline(task: CompanionTask, images: string[] | undefined): Promise<{ ok: boolean; reason?: string }>;
  /** Whether Cline's extension is active (it then caches the global hooks until a reload). */
  clineIsActive(): boolean;
  /** Every task change, for the API's onDidChangeTask and the always-loaded parts. */
  fireTaskChange(task: CompanionTask | undefined): void;
}

export class TaskEventsService implements vscode.Disposable {
  readonly tracker: TaskTracker;
  readonly queue: TaskQueue;
  private spool: EventSpool | undefined;
  private readonly changed = new vscode.EventEmitter<CompanionTask | undefined>();
  /** A task changed, the queue changed, or we connected/disconnected. */
  readonly onDidChange = this.changed.event;
  private readonly problems = new vscode.EventEmitter<string>();
  /** Something the user should know about events (they are not arriving). */
  readonly onProblem = this.problems.event;
  private lastEventAt = 0;
  private noEventsTimer: ReturnType<typeof setTimeout> | undefined;
  private noEventsReported = false;
  private readonly platform = scriptPlatform(process.platform);

  constructor(private readonly deps: TaskEventsDeps) {
    this.tracker = new TaskTracker({
      clock: systemClock,
      newId: () => `task-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      onChange: (task) => {
        this.deps.fireTaskChange(task);
        this.changed.fire(task);
        this.queue?.maybeAdvance();
      },
      log: (m) => deps.log.debug(`tasks: ${m}`),
    });
    this.queue = new TaskQueue({
      tracker: this.tracker,
      start: (task, images) => deps.startInCline(task, images),
      eventsConnected: () => this.connected,
      save: (snapshot) =>
        void deps.context.workspaceState.update(QUEUE_KEY, snapshot.items.length || snapshot.paused ? snapshot : undefined),
      onChange: () => this.changed.fire(undefined),
      log: (m) => deps.log.info(`tasks: ${m}`),
    });
    this.queue.restore(deps.context.workspaceState.get<QueueSnapshot>(QUEUE_KEY));
  }

  /** Connected: forwarders were installed (and not removed) for this window's folders, and we listen. */
  get connected(): boolean {
    return this.spool !== undefined;
  }

  connection(): { global?: Connection; workspace?: Connection } {
    return rememberedConnection(this.deps.context);
  }

  /** At start-up: listen when an earlier Connect is remembered. */
  async resume(): Promise<void> {
    const { global, workspace } = this.connection();
    if (global?.dirs.length || workspace?.dirs.length) await this.listen();
  }

  async globalDir(): Promise<string> {
    return globalHooksDir({
      platform: process.platform,
      homeDir: os.homedir(),
      run: (command, args) =>
        new Promise((resolve) => {
          execFile(command, args, { timeout: 5000, windowsHide: true }, (error, stdout) =>
            resolve(error ? undefined : stdout.trim() || undefined),
          );
        }),
    });
  }

  workspaceDirs(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => workspaceHooksDir(f.uri.fsPath));
  }

  /**
   * Whether our forwarders may go into the workspace's own folders. Not in Restricted Mode: we write nothing into
   * a workspace the user has not trusted (the global folder is the user's own and stays available).
   */
  canConnectWorkspace(): boolean {
    return vscode.workspace.isTrusted && this.workspaceDirs().length > 0;
  }

  /** Installs the forwarders for `scope` and starts listening. Reports per folder and event. */
  async connect(scope: ConnectScope): Promise<{ reports: FolderReport[]; ok: boolean; reloadAdvised: boolean }> {
    if (scope === 'workspace' && !vscode.workspace.isTrusted) {
      this.deps.log.info('tasks: connect refused for the workspace folders: Restricted Mode (the workspace is not trusted)');
      return { reports: [], ok: false, reloadAdvised: false };
    }
    const dirs = scope === 'global' ? [await this.globalDir()] : this.workspaceDirs();
    const ext = this.deps.context.extension;
    const reports: FolderReport[] = [];
    for (const dir of dirs) {
      reports.push(
        await installForwarders(dir, {
          platform: this.platform,
          extensionId: ext.id,
          extensionVersion: String(ext.packageJSON?.version ?? ''),
        }),
      );
    }
    const installedDirs = reports.filter((r) => r.events.some((e) => e.outcome !== 'failed' && e.outcome !== 'skipped')).map((r) => r.dir);
    for (const r of reports)
      this.deps.log.info(
        `tasks: connect ${r.dir}: ${r.events.map((e) => `${e.event} ${e.outcome}${'reason' in e ? ` (${e.reason})` : ''}`).join(', ')}`,
      );
    if (installedDirs.length > 0) {
      const key = scope === 'global' ? GLOBAL_KEY : WORKSPACE_KEY;
      const store = scope === 'global' ? this.deps.context.globalState : this.deps.context.workspaceState;
      const before = store.get<Connection>(key)?.dirs ?? [];
      await store.update(key, { dirs: [...new Set([...before, ...installedDirs])] } satisfies Connection);
      await this.listen();
    }
    // Cline reads the list of global hooks once and caches it: new ones are seen after a reload.
    const reloadAdvised = scope === 'global' && installedDirs.length > 0 && this.deps.clineIsActive();
    return { reports, ok: installedDirs.length > 0 && reports.every((r) => r.events.every((e) => e.outcome !== 'failed')), reloadAdvised };
  }

  /** Removes our forwarders everywhere we installed them (restoring chained user hooks) and stops listening. */
  async disconnect(): Promise<RemoveOutcome[]> {
    const { global, workspace } = this.connection();
    const dirs = [...(global?.dirs ?? []), ...(workspace?.dirs ?? []), ...this.workspaceDirs()];
    const outcomes: RemoveOutcome[] = [];
    for (const dir of [...new Set(dirs)]) {
      if (!fs.existsSync(dir)) continue;
      const result = await removeForwarders(dir, this.platform);
      this.deps.log.info(`tasks: disconnect ${dir}: ${result.map((o) => `${o.event} ${o.outcome}`).join(', ')}`);
      outcomes.push(...result);
    }
    await this.deps.context.globalState.update(GLOBAL_KEY, undefined);
    await this.deps.context.workspaceState.update(WORKSPACE_KEY, undefined);
    this.stopListening();
    this.tracker.forgetActivity(vscode.l10n.t('Task events were disconnected, so what Cline does with this task is not known.'));
    this.changed.fire(undefined);
    return outcomes;
  }

  /** Our startNewTask reached Cline: if no event follows, tell the user why events may not be arriving. */
  expectEvents(): void {
    if (!this.connected || this.noEventsReported) return;
    const since = Date.now();
    if (this.noEventsTimer) clearTimeout(this.noEventsTimer);
    this.noEventsTimer = setTimeout(() => {
      this.noEventsTimer = undefined;
      if (this.lastEventAt >= since || !this.connected) return;
      this.noEventsReported = true;
      this.problems.fire(
        vscode.l10n.t(
          "Cline started the task, but no task event reached Cline Companion. Cline may need a window reload to see new hooks, or hooks may be turned off in Cline's settings (Hooks).",
        ),
      );
    }, NO_EVENTS_AFTER_MS);
  }

  /** Handles one payload from the spool. */
  receive(text: string, receivedAt: number): void {
    const parsed = parseHookPayload(text, receivedAt);
    if (!parsed.ok) {
      this.deps.log.warn(`tasks: ignored a hook payload: ${parsed.error}`);
      return;
    }
    this.lastEventAt = Date.now();
    this.deps.log.debug(`tasks: ${parsed.event.kind} for Cline task ${parsed.event.taskId}`);
    this.tracker.apply(parsed.event);
  }

  /** Whether a message would reach a task: the newest task is running, waiting or finished but open. */
  hasOpenTask(): boolean {
    const newest = this.tracker
      .all()
      .filter((t) => t.state !== 'queued')
      .at(-1);
    return !!newest && (ACTIVE_STATES.has(newest.state) || newest.state === 'completed');
  }

  dispose(): void {
    this.stopListening();
    if (this.noEventsTimer) clearTimeout(this.noEventsTimer);
    this.changed.dispose();
    this.problems.dispose();
  }

  private async listen(): Promise<void> {
    if (this.spool) return;
    const spool = new EventSpool({
      dir: this.deps.eventsDir,
      onPayload: (text, at) => this.receive(text, at),
      onError: (message) => this.deps.log.warn(`tasks: ${message}`),
    });
    try {
      await spool.start();
    } catch (thrown) {
      this.deps.log.error(`tasks: cannot listen for events in ${this.deps.eventsDir}: ${String(thrown)}`);
      return;
    }
    this.spool = spool;
    this.deps.log.info(`tasks: listening for Cline's task events in ${this.deps.eventsDir}`);
    void this.removeOrphanSpools();
    this.deps.fireTaskChange(undefined);
    this.changed.fire(undefined);
    this.queue.maybeAdvance();
  }

  /** Spool folders of this machine's extension hosts that died without removing theirs (a crash, a kill). */
  private async removeOrphanSpools(): Promise<void> {
    const root = path.dirname(this.deps.eventsDir);
    const names = await fs.promises.readdir(root).catch(() => []);
    const machine = { hostname: os.hostname(), isAlive: processIsAlive };
    for (const dir of orphanSpoolDirs(root, names, machine)) {
      await fs.promises.rm(dir, { recursive: true, force: true }).then(
        () => this.deps.log.info(`tasks: removed the spool folder of a window that is gone: ${dir}`),
        (thrown) => this.deps.log.warn(`tasks: cannot remove ${dir}: ${String(thrown)}`),
      );
    }
  }

  private stopListening(): void {
    this.spool?.dispose();
    this.spool = undefined;
    this.deps.fireTaskChange(undefined);
  }
}

/** Whether a process with this id runs on this machine (EPERM: it does, but is someone else's). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (thrown) {
    return (thrown as NodeJS.ErrnoException).code === 'EPERM';
  }
}
