/**
 * One model of Cline's tasks in this window, fed by two sources: our own ClineAPI calls (a task we start
 * is `starting` until Cline's TaskStart names it) and the hook events. Cline's API says nothing, so without
 * events the state after a start is `unknown`, never a guess.
 *
 * States: queued → starting → running ⇄ waiting → completed | cancelled; failed when our call failed.
 * Waiting means Cline waits for Approve/Reject:
 *  - next build: a PreToolUse with nothing after it for `waitingAfterMs` (Cline fires PreToolUse before it
 *    asks; a tool that needs no approval is followed at once by PostToolUse);
 *  - legacy build: a `user_attention` notification from an ask source (PreToolUse comes after the approval).
 * Events that repeat, arrive out of order or name unknown tasks never crash it or leave it stuck.
 * Pure: no `vscode`; the clock and timers are injected.
 */
import * as l10n from '@vscode/l10n';
import type { Clock } from '../clock';
import type { TaskEvent, ToolRequest } from './hookPayload';

export type TaskState = 'queued' | 'starting' | 'running' | 'waiting' | 'completed' | 'cancelled' | 'failed' | 'unknown';

/** A task as the API and the views see it. Immutable snapshot: every change makes a new object. */
export interface CompanionTask {
  readonly id: string;
  readonly clineTaskId?: string;
  readonly prompt: string;
  readonly state: TaskState;
  readonly pendingTool?: { readonly name: string; readonly parameters: Readonly<Record<string, unknown>> };
  readonly result?: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  /** Why it failed (our call), or why the state is unknown. */
  readonly reason?: string;
  /** Where the task came from: one of ours (a command, the queue, the API) or Cline's own panel. */
  readonly origin: 'companion' | 'cline';
}

export const ACTIVE_STATES: ReadonlySet<TaskState> = new Set(['starting', 'running', 'waiting']);
export const FINISHED_STATES: ReadonlySet<TaskState> = new Set(['completed', 'cancelled', 'failed']);

export interface TaskTrackerOptions {
  clock: Clock;
  newId(): string;
  /** Next build: how long a PreToolUse must stay alone before the task counts as waiting. */
  waitingAfterMs?: number;
  /** Finished tasks kept (oldest dropped first); queued and active ones are always kept. */
  keepFinished?: number;
  /** Every change of any task, with the new snapshot. */
  onChange(task: CompanionTask): void;
  log?(message: string): void;
}

interface Entry {
  task: CompanionTask;
  /** Timestamp of the last event applied, to drop late arrivals. */
  lastEventAt: number;
  waitingTimer?: unknown;
  /** Recent event keys, to drop duplicates. */
  seen: string[];
}

const SEEN_KEEP = 32;

/** The prompt as Cline reports it and as we sent it, compared without whitespace differences. */
const sameText = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

export class TaskTracker {
  private readonly entries = new Map<string, Entry>();
  private readonly byClineId = new Map<string, string>();
  private legacy = false;
  private readonly waitingAfterMs: number;
  private readonly keepFinished: number;

  constructor(private readonly options: TaskTrackerOptions) {
    this.waitingAfterMs = options.waitingAfterMs ?? 1000;
    this.keepFinished = options.keepFinished ?? 20;
  }

  /** Oldest first. */
  all(): CompanionTask[] {
    return [...this.entries.values()].map((e) => e.task);
  }

  get(id: string): CompanionTask | undefined {
    return this.entries.get(id)?.task;
  }

  /** The task Cline works on (starting, running or waiting), newest first. */
  active(): CompanionTask | undefined {
    return this.all()
      .reverse()
      .find((t) => ACTIVE_STATES.has(t.state));
  }

  /** The task waiting for Approve/Reject, if any. */
  waiting(): CompanionTask | undefined {
    return this.all()
      .reverse()
      .find((t) => t.state === 'waiting');
  }

  /** A task of ours that will be started later (the queue). */
  addQueued(prompt: string): CompanionTask {
    return this.add({ id: this.options.newId(), prompt, state: 'queued', origin: 'companion' });
  }

  /** Our startNewTask is about to be called (for a new task, or for a queued one). */
  starting(prompt: string, queuedId?: string): CompanionTask {
    const existing = queuedId ? this.entries.get(queuedId) : undefined;
    if (existing) return this.update(existing, { state: 'starting', prompt, startedAt: this.options.clock.now(), reason: undefined });
    return this.add({ id: this.options.newId(), prompt, state: 'starting', startedAt: this.options.clock.now(), origin: 'companion' });
  }

  /**
   * Our startNewTask resolved. With events, the task stays `starting` until its TaskStart; without them,
   * nothing will ever tell us more, so the state is `unknown`.
   */
  started(id: string, eventsConnected: boolean): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    // startNewTask replaces Cline's current task: an older active task is gone.
    this.cancelOthers(id);
    if (entry.task.state === 'starting' && !eventsConnected)
      this.update(entry, { state: 'unknown', reason: l10n.t('Task events are not connected, so its progress is not known.') });
  }

  /** Our startNewTask failed. */
  failed(id: string, reason: string): void {
    const entry = this.entries.get(id);
    if (entry) this.update(entry, { state: 'failed', reason, endedAt: this.options.clock.now() });
  }

  /**
   * Events stopped (disconnected): what Cline does from now on is not known. Working tasks become `unknown`
   * instead of keeping a state that would be stale when events come back.
   */
  forgetActivity(reason: string): void {
    for (const entry of this.entries.values()) {
      if (!ACTIVE_STATES.has(entry.task.state)) continue;
      this.clearWaitingTimer(entry);
      this.update(entry, { state: 'unknown', pendingTool: undefined, reason });
    }
  }

  /** Edits a queued task's prompt. False when the task is not queued (any more). */
  editQueued(id: string, prompt: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.task.state !== 'queued') return false;
    this.update(entry, { prompt });
    return true;
  }

  /** Removes a queued task. */
  removeQueued(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.task.state !== 'queued') return false;
    this.entries.delete(id);
    return true;
  }

  /** Applies one hook event. Returns the task it touched, if any. */
  apply(event: TaskEvent): CompanionTask | undefined {
    if (event.build === 'legacy' || event.kind === 'attention') this.legacy = true;
    let entry = this.entryForCline(event.taskId);
    if (!entry) {
      entry = this.adopt(event);
      if (!entry) {
        this.options.log?.(`ignored ${event.kind} for unknown Cline task ${event.taskId}`);
        return undefined;
      }
    }
    const key = `${event.kind}|${event.at}|${'tool' in event ? event.tool.name : ''}|${'event' in event ? event.event : ''}`;
    if (entry.seen.includes(key)) {
      this.options.log?.(`ignored a repeated ${event.kind} for ${event.taskId}`);
      return entry.task;
    }
    entry.seen.push(key);
    if (entry.seen.length > SEEN_KEEP) entry.seen.shift();
    if (event.at < entry.lastEventAt && event.kind !== 'completed' && event.kind !== 'cancelled') {
      // A late event must not take the task back to an earlier state (e.g. PreToolUse after PostToolUse).
      this.options.log?.(`ignored a late ${event.kind} for ${event.taskId}`);
      return entry.task;
    }
    entry.lastEventAt = Math.max(entry.lastEventAt, event.at);
    this.clearWaitingTimer(entry);
    const task = entry.task;
    switch (event.kind) {
      case 'taskStart':
      case 'resumed':
      case 'promptSubmit':
        if (task.state === 'cancelled' && event.at <= (task.endedAt ?? 0)) return task;
        return this.update(entry, {
          state: 'running',
          pendingTool: undefined,
          endedAt: undefined,
          result: undefined,
          startedAt: task.startedAt ?? event.at,
        });
      case 'toolRequested':
        if (this.legacy) return this.update(entry, { state: 'running', pendingTool: undefined });
        this.update(entry, { state: task.state === 'waiting' ? 'waiting' : 'running', pendingTool: toolOf(event.tool) });
        entry.waitingTimer = this.options.clock.setTimeout(() => {
          entry.waitingTimer = undefined;
          if (entry.task.pendingTool && entry.task.state === 'running') this.update(entry, { state: 'waiting' });
        }, this.waitingAfterMs);
        return entry.task;
      case 'toolFinished':
        return this.update(entry, { state: 'running', pendingTool: undefined });
      case 'attention':
        if (!event.approvalWaits) return task;
        return this.update(entry, {
          state: 'waiting',
          pendingTool: { name: event.source ?? 'tool', parameters: event.message === undefined ? {} : { message: event.message } },
        });
      case 'completed':
        return this.update(entry, { state: 'completed', result: event.result, pendingTool: undefined, endedAt: event.at });
      case 'cancelled':
        // Legacy fires TaskCancel for the previous task when a new one starts, even when it had completed.
        if (task.state === 'completed' || task.state === 'cancelled') return task;
        return this.update(entry, { state: 'cancelled', pendingTool: undefined, endedAt: event.at });
      case 'unknown':
        return task;
    }
  }

  /** Events for a Cline task we do not know yet: link it to our starting task, or adopt one from Cline's panel. */
  private adopt(event: TaskEvent): Entry | undefined {
    if (event.kind === 'completed' || event.kind === 'cancelled' || event.kind === 'toolFinished' || event.kind === 'unknown')
      return undefined;
    if (event.kind === 'attention' && !event.approvalWaits) return undefined;
    const prompt = event.kind === 'taskStart' || event.kind === 'promptSubmit' ? event.prompt : undefined;
    const ours = [...this.entries.values()].filter((e) => e.task.state === 'starting' && !e.task.clineTaskId);
    // Our prompt is inside Cline's initialTask; without a prompt to compare, the oldest starting task is it.
    const match =
      prompt !== undefined ? (ours.find((e) => sameText(e.task.prompt, prompt)) ?? (ours.length === 1 ? ours[0] : undefined)) : ours[0];
    if (match) {
      this.byClineId.set(event.taskId, match.task.id);
      match.task = { ...match.task, clineTaskId: event.taskId };
      this.cancelOthers(match.task.id);
      return match;
    }
    const entry = this.addEntry({
      id: this.options.newId(),
      clineTaskId: event.taskId,
      prompt: prompt ?? '',
      state: 'running',
      startedAt: event.at,
      origin: 'cline',
    });
    this.byClineId.set(event.taskId, entry.task.id);
    // A task that starts in Cline replaces the one Cline was working on.
    this.cancelOthers(entry.task.id);
    return entry;
  }

  private entryForCline(clineTaskId: string): Entry | undefined {
    const id = this.byClineId.get(clineTaskId);
    return id ? this.entries.get(id) : undefined;
  }

  /** Cline runs one task at a time: starting another ends the others' activity (not a completed one's result). */
  private cancelOthers(keepId: string): void {
    for (const entry of this.entries.values()) {
      if (entry.task.id === keepId || !ACTIVE_STATES.has(entry.task.state) || entry.task.state === 'starting') continue;
      this.clearWaitingTimer(entry);
      this.update(entry, { state: 'cancelled', pendingTool: undefined, endedAt: this.options.clock.now() });
    }
  }

  private add(task: CompanionTask): CompanionTask {
    const entry = this.addEntry(task);
    this.options.onChange(entry.task);
    return entry.task;
  }

  private addEntry(task: CompanionTask): Entry {
    const entry: Entry = { task, lastEventAt: 0, seen: [] };
    this.entries.set(task.id, entry);
    this.prune();
    return entry;
  }

  private update(entry: Entry, patch: Partial<CompanionTask>): CompanionTask {
    const next = { ...entry.task, ...patch } as CompanionTask;
    for (const key of Object.keys(next) as (keyof CompanionTask)[])
      if (next[key] === undefined) delete (next as Partial<CompanionTask>)[key];
    entry.task = next;
    this.options.onChange(next);
    return next;
  }

  private clearWaitingTimer(entry: Entry): void {
    if (entry.waitingTimer !== undefined) this.options.clock.clearTimeout(entry.waitingTimer);
    entry.waitingTimer = undefined;
  }

  private prune(): void {
    const finished = [...this.entries.values()].filter((e) => FINISHED_STATES.has(e.task.state) || e.task.state === 'unknown');
    for (const entry of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) {
      this.entries.delete(entry.task.id);
      if (entry.task.clineTaskId) this.byClineId.delete(entry.task.clineTaskId);
    }
  }
}

function toolOf(request: ToolRequest): CompanionTask['pendingTool'] {
  return { name: request.name, parameters: request.parameters };
}
