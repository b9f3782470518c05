/**
 * Tasks waiting for Cline to be idle. The queue owns only the order and the paused flag; the tasks
 * themselves (state `queued`) live in the tracker, so the API and the views see one list.
 *
 * Rules that keep it safe:
 *  - it starts a task only when no task is starting, running or waiting, and only one at a time;
 *  - it never presses Approve or anything else: it only calls `start`;
 *  - it advances on its own only when task events are connected (otherwise nothing tells it that Cline
 *    is done: the user starts the next one by hand);
 *  - a failed start pauses it, with the reason.
 * Pure: no `vscode`; persistence goes through `save`.
 */
import * as l10n from '@vscode/l10n';
import type { CompanionTask, TaskTracker } from './taskTracker';
import { ACTIVE_STATES } from './taskTracker';

export interface QueueSnapshot {
  paused: boolean;
  /** Why it paused on its own (a failed start), if it did. */
  pausedReason?: string;
  items: { prompt: string; images?: string[] }[];
}

export interface TaskQueueOptions {
  tracker: TaskTracker;
  /** Starts one task in Cline (marks it starting, calls startNewTask). Resolves false, with a reason, on failure. */
  start(task: CompanionTask, images: string[] | undefined): Promise<{ ok: boolean; reason?: string }>;
  eventsConnected(): boolean;
  save(snapshot: QueueSnapshot): void;
  onChange(): void;
  log?(message: string): void;
}

export class TaskQueue {
  private order: { id: string; images?: string[] }[] = [];
  private paused = false;
  private pausedReason: string | undefined;
  private startingNow = false;

  constructor(private readonly options: TaskQueueOptions) {}

  /** Restores a saved queue (after a window reload). Queued tasks get new ids. */
  restore(snapshot: QueueSnapshot | undefined): void {
    if (!snapshot || !Array.isArray(snapshot.items)) return;
    // Held while the tasks are added: adding one must not start it before the saved paused flag is back.
    this.paused = true;
    for (const item of snapshot.items) {
      if (typeof item?.prompt !== 'string' || !item.prompt) continue;
      const images = Array.isArray(item.images) ? item.images.filter((i): i is string => typeof i === 'string') : undefined;
      this.order.push({ id: this.options.tracker.addQueued(item.prompt).id, images: images?.length ? images : undefined });
    }
    this.paused = snapshot.paused === true;
    this.pausedReason = typeof snapshot.pausedReason === 'string' ? snapshot.pausedReason : undefined;
    this.changed(false);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get whyPaused(): string | undefined {
    return this.pausedReason;
  }

  /** The queued tasks, next first. */
  items(): CompanionTask[] {
    return this.order.map((o) => this.options.tracker.get(o.id)).filter((t): t is CompanionTask => t?.state === 'queued');
  }

  get length(): number {
    return this.items().length;
  }

  enqueue(prompt: string, images?: string[]): CompanionTask {
    const task = this.options.tracker.addQueued(prompt);
    this.order.push({ id: task.id, images: images?.length ? images : undefined });
    this.changed();
    return task;
  }

  remove(id: string): boolean {
    const removed = this.options.tracker.removeQueued(id);
    this.order = this.order.filter((o) => o.id !== id);
    this.changed(false);
    return removed;
  }

  edit(id: string, prompt: string): boolean {
    const ok = prompt.trim() !== '' && this.options.tracker.editQueued(id, prompt);
    if (ok) this.changed(false);
    return ok;
  }

  /** Moves a queued task by `delta` places (negative: earlier). */
  move(id: string, delta: number): boolean {
    const from = this.order.findIndex((o) => o.id === id);
    if (from < 0) return false;
    const to = Math.max(0, Math.min(this.order.length - 1, from + delta));
    if (to === from) return false;
    const [item] = this.order.splice(from, 1);
    this.order.splice(to, 0, item);
    this.changed(false);
    return true;
  }

  clear(): void {
    for (const o of this.order) this.options.tracker.removeQueued(o.id);
    this.order = [];
    this.changed(false);
  }

  pause(): void {
    this.paused = true;
    this.pausedReason = undefined;
    this.changed(false);
  }

  resume(): void {
    this.paused = false;
    this.pausedReason = undefined;
    this.changed();
  }

  /** True when Cline is busy with a task (or we are starting one). */
  clineBusy(): boolean {
    return this.startingNow || this.options.tracker.all().some((t) => ACTIVE_STATES.has(t.state));
  }

  /** Call on every task change: starts the next task when Cline became idle (events connected, not paused). */
  maybeAdvance(): void {
    if (this.paused || !this.options.eventsConnected()) return;
    void this.startNext();
  }

  /**
   * Starts the next task now if Cline is idle: the automatic advance, and "Start Next" by hand when events
   * are not connected (then the user is the one who knows Cline is done). Resolves to the started task.
   */
  async startNext(): Promise<CompanionTask | undefined> {
    if (this.clineBusy()) return undefined;
    this.order = this.order.filter((o) => this.options.tracker.get(o.id)?.state === 'queued');
    const next = this.order.shift();
    if (!next) return undefined;
    const task = this.options.tracker.get(next.id);
    if (!task) return undefined;
    this.startingNow = true;
    this.changed(false);
    try {
      const outcome = await this.options.start(task, next.images);
      if (!outcome.ok) {
        this.paused = true;
        this.pausedReason = outcome.reason ?? l10n.t('The task could not be started.');
        this.options.log?.(`queue paused: ${this.pausedReason}`);
      }
    } finally {
      this.startingNow = false;
      this.changed(false);
    }
    return this.options.tracker.get(next.id);
  }

  snapshot(): QueueSnapshot {
    const byId = new Map(this.order.map((o) => [o.id, o.images]));
    return {
      paused: this.paused,
      ...(this.pausedReason ? { pausedReason: this.pausedReason } : {}),
      items: this.items().map((t) => ({ prompt: t.prompt, ...(byId.get(t.id) ? { images: byId.get(t.id) } : {}) })),
    };
  }

  private changed(advance = true): void {
    this.options.save(this.snapshot());
    this.options.onChange();
    if (advance) this.maybeAdvance();
  }
}
