import assert from 'node:assert/strict';
import { MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelayMs, type RetryCandidate } from '../../../src/core/chat/retryPolicy';

const noJitter = (): number => 0;

/** Every delay the policy grants for one error, until it says stop. */
function schedule(error: RetryCandidate): number[] {
  const delays: number[] = [];
  for (let retries = 0; retries < 20; retries++) {
    const delay = retryDelayMs(error, retries, noJitter);
    if (delay === undefined) break;
    delays.push(delay);
  }
  return delays;
}

describe('retryDelayMs', () => {
  it('follows the docs’ table', () => {
    assert.deepEqual(schedule({ kind: 'rateLimited', status: 429 }), [1000, 2000, 4000, 8000]);
    assert.deepEqual(schedule({ kind: 'server', status: 500 }), [1000]);
    assert.deepEqual(schedule({ kind: 'server', status: 502 }), [1000, 2000, 4000]);
    assert.deepEqual(schedule({ kind: 'server', status: 503 }), [1000, 2000, 4000]);
    assert.deepEqual(schedule({ kind: 'server', status: 504 }), [1000, 2000, 4000]);
    assert.deepEqual(schedule({ kind: 'network' }), [1000, 2000, 4000]);
  });

  it('never retries client errors, timeouts, aborts, mid-stream or bad responses', () => {
    for (const error of [
      { kind: 'badResponse', status: 400 },
      { kind: 'unauthorized', status: 401 },
      { kind: 'payment', status: 402 },
      { kind: 'forbidden', status: 403 },
      { kind: 'notFound', status: 404 },
      { kind: 'timeout' },
      { kind: 'aborted' },
      { kind: 'midstream' },
      { kind: 'badResponse' },
      { kind: 'server' },
    ] as RetryCandidate[]) {
      assert.equal(retryDelayMs(error, 0, noJitter), undefined, JSON.stringify(error));
    }
  });

  it('uses Retry-After as given, within the retry budget', () => {
    assert.equal(
      retryDelayMs({ kind: 'rateLimited', status: 429, retryAfterMs: 2500 }, 0, () => 0.9),
      2500,
    );
    assert.equal(retryDelayMs({ kind: 'server', status: 503, retryAfterMs: 0 }, 2, noJitter), 0);
    assert.equal(retryDelayMs({ kind: 'rateLimited', status: 429, retryAfterMs: 2500 }, 4, noJitter), undefined);
  });

  it('gives up when Retry-After is longer than the maximum', () => {
    assert.equal(retryDelayMs({ kind: 'rateLimited', status: 429, retryAfterMs: MAX_RETRY_AFTER_MS }, 0, noJitter), MAX_RETRY_AFTER_MS);
    assert.equal(retryDelayMs({ kind: 'rateLimited', status: 429, retryAfterMs: MAX_RETRY_AFTER_MS + 1 }, 0, noJitter), undefined);
  });

  it('adds less than 10% jitter', () => {
    assert.equal(
      retryDelayMs({ kind: 'rateLimited', status: 429 }, 1, () => 0.5),
      2100,
    );
    assert.equal(
      retryDelayMs({ kind: 'rateLimited', status: 429 }, 1, () => 0.9999),
      2199,
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter(' 1.5 ', now), 1500);
    assert.equal(parseRetryAfter('0', now), 0);
  });
  it('reads HTTP dates, never negative', () => {
    assert.equal(parseRetryAfter('Mon, 01 Jun 2026 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Mon, 01 Jun 2026 11:00:00 GMT', now), 0);
  });
  it('ignores absent or unreadable values', () => {
    for (const value of [undefined, null, '', '  ', 'soon', '-5']) assert.equal(parseRetryAfter(value, now), undefined, String(value));
  });
});
