import type { Clock } from '../../src/core/clock';

/** A clock whose time only moves when the test says so; timers fire in time order as it passes them. */
export class FakeClock implements Clock {
  constructor(public time = 0) {}
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time on by `ms` and fires the timers due by then (and those they set that are due too), synchronously. */
  tick(ms: number): void {
    this.time += ms;
    while (this.fireNextDue());
  }

  /** Like `tick`, but lets promises and I/O callbacks run after each timer (for async code such as savers). */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    while (this.fireNextDue()) await settle();
    await settle();
  }

  private fireNextDue(): boolean {
    this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
    const due = this.timers[0];
    if (due === undefined || due.at > this.time) return false;
    this.timers.shift();
    due.callback();
    return true;
  }
}

/** Resolves after pending promise callbacks and I/O events have run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
