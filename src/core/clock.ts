/**
 * Time, injected. The chat's savers, batchers and sessions read the time and set timers only through a
 * Clock, so tests can drive time by hand instead of waiting for it; the wiring passes `systemClock`.
 */
export interface Clock {
  /** Milliseconds since the epoch (wall-clock time: it is stored, for example as `updatedAt`). */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms` on `clock`. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
