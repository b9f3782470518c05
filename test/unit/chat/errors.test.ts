import assert from 'node:assert/strict';
import {
  ChatError,
  errorFromResponse,
  kindForStatus,
  midstreamError,
  networkError,
  timeoutError,
  toChatError,
  toErrorView,
} from '../../../src/core/chat/errors';

const NOW = Date.parse('2026-06-01T12:00:00Z');

describe('errorFromResponse', () => {
  it('reads the documented {"error":{code,message,metadata}} body', () => {
    const error = errorFromResponse(
      401,
      JSON.stringify({ error: { code: 401, message: 'Invalid API key', metadata: {} } }),
      new Headers({ 'x-request-id': 'abc' }),
    );
    assert.ok(error instanceof ChatError);
    assert.equal(error.kind, 'unauthorized');
    assert.equal(error.status, 401);
    assert.equal(error.message, 'Invalid API key');
    assert.equal(error.code, undefined, 'a numeric code that repeats the status is not a code');
    assert.equal(error.requestId, 'abc');
    assert.equal(error.retryable, false);
  });

  it('reads the real-world 402 body {"code":"insufficient_credits","current_balance":0}', () => {
    const error = errorFromResponse(402, '{"code":"insufficient_credits","current_balance":0}');
    assert.equal(error.kind, 'payment');
    assert.equal(error.status, 402);
    assert.equal(error.code, 'insufficient_credits');
    assert.equal(error.message, 'Insufficient credits (current balance: 0)');
  });

  it('keeps a string error code and the provider detail from metadata.raw', () => {
    const error = errorFromResponse(
      400,
      JSON.stringify({ error: { code: 'invalid_model', message: 'Provider returned error', metadata: { raw: 'model not found' } } }),
    );
    assert.equal(error.code, 'invalid_model');
    assert.equal(error.message, 'Provider returned error: model not found');
  });

  it('accepts {"error":"text"} and {"message":"text"} bodies', () => {
    assert.equal(errorFromResponse(403, '{"error":"Key lacks access"}').message, 'Key lacks access');
    assert.equal(errorFromResponse(404, '{"message":"No such model"}').message, 'No such model');
  });

  it('uses a plain-text body as the message', () => {
    const error = errorFromResponse(502, '  upstream connect error  ');
    assert.equal(error.kind, 'server');
    assert.equal(error.message, 'upstream connect error');
  });

  it('falls back to the status for empty, HTML and message-less JSON bodies', () => {
    assert.equal(errorFromResponse(503, '').message, 'Service unavailable (HTTP 503)');
    assert.equal(errorFromResponse(502, '<html><h1>502 Bad Gateway</h1></html>').message, 'Bad gateway (HTTP 502)');
    assert.equal(errorFromResponse(418, '{"foo":1}').message, 'HTTP error (HTTP 418)');
    assert.equal(errorFromResponse(418, '{"foo":1}').status, 418);
    assert.equal(errorFromResponse(500, 'null').message, 'Internal server error (HTTP 500)');
  });

  it('clips very long messages to one readable line', () => {
    const error = errorFromResponse(500, `line one\n${'x'.repeat(2000)}`);
    assert.ok(error.message.length <= 500);
    assert.ok(!error.message.includes('\n'));
    assert.ok(error.message.endsWith('…'));
  });

  it('reads Retry-After (seconds or HTTP date) from Headers or a plain record', () => {
    assert.equal(errorFromResponse(429, '', new Headers({ 'Retry-After': '7' }), NOW).retryAfterMs, 7000);
    assert.equal(errorFromResponse(429, '', { 'retry-after': new Date(NOW + 5000).toUTCString() }, NOW).retryAfterMs, 5000);
    assert.equal(errorFromResponse(429, '', { 'Retry-After': ['2'] }, NOW).retryAfterMs, 2000);
    assert.equal(errorFromResponse(429, '', {}, NOW).retryAfterMs, undefined);
    assert.equal(errorFromResponse(429, '', undefined, NOW).retryable, true);
  });
});

describe('kindForStatus', () => {
  it('maps the documented statuses', () => {
    const expected: Record<number, string> = {
      400: 'badResponse',
      401: 'unauthorized',
      402: 'payment',
      403: 'forbidden',
      404: 'notFound',
      408: 'timeout',
      409: 'badResponse',
      429: 'rateLimited',
      500: 'server',
      502: 'server',
      503: 'server',
      504: 'server',
    };
    for (const [status, kind] of Object.entries(expected)) assert.equal(kindForStatus(Number(status)), kind, status);
  });
});

describe('midstreamError', () => {
  it('keeps code and message, and knows which codes a retry will not fix', () => {
    const permanent = midstreamError({ code: 'context_length_exceeded', message: 'Too long' }, 'req_9');
    assert.equal(permanent.kind, 'midstream');
    assert.equal(permanent.code, 'context_length_exceeded');
    assert.equal(permanent.message, 'Too long');
    assert.equal(permanent.requestId, 'req_9');
    assert.equal(permanent.retryable, false);
    assert.equal(midstreamError({ code: 'content_filter', message: 'x' }).retryable, false);
    assert.equal(midstreamError({ code: 'rate_limit', message: 'x' }).retryable, true);
    assert.equal(midstreamError({ code: 'server_error', message: 'x' }).retryable, true);
  });

  it('copes with numeric codes and empty objects', () => {
    assert.equal(midstreamError({ code: 502, message: 'Bad gateway' }).code, '502');
    const empty = midstreamError({});
    assert.equal(empty.code, undefined);
    assert.match(empty.message, /error/);
  });
});

describe('network errors', () => {
  /** What undici's fetch rejects with: TypeError('fetch failed', { cause: systemError }). */
  const fetchFailed = (code: string): TypeError => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

  const cases: [string, RegExp][] = [
    ['ECONNREFUSED', /Connection refused by api\.example\.test/],
    ['ENOTFOUND', /Could not resolve the host api\.example\.test/],
    ['ECONNRESET', /closed unexpectedly/],
    ['UND_ERR_CONNECT_TIMEOUT', /timed out/],
    ['CERT_HAS_EXPIRED', /TLS certificate .* not accepted \(CERT_HAS_EXPIRED\)/],
    ['SELF_SIGNED_CERT_IN_CHAIN', /TLS certificate/],
    ['EHOSTUNREACH', /Could not reach api\.example\.test \(EHOSTUNREACH\)/],
  ];
  for (const [code, message] of cases) {
    it(`maps ${code} to a network error that points at the base URL and proxy`, () => {
      const error = toChatError(fetchFailed(code), 'https://api.example.test/api/v1/chat/completions');
      assert.equal(error.kind, 'network');
      assert.equal(error.code, code);
      assert.equal(error.retryable, true);
      assert.match(error.message, message);
      assert.match(error.message, /Check the base URL and your proxy settings\./);
    });
  }

  it('finds the code through nested causes (undici wraps twice for TLS)', () => {
    const inner = Object.assign(new Error('bad cert'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    const error = networkError(new TypeError('fetch failed', { cause: new Error('connect failed', { cause: inner }) }));
    assert.equal(error.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.match(error.message, /the server/);
  });
});

describe('toChatError', () => {
  it('passes ChatErrors through unchanged', () => {
    const original = new ChatError({ kind: 'payment', message: 'x', status: 402 });
    assert.equal(toChatError(original), original);
  });

  it('turns an AbortError into aborted', () => {
    assert.equal(toChatError(new DOMException('The operation was aborted.', 'AbortError')).kind, 'aborted');
  });

  it('does not mistake a programming TypeError for a network failure', () => {
    const error = toChatError(new TypeError("Cannot read properties of undefined (reading 'x')"));
    assert.equal(error.kind, 'badResponse');
    assert.equal(error.retryable, false);
  });

  it('accepts thrown non-errors', () => {
    assert.equal(toChatError('weird').message, 'weird');
  });
});

describe('toErrorView', () => {
  it('is plain data with only the fields that are set', () => {
    const view = toErrorView(new ChatError({ kind: 'rateLimited', message: 'slow', status: 429, requestId: 'r1', retryAfterMs: 1000 }));
    assert.deepEqual(view, { kind: 'rateLimited', message: 'slow', status: 429, requestId: 'r1', retryable: true });
    assert.equal(Object.getPrototypeOf(view), Object.prototype);
    assert.deepEqual(JSON.parse(JSON.stringify(view)), view);
  });

  it('includes the code of a mid-stream error', () => {
    assert.deepEqual(toErrorView(midstreamError({ code: 'content_filter', message: 'Blocked' })), {
      kind: 'midstream',
      code: 'content_filter',
      message: 'Blocked',
      retryable: false,
    });
  });

  it('converts anything thrown', () => {
    assert.equal(toErrorView(new Error('boom')).kind, 'badResponse');
  });
});

describe('timeoutError', () => {
  it('names the seconds', () => {
    assert.match(timeoutError(60_000).message, /60 seconds/);
    assert.match(timeoutError(1000).message, /1 second;/);
    assert.match(timeoutError(1500).message, /1\.5 seconds/);
    assert.equal(timeoutError(1000).kind, 'timeout');
  });
});
