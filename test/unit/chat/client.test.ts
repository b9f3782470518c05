import assert from 'node:assert/strict';
import * as net from 'node:net';
import { ServerRefusals, streamChat, type ChatEvent, type ChatOptions, type ChatRequest } from '../../../src/core/chat/client';
import { ChatError } from '../../../src/core/chat/errors';
import type { ToolDefinition } from '../../../src/core/tools/toolTypes';
import { reply, sse, SAMPLE_USAGE, useFakeClineServer, type FakeClineServer, type SsePart } from '../../fixtures/fakeClineServer';

let server: FakeClineServer;
useFakeClineServer((started) => (server = started));

interface FakeClock {
  delays: number[];
  sleep: NonNullable<ChatOptions['sleep']>;
}

/** Records the retry waits instead of waiting, so the tests assert exact delays and stay fast. */
function fakeClock(): FakeClock {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms) => {
      delays.push(ms);
    },
  };
}

function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    baseUrl: server.url,
    apiKey: 'sk-test',
    model: 'anthropic/claude-sonnet-4-6',
    messages: [{ role: 'user', content: 'Hi' }],
    ...overrides,
  };
}

interface Outcome {
  events: ChatEvent[];
  error?: ChatError;
  delays: number[];
}

/** Runs one chat to its end and returns every event plus the error it ended with, if any. */
async function run(options: Partial<ChatOptions> = {}, request: Partial<ChatRequest> = {}): Promise<Outcome> {
  const clock = fakeClock();
  const events: ChatEvent[] = [];
  try {
    for await (const event of streamChat(chatRequest(request), { idleTimeoutMs: 5000, sleep: clock.sleep, random: () => 0, ...options })) {
      events.push(event);
    }
    return { events, delays: clock.delays };
  } catch (err) {
    assert.ok(err instanceof ChatError, `expected a ChatError, got ${String(err)}`);
    return { events, error: err, delays: clock.delays };
  }
}

const text = (events: ChatEvent[]): string => events.map((e) => (e.type === 'content' ? e.text : '')).join('');
const types = (events: ChatEvent[]): string[] => events.map((e) => e.type);

/** The server-side close of request `i`, or a failure if it did not happen soon. */
async function closedByClient(i: number): Promise<boolean> {
  const closed = await Promise.race([
    server.requests[i].closed,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('server never saw the connection close')), 2000)),
  ]);
  return closed.byClient;
}

describe('streamChat: request', () => {
  it('sends no Authorization header when there is no key (a local server that takes none)', async () => {
    await run({}, { baseUrl: server.url, apiKey: undefined });
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].headers.authorization, undefined);
  });

  it('POSTs to {baseUrl}/chat/completions with the auth, referer and title headers and the body', async () => {
    await run(
      {},
      {
        baseUrl: `${server.url}/`,
        temperature: 0.2,
        messages: [
          { role: 'system', content: 'Be brief' },
          { role: 'user', content: 'Hi' },
        ],
      },
    );
    assert.equal(server.requests.length, 1);
    const [req] = server.requests;
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/api/v1/chat/completions');
    assert.equal(req.headers.authorization, 'Bearer sk-test');
    assert.match(String(req.headers['content-type']), /^application\/json/);
    assert.equal(req.headers['http-referer'], 'https://github.com/cline-companion/cline-companion');
    assert.equal(req.headers['x-title'], 'Cline Companion');
    assert.deepEqual(req.body, {
      model: 'anthropic/claude-sonnet-4-6',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: 'Hi' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
    });
  });

  it('omits temperature when not given, sends reasoning_details back, and uses custom referer/title', async () => {
    const details = [{ type: 'reasoning.encrypted', data: 'abc' }];
    await run(
      { headers: { referer: 'https://example.test', title: 'Other' } },
      {
        messages: [
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: 'A', reasoning_details: details },
          { role: 'user', content: 'Q2' },
        ],
      },
    );
    const [req] = server.requests;
    assert.equal('temperature' in req.body, false);
    assert.deepEqual(req.body.messages[1].reasoning_details, details);
    assert.equal(req.headers['http-referer'], 'https://example.test');
    assert.equal(req.headers['x-title'], 'Other');
  });
});

describe('streamChat: events', () => {
  it('streams start, content, usage, finish and done for a normal answer', async () => {
    server.script(reply.stream([sse.role(), sse.content('The capital'), sse.content(' is Paris.'), sse.finish('stop', SAMPLE_USAGE)]));
    const { events, error } = await run();
    assert.equal(error, undefined);
    assert.deepEqual(events, [
      { type: 'start', requestId: 'req_1' },
      { type: 'content', text: 'The capital' },
      { type: 'content', text: ' is Paris.' },
      { type: 'usage', usage: { promptTokens: 10, completionTokens: 5, cachedTokens: 4, cost: 0.00042 } },
      { type: 'finish', reason: 'stop' },
      { type: 'done' },
    ]);
  });

  it('reads a usage chunk with empty choices after the finish', async () => {
    server.script(
      reply.stream([
        sse.content('ok'),
        sse.finish('stop'),
        sse.usage({ prompt_tokens: 7, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 3 }, cost: 0.5 }),
      ]),
    );
    const { events } = await run();
    assert.deepEqual(events.slice(1), [
      { type: 'content', text: 'ok' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { promptTokens: 7, completionTokens: 1, cachedTokens: 3, cost: 0.5 } },
      { type: 'done' },
    ]);
  });

  it('leaves cost undefined and cached tokens 0 when the server does not report them', async () => {
    server.script(reply.stream([sse.content('ok'), sse.finish('stop', { prompt_tokens: 2, completion_tokens: 1 })]));
    const { events } = await run();
    const usage = events.find((e) => e.type === 'usage');
    assert.deepEqual(usage, { type: 'usage', usage: { promptTokens: 2, completionTokens: 1, cachedTokens: 0 } });
  });

  it('yields reasoning deltas and keeps reasoning_details unchanged', async () => {
    const details = [{ type: 'reasoning.text', text: 'step', signature: 'sig', format: 'anthropic-claude-v1', index: 0 }];
    server.script(
      reply.stream([sse.reasoning('Let me think'), sse.reasoning('…'), sse.reasoningDetails(details), sse.content('42'), sse.finish()]),
    );
    const { events } = await run();
    assert.deepEqual(events.slice(1, 5), [
      { type: 'reasoning', text: 'Let me think' },
      { type: 'reasoning', text: '…' },
      { type: 'reasoningDetails', details },
      { type: 'content', text: '42' },
    ]);
  });

  it('assembles tool calls split across chunks by index', async () => {
    server.script(
      reply.stream([
        sse.toolCall({ index: 0, id: 'call_a', name: 'get_weather', arguments: '{"loc' }),
        sse.toolCall({ index: 1, id: 'call_b', name: 'get_time', arguments: '' }),
        sse.toolCall({ index: 0, arguments: 'ation":"SF"}' }),
        sse.toolCall({ index: 1, arguments: '{}' }),
        sse.finish('tool_calls'),
      ]),
    );
    const { events } = await run();
    const snapshots = events.filter((e) => e.type === 'toolCalls').map((e) => (e.type === 'toolCalls' ? e.toolCalls : []));
    assert.equal(snapshots.length, 4);
    assert.deepEqual(snapshots[0], [{ index: 0, id: 'call_a', name: 'get_weather', arguments: '{"loc' }]);
    assert.deepEqual(snapshots[3], [
      { index: 0, id: 'call_a', name: 'get_weather', arguments: '{"location":"SF"}' },
      { index: 1, id: 'call_b', name: 'get_time', arguments: '{}' },
    ]);
    // Each snapshot is a fresh copy: later chunks must not rewrite what a consumer already holds.
    assert.equal(snapshots[0][0].arguments, '{"loc');
    assert.deepEqual(events.at(-2), { type: 'finish', reason: 'tool_calls' });
  });

  it('ignores comment lines and reads CRLF line ends', async () => {
    const parts: SsePart[] = [
      sse.comment('keep-alive'),
      sse.role(),
      sse.content('a'),
      sse.comment('OPENROUTER PROCESSING'),
      sse.content('b'),
      sse.finish('stop', SAMPLE_USAGE),
    ];
    server.script([reply.stream(parts), reply.stream(parts, { lineEnding: '\r\n' })]);
    const plain = await run();
    const crlf = await run();
    assert.equal(text(plain.events), 'ab');
    assert.deepEqual(types(plain.events), ['start', 'content', 'content', 'usage', 'finish', 'done']);
    assert.deepEqual(crlf.events.slice(1), plain.events.slice(1));
  });

  it('ends with done when the body ends without [DONE]', async () => {
    server.script(reply.stream([sse.content('partial')], { done: false }));
    const { events, error } = await run();
    assert.equal(error, undefined);
    assert.deepEqual(types(events), ['start', 'content', 'done']);
  });

  it('accepts a JSON completion from a server that ignores stream: true', async () => {
    server.script(
      reply.json({
        id: 'x',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Paris.' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: 1 },
      }),
    );
    const { events } = await run();
    assert.deepEqual(events.slice(1), [
      { type: 'content', text: 'Paris.' },
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 1, cachedTokens: 0 } },
      { type: 'finish', reason: 'stop' },
      { type: 'done' },
    ]);
  });
});

describe('streamChat: the same stream cut at every byte offset', function () {
  this.timeout(60_000);
  const parts: SsePart[] = [
    sse.comment('ka'),
    sse.reasoning('pensée'),
    sse.content('héllo — 日本'),
    sse.content(' 🎌 fin'),
    sse.toolCall({ index: 0, id: 'call_1', name: 'f', arguments: '{"a":"é' }),
    sse.toolCall({ index: 0, arguments: '日"}' }),
    sse.finish('stop'),
    sse.usage({ prompt_tokens: 1, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 1 }, cost: 0.5 }),
  ];
  // A short model id keeps the body (and so the number of cuts to try) small.
  const shortModel = { model: 'a/b' };

  // Every cut of the LF stream goes through the real network path here; CRLF gets every cut (and every pair
  // of cuts) in memory in sseStream.test.ts, and one byte per write over the network below.
  it('gives identical events for every single cut', async () => {
    server.script(reply.stream(parts));
    const reference = (await run({}, shortModel)).events.slice(1);
    assert.equal(text(reference), 'héllo — 日本 🎌 fin');
    const bodyLength = await measureBody(parts, shortModel.model);
    assert.ok(bodyLength > 500, `body of ${bodyLength} bytes`);
    for (let offset = 1; offset < bodyLength; offset++) {
      // The 1 ms pause makes the two halves reach the client as two reads (without it TCP merges them).
      server.script(reply.stream(parts, { splitAt: [offset], writeDelayMs: 1 }));
      const { events, error } = await run({}, shortModel);
      assert.equal(error, undefined, `cut at byte ${offset}: ${error?.message}`);
      assert.deepEqual(events.slice(1), reference, `cut at byte ${offset}`);
    }
  });

  it('gives identical events for a CRLF stream written one byte per write', async () => {
    server.script(reply.stream(parts));
    const reference = (await run({}, shortModel)).events.slice(1);
    server.script(reply.stream(parts, { lineEnding: '\r\n', bytesPerWrite: 1, writeDelayMs: 1 }));
    const { events, error } = await run({}, shortModel);
    assert.equal(error, undefined);
    assert.deepEqual(events.slice(1), reference);
  });
});

/** The byte length of the body the fake writes for `parts`, read back through a raw request. */
async function measureBody(parts: SsePart[], model: string): Promise<number> {
  server.script(reply.stream(parts));
  const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model }) });
  return (await response.arrayBuffer()).byteLength;
}

describe('streamChat: failures in the stream', () => {
  it('throws midstream with the code after yielding the content before the error chunk', async () => {
    server.script(
      reply.stream([
        sse.content('Partial '),
        sse.content('answer'),
        sse.error('context_length_exceeded', 'The input exceeds the context window.'),
      ]),
    );
    const { events, error } = await run();
    assert.equal(text(events), 'Partial answer');
    assert.equal(error?.kind, 'midstream');
    assert.equal(error?.code, 'context_length_exceeded');
    assert.equal(error?.message, 'The input exceeds the context window.');
    assert.equal(error?.requestId, 'req_1');
    assert.equal(error?.retryable, false);
    assert.equal(server.requests.length, 1, 'a mid-stream error is never retried silently');
  });

  it('throws midstream for a top-level error field, and marks transient codes retryable', async () => {
    server.script(reply.stream([sse.content('x'), sse.error('server_error', 'Upstream failed', 'top')]));
    const { events, error } = await run();
    assert.equal(text(events), 'x');
    assert.equal(error?.kind, 'midstream');
    assert.equal(error?.code, 'server_error');
    assert.equal(error?.retryable, true);
  });

  it('throws badResponse on a data line that is not JSON, after the events before it', async () => {
    server.script(reply.stream([sse.content('ok'), sse.raw('data: {"choices": [oops\n\n'), sse.content('never')]));
    const { events, error } = await run();
    assert.equal(text(events), 'ok');
    assert.equal(error?.kind, 'badResponse');
    assert.match(error?.message ?? '', /not valid JSON/);
    assert.match(error?.message ?? '', /oops/);
  });

  it('throws badResponse when a 200 carries no events (an HTML page, say)', async () => {
    server.script(reply.text(200, '<html><body>Sign in to the Wi-Fi</body></html>', { contentType: 'text/html' }));
    const { error } = await run();
    assert.equal(error?.kind, 'badResponse');
    assert.match(error?.message ?? '', /text\/html/);
  });

  it('throws network when the connection drops mid-stream, keeps the text, and does not retry', async () => {
    server.script(reply.stream([sse.content('half an ')], { done: false, end: 'drop' }));
    const { events, error } = await run();
    assert.equal(text(events), 'half an ');
    assert.equal(error?.kind, 'network');
    assert.equal(server.requests.length, 1);
  });
});

describe('streamChat: retry table', () => {
  for (const status of [400, 401, 402, 403, 404]) {
    it(`never retries ${status}`, async () => {
      server.script(reply.error(status, `nope ${status}`));
      const { events, error, delays } = await run();
      assert.equal(server.requests.length, 1);
      assert.deepEqual(delays, []);
      assert.deepEqual(events, []);
      assert.equal(error?.status, status);
      assert.equal(error?.message, `nope ${status}`);
      assert.equal(error?.retryable, false);
      assert.equal(error?.requestId, 'req_1');
    });
  }

  it('maps the never-retried statuses to their kinds', async () => {
    const kinds: Record<number, string> = { 400: 'badResponse', 401: 'unauthorized', 402: 'payment', 403: 'forbidden', 404: 'notFound' };
    for (const [status, kind] of Object.entries(kinds)) {
      server.script(reply.error(Number(status), 'x'));
      assert.equal((await run()).error?.kind, kind);
    }
  });

  it('retries 429 with exponential backoff from 1 s, then succeeds', async () => {
    server.script([reply.error(429, 'slow'), reply.error(429, 'slow'), reply.stream([sse.content('finally')])]);
    const retries: unknown[] = [];
    const { events, error, delays } = await run({ onRetry: (info) => retries.push(info) });
    assert.equal(error, undefined);
    assert.deepEqual(delays, [1000, 2000]);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(types(events), ['retry', 'retry', 'start', 'content', 'done']);
    assert.deepEqual(events[0], {
      type: 'retry',
      attempt: 1,
      delayMs: 1000,
      error: { kind: 'rateLimited', status: 429, message: 'slow', retryable: true, requestId: 'req_1' },
    });
    assert.deepEqual(events[1], {
      type: 'retry',
      attempt: 2,
      delayMs: 2000,
      error: { kind: 'rateLimited', status: 429, message: 'slow', retryable: true, requestId: 'req_2' },
    });
    assert.deepEqual(
      retries,
      events.slice(0, 2).map(({ type: _type, ...info }) => info),
    );
    assert.equal(text(events), 'finally');
  });

  it('gives up on 429 after 4 retries (1, 2, 4, 8 s)', async () => {
    server.defaultReply = reply.error(429, 'slow');
    const { error, delays } = await run();
    assert.deepEqual(delays, [1000, 2000, 4000, 8000]);
    assert.equal(server.requests.length, 5);
    assert.equal(error?.kind, 'rateLimited');
  });

  it('honours Retry-After in seconds', async () => {
    server.script([
      reply.error(429, 'slow', { retryAfter: 3 }),
      reply.error(429, 'slow', { retryAfter: '0.5' }),
      reply.stream([sse.content('ok')]),
    ]);
    const { delays, error } = await run();
    assert.equal(error, undefined);
    assert.deepEqual(delays, [3000, 500]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 10_000);
    server.script([reply.error(429, 'slow', { retryAfter: at.toUTCString() }), reply.stream([sse.content('ok')])]);
    const { delays } = await run();
    assert.equal(delays.length, 1);
    // HTTP dates have one-second resolution.
    assert.ok(delays[0] > 8000 && delays[0] <= 10_000, `delay ${delays[0]}`);
  });

  it('does not retry when Retry-After asks for more than a minute, and reports the wait', async () => {
    server.script(reply.error(429, 'come back later', { retryAfter: 3600 }));
    const { error, delays } = await run();
    assert.deepEqual(delays, []);
    assert.equal(server.requests.length, 1);
    assert.equal(error?.kind, 'rateLimited');
    assert.equal(error?.retryAfterMs, 3_600_000);
  });

  it('retries 500 once after 1 s', async () => {
    server.defaultReply = reply.error(500, 'boom');
    const { error, delays } = await run();
    assert.deepEqual(delays, [1000]);
    assert.equal(server.requests.length, 2);
    assert.equal(error?.kind, 'server');
    assert.equal(error?.status, 500);
  });

  it('succeeds when the single 500 retry works', async () => {
    server.script([reply.error(500, 'boom'), reply.stream([sse.content('ok')])]);
    const { events, error } = await run();
    assert.equal(error, undefined);
    assert.equal(text(events), 'ok');
  });

  for (const status of [502, 503]) {
    it(`retries ${status} up to 3 times with backoff (1, 2, 4 s)`, async () => {
      server.defaultReply = reply.error(status, 'upstream');
      const { error, delays } = await run();
      assert.deepEqual(delays, [1000, 2000, 4000]);
      assert.equal(server.requests.length, 4);
      assert.equal(error?.kind, 'server');
      assert.equal(error?.status, status);
    });
  }

  it('adds up to 10% jitter to computed delays', async () => {
    server.script([reply.error(503, 'x'), reply.error(503, 'x'), reply.stream([sse.content('ok')])]);
    const { delays } = await run({ random: () => 0.5 });
    assert.deepEqual(delays, [1050, 2100]);
  });

  it('retries a refused connection like 503 and reports a network error with a hint', async () => {
    const closedPort = await unusedPort();
    const { events, error, delays } = await run({}, { baseUrl: `http://127.0.0.1:${closedPort}/api/v1` });
    assert.deepEqual(delays, [1000, 2000, 4000]);
    assert.deepEqual(types(events), ['retry', 'retry', 'retry']);
    assert.equal(error?.kind, 'network');
    assert.equal(error?.code, 'ECONNREFUSED');
    assert.match(error?.message ?? '', /127\.0\.0\.1/);
    assert.match(error?.message ?? '', /base URL/);
    assert.match(error?.message ?? '', /proxy/);
  });

  it('keeps the status and message of a real-world 402 body', async () => {
    server.script(reply.json({ code: 'insufficient_credits', current_balance: 0 }, { status: 402 }));
    const { error } = await run();
    assert.equal(error?.kind, 'payment');
    assert.equal(error?.status, 402);
    assert.equal(error?.code, 'insufficient_credits');
    assert.match(error?.message ?? '', /Insufficient credits/);
  });
});

describe('streamChat: usage from standard servers (llama.cpp, vLLM, OpenAI report it only when asked)', () => {
  const usageEvents = (events: ChatEvent[]) => events.filter((e) => e.type === 'usage');

  it('asks for usage, so a server that reports it only when asked reports it', async () => {
    server.usageOnlyWhenAsked = true;
    const { events, error } = await run({ streamOptionsRefusals: new ServerRefusals() });
    assert.equal(error, undefined);
    assert.deepEqual(server.requests[0].body.stream_options, { include_usage: true });
    assert.deepEqual(usageEvents(events), [
      { type: 'usage', usage: { promptTokens: 10, completionTokens: 5, cachedTokens: 4, cost: 0.00042 } },
    ]);
  });

  it('a server that rejects stream_options (400 naming it): asked again at once without it, once, and remembered for that base URL', async () => {
    server.rejectStreamOptions = true;
    const refusals = new ServerRefusals();
    const first = await run({ streamOptionsRefusals: refusals });
    assert.equal(first.error, undefined);
    assert.equal(text(first.events), 'Hello from the fake Cline server.');
    assert.deepEqual(
      types(first.events).filter((t) => t === 'retry'),
      [],
      'not a retry the user is told about',
    );
    assert.deepEqual(first.delays, [], 'no wait');
    assert.equal(server.requests.length, 2);
    assert.deepEqual(server.requests[0].body.stream_options, { include_usage: true });
    assert.equal('stream_options' in server.requests[1].body, false);
    assert.deepEqual(server.requests[1].body.messages, server.requests[0].body.messages, 'the same question');

    // Remembered: the next request to that base URL goes without it straight away (trailing slash or not).
    const second = await run({ streamOptionsRefusals: refusals }, { baseUrl: `${server.url}/` });
    assert.equal(second.error, undefined);
    assert.equal(server.requests.length, 3);
    assert.equal('stream_options' in server.requests[2].body, false);

    // Another base URL is asked again.
    await run({ streamOptionsRefusals: refusals }, { baseUrl: `${server.origin}/v1` });
    assert.deepEqual(server.requests[3].body.stream_options, { include_usage: true });
  });

  it('understands a FastAPI-style 422 that names stream_options too', async () => {
    server.script(
      reply.json(
        { detail: [{ type: 'extra_forbidden', loc: ['body', 'stream_options'], msg: 'Extra inputs are not permitted' }] },
        { status: 422 },
      ),
    );
    const { events, error } = await run({ streamOptionsRefusals: new ServerRefusals() });
    assert.equal(error, undefined);
    assert.equal(text(events), 'Hello from the fake Cline server.');
    assert.equal('stream_options' in server.requests[1].body, false);
  });

  it('does not retry a 400 about something else, nor a second 400 after leaving stream_options out', async () => {
    const refusals = new ServerRefusals();
    server.script(reply.error(400, 'messages: must not be empty'));
    const other = await run({ streamOptionsRefusals: refusals });
    assert.equal(other.error?.kind, 'badResponse');
    assert.equal(other.error?.status, 400);
    assert.equal(server.requests.length, 1);

    server.reset();
    server.rejectStreamOptions = true;
    server.script(reply.error(400, 'stream_options: still not accepted'));
    const twice = await run({ streamOptionsRefusals: new ServerRefusals() });
    assert.equal(twice.error?.status, 400);
    assert.equal(server.requests.length, 2, 'one request with the option, one without, no third');
  });
});

describe('streamChat: tools', () => {
  const READ_FILE: ToolDefinition = {
    type: 'function',
    function: { name: 'read_file', description: 'Read a file.', parameters: { type: 'object', properties: { path: { type: 'string' } } } },
  };
  /** A history with one tool round, as requestMessages writes it. */
  const withToolRound: ChatRequest['messages'] = [
    { role: 'user', content: 'What is in a.ts?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }],
    },
    { role: 'tool', tool_call_id: 'c1', content: 'x = 1' },
    { role: 'assistant', content: 'It sets x.' },
    { role: 'user', content: 'And now?' },
  ];

  it('sends tools and tool_choice only when there are tools, and the tool history as it is then', async () => {
    const toolsRefusals = new ServerRefusals();
    await run({ toolsRefusals }, { tools: [READ_FILE], toolChoice: 'none', messages: withToolRound });
    await run({ toolsRefusals }, { tools: [], toolChoice: 'none' });
    assert.deepEqual(server.requests[0].body.tools, [READ_FILE]);
    assert.equal(server.requests[0].body.tool_choice, 'none');
    assert.deepEqual(server.requests[0].body.messages, withToolRound);
    assert.equal('tools' in server.requests[1].body, false);
    assert.equal('tool_choice' in server.requests[1].body, false);
  });

  it('folds the tool history into text when it sends no tools', async () => {
    await run({ toolsRefusals: new ServerRefusals() }, { messages: withToolRound });
    const { messages } = server.requests[0].body;
    assert.deepEqual(
      messages.map((m: ChatRequest['messages'][number]) => m.role),
      ['user', 'assistant', 'user'],
    );
    assert.match(messages[1].content, /read_file \{"path":"a\.ts"\} returned:\n```\nx = 1\n```\n\nIt sets x\./);
  });

  it('a server that refuses tools (400 naming them): asked again at once without them, once, told by an event, and remembered for that model and base URL', async () => {
    server.rejectTools = true;
    const toolsRefusals = new ServerRefusals();
    const first = await run({ toolsRefusals }, { tools: [READ_FILE], messages: withToolRound });
    assert.equal(first.error, undefined);
    assert.equal(text(first.events), 'Hello from the fake Cline server.');
    assert.deepEqual(types(first.events).slice(0, 2), ['toolsRefused', 'start']);
    assert.deepEqual(first.delays, [], 'no wait');
    assert.equal(server.requests.length, 2);
    assert.deepEqual(server.requests[0].body.tools, [READ_FILE]);
    assert.equal('tools' in server.requests[1].body, false);
    assert.equal(
      server.requests[1].body.messages.some((m: { role: string }) => m.role === 'tool'),
      false,
      'and without the tool messages such a server refuses too',
    );

    const again = await run({ toolsRefusals }, { tools: [READ_FILE], baseUrl: `${server.url}/` });
    assert.equal(server.requests.length, 3, 'remembered: straight away without tools');
    assert.equal('tools' in server.requests[2].body, false);
    assert.deepEqual(types(again.events).slice(0, 1), ['toolsRefused'], 'still said, so the answer gets its note');

    await run({ toolsRefusals }, { tools: [READ_FILE], model: 'openai/gpt-4o' });
    assert.deepEqual(server.requests[3].body.tools, [READ_FILE], 'another model of the same server is asked with tools');
  });

  it('understands the refusals of other servers: vLLM without a tool parser, a router without a model that takes tools', async () => {
    const refusals = [
      reply.error(400, '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set'),
      reply.error(
        404,
        'No endpoints found that support tool use. To learn more about provider routing, visit: https://openrouter.ai/docs/provider-routing',
      ),
      reply.json({ detail: [{ type: 'extra_forbidden', loc: ['body', 'tools'], msg: 'Extra inputs are not permitted' }] }, { status: 422 }),
    ];
    for (const refusal of refusals) {
      server.reset();
      server.script(refusal);
      const { error, events } = await run({ toolsRefusals: new ServerRefusals() }, { tools: [READ_FILE] });
      assert.equal(error, undefined);
      assert.equal(types(events)[0], 'toolsRefused');
      assert.equal('tools' in server.requests[1].body, false);
    }
  });

  it('does not drop tools for a 400 about something else (a tool message included), nor retry a second refusal', async () => {
    server.script(reply.error(400, "messages with role 'tool' must be a response to a preceding message with 'tool_calls'"));
    const other = await run({ toolsRefusals: new ServerRefusals() }, { tools: [READ_FILE] });
    assert.equal(other.error?.status, 400);
    assert.equal(server.requests.length, 1);

    server.reset();
    server.script([reply.error(400, 'tools are not supported'), reply.error(400, 'tools: still not')]);
    const twice = await run({ toolsRefusals: new ServerRefusals() }, { tools: [READ_FILE] });
    assert.equal(twice.error?.status, 400);
    assert.equal(server.requests.length, 2, 'one request with tools, one without, no third');
  });

  it('a server that refuses stream_options and then tools is asked a third time without either', async () => {
    server.rejectStreamOptions = true;
    server.rejectTools = true;
    const { error } = await run(
      { toolsRefusals: new ServerRefusals(), streamOptionsRefusals: new ServerRefusals() },
      { tools: [READ_FILE] },
    );
    assert.equal(error, undefined);
    assert.equal(server.requests.length, 3);
    assert.equal('tools' in server.requests[2].body, false);
    assert.equal('stream_options' in server.requests[2].body, false);
  });
});

/** A port nobody listens on: bind one, note it, close it. */
async function unusedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('streamChat: abort and idle timeout', () => {
  it('throws aborted when the signal fires mid-stream, keeps the text, and the server sees the close', async () => {
    server.script(reply.stream([sse.content('first')], { end: 'hang', done: false }));
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    let error: unknown;
    try {
      for await (const event of streamChat(chatRequest(), { idleTimeoutMs: 5000, signal: controller.signal })) {
        events.push(event);
        if (event.type === 'content') controller.abort();
      }
    } catch (err) {
      error = err;
    }
    assert.ok(error instanceof ChatError);
    assert.equal(error.kind, 'aborted');
    assert.equal(text(events), 'first');
    assert.equal(await closedByClient(0), true);
  });

  it('throws aborted when the signal fires before the headers, and the server sees the close', async () => {
    server.script(reply.hang());
    const controller = new AbortController();
    const pending = run({ signal: controller.signal });
    await server.waitForRequests(1);
    controller.abort();
    const { error } = await pending;
    assert.equal(error?.kind, 'aborted');
    assert.equal(await closedByClient(0), true);
  });

  it('does not even send a request when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { error } = await run({ signal: controller.signal });
    assert.equal(error?.kind, 'aborted');
    assert.equal(server.requests.length, 0);
  });

  it('stops waiting between retries when aborted', async () => {
    server.defaultReply = reply.error(503, 'down');
    const controller = new AbortController();
    const { error, events } = await run({
      signal: controller.signal,
      // A sleep that only ends by abort, and the user pressing Stop while it waits.
      sleep: (_ms, signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('sleep interrupted')));
          controller.abort();
        }),
    });
    assert.equal(error?.kind, 'aborted');
    assert.deepEqual(types(events), ['retry']);
    assert.equal(server.requests.length, 1);
  });

  it('closes the connection when the consumer stops iterating', async () => {
    server.script(reply.stream([sse.content('a'), sse.content('b')], { end: 'hang' }));
    for await (const event of streamChat(chatRequest(), { idleTimeoutMs: 5000 })) {
      if (event.type === 'content') break;
    }
    assert.equal(await closedByClient(0), true);
  });

  it('times out when no headers arrive within idleTimeoutMs, naming the seconds', async () => {
    server.script(reply.hang());
    const started = Date.now();
    const { error, delays } = await run({ idleTimeoutMs: 200 });
    assert.equal(error?.kind, 'timeout');
    assert.match(error?.message ?? '', /0\.2 seconds/);
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(delays, [], 'a timeout is not retried');
    assert.equal(await closedByClient(0), true);
  });

  it('times out when the stream goes quiet after some bytes, keeping the text', async () => {
    server.script(reply.stream([sse.content('so far')], { end: 'hang', done: false }));
    const { events, error } = await run({ idleTimeoutMs: 200 });
    assert.equal(text(events), 'so far');
    assert.equal(error?.kind, 'timeout');
    assert.equal(await closedByClient(0), true);
  });

  it('does not time out while bytes keep coming, even slowly', async () => {
    server.script(
      reply.stream([sse.content('a'), sse.content('b'), sse.content('c'), sse.content('d'), sse.content('e')], { writeDelayMs: 80 }),
    );
    const { events, error } = await run({ idleTimeoutMs: 250 });
    assert.equal(error, undefined);
    assert.equal(text(events), 'abcde');
  });

  it('does not count time the consumer spends on an event', async () => {
    server.script(reply.stream([sse.content('a'), sse.content('b')]));
    const events: ChatEvent[] = [];
    for await (const event of streamChat(chatRequest(), { idleTimeoutMs: 100 })) {
      events.push(event);
      if (event.type === 'content') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(text(events), 'ab');
  });
});
