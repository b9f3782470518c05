/**
 * Saving while an answer streams: at most one save per interval, so a window reload mid-answer keeps
 * the text so far without a write per token.
 */
import { type Clock, systemClock } from '../clock';

export interface ThrottledSaver<T> {
  /** Saves `value` soon: now if the last save was over an interval ago, else when the interval ends. */
  schedule(value: T): void;
  /** Saves whatever is pending right away and waits for every save to finish; rejects if that save fails. */
  flush(): Promise<void>;
  /** Drops the pending value and the timer (for example when the conversation is deleted). */
  cancel(): void;
}

export interface ThrottledSaverOptions {
  /** Failures of background saves (a failing `flush` rejects instead). */
  onError?: (error: unknown) => void;
  clock?: Clock;
}

/**
 * At most one save per `intervalMs`, and never two at once; the latest scheduled value wins.
 * The value is passed to `save` when the save starts, so a mutable conversation is saved as it is then.
 */
export function createThrottledSaver<T>(
  save: (value: T) => Promise<void>,
  intervalMs = 1000,
  options: ThrottledSaverOptions = {},
): ThrottledSaver<T> {
  const clock = options.clock ?? systemClock;
  let pending: { value: T } | undefined;
  let timer: unknown;
  let inFlight: Promise<void> | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;

  const clearTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  const start = (report: boolean): Promise<void> => {
    const { value } = pending as { value: T };
    pending = undefined;
    lastStart = clock.now();
    const attempt = (async () => save(value))();
    const settled = attempt.then(
      () => undefined,
      (error: unknown) => {
        if (report) options.onError?.(error);
      },
    );
    inFlight = settled;
    void settled.then(() => {
      if (inFlight === settled) inFlight = undefined;
      kick();
    });
    return attempt;
  };

  const kick = (): void => {
    if (pending === undefined || timer !== undefined || inFlight !== undefined) return;
    // Capped at one interval: the clock is wall time, and a clock set back must not hold the save for hours.
    const wait = Math.min(intervalMs, lastStart + intervalMs - clock.now());
    if (wait <= 0) {
      void start(true).catch(() => undefined); // reported through onError
      return;
    }
    timer = clock.setTimeout(() => {
      timer = undefined;
      kick();
    }, wait);
  };

  return {
    schedule(value: T): void {
      pending = { value };
      kick();
    },
    async flush(): Promise<void> {
      for (;;) {
        clearTimer();
        if (inFlight !== undefined) {
          await inFlight;
          continue;
        }
        if (pending === undefined) return;
        await start(false);
      }
    },
    cancel(): void {
      clearTimer();
      pending = undefined;
    },
  };
}
