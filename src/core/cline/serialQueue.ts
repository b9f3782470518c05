/**
 * Runs async jobs one at a time, in the order they were queued. A job that fails does not stop the ones
 * behind it. ClineAPI calls go through one of these: Cline handles one interaction at a time, and two
 * overlapping `startNewTask`s would race to clear each other's task.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** @param onSizeChange told the number of queued + running jobs whenever it changes (for a busy indicator). */
  constructor(private readonly onSizeChange: (size: number) => void = () => undefined) {}

  /** Queued plus running jobs. */
  get size(): number {
    return this.waiting;
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    this.waiting++;
    this.onSizeChange(this.waiting);
    const result = this.tail.then(job);
    // The chain continues whatever the job's outcome; the caller still sees the rejection.
    this.tail = result.then(
      () => this.done(),
      () => this.done(),
    );
    return result;
  }

  private done(): void {
    this.waiting--;
    this.onSizeChange(this.waiting);
  }
}
