/**
 * When to retry a chat request, and after how long: the Cline docs' retry table as data.
 *
 * | error                     | retries | delays (before jitter)           |
 * |---------------------------|---------|----------------------------------|
 * | 400/401/402/403/404 …     | never   | (fix the request / key / credits) |
 * | 429                       | 4       | 1 s, 2 s, 4 s, 8 s, or Retry-After |
 * | 500 (and other 5xx)       | 1       | 1 s                              |
 * | 502 / 503 / 504           | 3       | 1 s, 2 s, 4 s                    |
 * | network error, no answer  | 3       | like 503                         |
 *
 * Only errors that happen before the first byte of a 200 body are retried (the client enforces that):
 * after that, text has been shown and a silent re-run would duplicate or contradict it.
 * 504 is not in the docs' table; it is a gateway error like 502, so it is treated the same way.
 */
import type { ErrorKind } from '../../protocol/chatProtocol';

/** A server asking us to wait longer than this is better answered by telling the user than by a spinner. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Jitter adds up to this fraction of the base delay, so many clients rate-limited together don't return in lockstep. */
const JITTER_FRACTION = 0.1;

interface Rule {
  maxRetries: number;
  delaysMs: (retry: number) => number;
}

const exponentialFromOneSecond = (retry: number): number => 1000 * 2 ** retry;

const RATE_LIMITED: Rule = { maxRetries: 4, delaysMs: exponentialFromOneSecond };
const SERVER_ONCE: Rule = { maxRetries: 1, delaysMs: () => 1000 };
const GATEWAY: Rule = { maxRetries: 3, delaysMs: exponentialFromOneSecond };

/** The facts about a failure that the policy needs (a `ChatError` fits). */
export interface RetryCandidate {
  kind: ErrorKind;
  status?: number;
  retryAfterMs?: number;
}

function ruleFor(error: RetryCandidate): Rule | undefined {
  if (error.kind === 'rateLimited') return RATE_LIMITED;
  if (error.kind === 'network') return GATEWAY;
  if (error.kind === 'server' && error.status !== undefined) {
    return error.status === 502 || error.status === 503 || error.status === 504 ? GATEWAY : SERVER_ONCE;
  }
  return undefined;
}

/**
 * The delay before retry number `retriesSoFar + 1`, or `undefined` when the request must not be retried
 * (not retryable, retries used up, or the server asked for a wait longer than {@link MAX_RETRY_AFTER_MS}).
 * A `Retry-After` from the server is used as given (no jitter): it is an explicit instruction.
 */
export function retryDelayMs(error: RetryCandidate, retriesSoFar: number, random: () => number = Math.random): number | undefined {
  const rule = ruleFor(error);
  if (!rule || retriesSoFar >= rule.maxRetries) return undefined;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= MAX_RETRY_AFTER_MS ? error.retryAfterMs : undefined;
  }
  const base = rule.delaysMs(retriesSoFar);
  return base + Math.floor(base * JITTER_FRACTION * random());
}

/**
 * Parses a `Retry-After` header: delta-seconds (`"2"`, `"1.5"`) or an HTTP date. Returns milliseconds from
 * `nowMs` (never negative), or `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // HTTP dates always name a month; without that check Date.parse would read "-5" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
