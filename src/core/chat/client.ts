/**
 * The Cline chat client: one `POST {baseUrl}/chat/completions` with `stream: true`, read as Server-Sent
 * Events and handed out as typed {@link ChatEvent}s. Pure: no `vscode`, every effect (fetch, sleep,
 * randomness) can be injected, so tests drive it against a fake server with a fake clock.
 *
 * Guarantees:
 * - Retries follow `retryPolicy.ts` and happen only before a 200 response (so never after any text);
 *   each wait is announced by a `retry` event (and `onRetry`).
 * - Every failure is thrown as a `ChatError` after all events before it were yielded, so a caller keeps
 *   the partial answer: `midstream` (error chunk), `badResponse` (unparseable data), `network`, `timeout`
 *   (no bytes for `idleTimeoutMs`, headers included), `aborted` (the caller's signal).
 * - Whenever the generator ends early (abort, timeout, error, or the consumer stops iterating), the
 *   request is aborted so the server sees the connection close and stops billing tokens.
 * - Usage is asked for (`stream_options: {include_usage: true}`): llama.cpp, vLLM and OpenAI report tokens
 *   only then. A server that refuses the option (a 400 or 422 whose body names `stream_options`) is asked
 *   again at once without it, and that base URL is asked without it from then on (see {@link ServerRefusals}).
 * - `tools` are sent only when there are some. A server that refuses them (a 400, 404 or 422 whose body names
 *   `tools`, `tool_choice`, tool use or functions) is asked again at once without them, once, and that model of
 *   that base URL is asked without them from then on; a `toolsRefused` event says so each time. A request
 *   without tools carries no tool messages either: earlier tool rounds are folded into text
 *   ({@link foldToolMessages}), since such servers refuse those too.
 *
 * @example
 * for await (const event of streamChat({ baseUrl, apiKey, model, messages }, { signal, idleTimeoutMs: 60_000 })) {
 *   if (event.type === 'content') append(event.text);
 * }
 */
import * as l10n from '@vscode/l10n';
import { ChatEventAssembler, type ChatEvent, type RetryInfo } from './chatEvents';
import { ChatError, abortedError, errorFromResponse, timeoutError, toChatError, toErrorView } from './errors';
import { retryDelayMs } from './retryPolicy';
import { decodeSse } from './sseStream';
import { foldToolMessages } from './requestMessages';
import type { ToolDefinition } from '../tools/toolTypes';

export type { ChatEvent } from './chatEvents';

const DEFAULT_REFERER = 'https://github.com/cline-companion/cline-companion';
const DEFAULT_TITLE = 'Cline Companion';

/** A complete tool call of an earlier answer, in the form the API takes back. */
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatRequestMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  /** `null` only for an assistant message that called tools without saying anything. */
  content: string | null;
  /** Reasoning blocks from an earlier answer, sent back so the model keeps its reasoning trace. */
  reasoning_details?: unknown[];
  /** An assistant message's tool calls; each is answered by a `tool` message that follows it. */
  tool_calls?: WireToolCall[];
  /** A `tool` message: the call it answers. */
  tool_call_id?: string;
}

export interface ChatRequest {
  baseUrl: string;
  /** Sent as the bearer token; none for a server that takes no key (see apiKeyRequired in models.ts). */
  apiKey?: string;
  model: string;
  messages: ChatRequestMessage[];
  temperature?: number;
  /** The tools the model may call; sent only when non-empty. */
  tools?: ToolDefinition[];
  /** `none`: the model must answer in text (the last request of a question, after the round limit). Only sent with tools. */
  toolChoice?: 'auto' | 'none';
}

export interface ChatOptions {
  signal?: AbortSignal;
  /** Give up when no byte arrives for this long (waiting for the headers included). */
  idleTimeoutMs: number;
  fetch?: typeof fetch;
  /** Waits between retries; must reject (or resolve early) when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** For the retry jitter; `() => 0` gives the bare delays of the docs' table. */
  random?: () => number;
  onRetry?: (info: RetryInfo) => void;
  headers?: { referer?: string; title?: string };
  /** Where refusals of `stream_options` are remembered (per base URL); defaults to this session's. */
  streamOptionsRefusals?: ServerRefusals;
  /** Where refusals of `tools` are remembered (per base URL and model); defaults to this session's. */
  toolsRefusals?: ServerRefusals;
}

/**
 * What servers refused, by chat endpoint and, when given, model (one endpoint may route models to backends
 * that differ). Kept in memory only: a server may be upgraded, and asking once more after a restart costs one
 * quick 400, while a stored refusal would hide tokens or tools for good.
 */
export class ServerRefusals {
  private readonly keys = new Set<string>();

  has(baseUrl: string, model = ''): boolean {
    return this.keys.has(refusalKey(baseUrl, model));
  }

  add(baseUrl: string, model = ''): void {
    this.keys.add(refusalKey(baseUrl, model));
  }
}

function refusalKey(baseUrl: string, model: string): string {
  return `${chatCompletionsUrl(baseUrl)}\n${model}`;
}

/** The extension host's refusals: shared by every chat of this session. */
const SESSION_STREAM_OPTIONS_REFUSALS = new ServerRefusals();
const SESSION_TOOLS_REFUSALS = new ServerRefusals();

/** True for the answer of a server that does not accept `stream_options` (FastAPI-based servers answer 422). */
function refusesStreamOptions(status: number, bodyText: string): boolean {
  return (status === 400 || status === 422) && bodyText.includes('stream_options');
}

/**
 * Words of servers that do not take tools: llama.cpp without `--jinja` ("tools param requires --jinja flag"),
 * vLLM without a tool parser ("\"auto\" tool choice requires --enable-auto-tool-choice"), OpenRouter-style
 * routers for a model without tool support (a 404 "No endpoints found that support tool use"), and servers
 * that validate the body strictly (a 422 naming `tools`). Not `tool` alone: an error about a `tool` message is
 * a problem of the history, not of tools.
 */
const TOOLS_REFUSAL = /\btools\b|\btool[_ ]choice\b|\btool use\b|\bfunctions?\b/i;

function refusesTools(status: number, bodyText: string): boolean {
  return (status === 400 || status === 404 || status === 422) && TOOLS_REFUSAL.test(bodyText);
}

function chatCompletionsUrl(baseUrl: string): string {
  return `${baseUrl.trim().replace(/\/+$/, '')}/chat/completions`;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One HTTP attempt: owns the AbortController that cancels fetch and body, linked to the caller's signal,
 * and the idle timer. The timer only runs while we wait for the network, never while the consumer
 * holds an event, so a slow consumer cannot cause a timeout.
 */
class Attempt {
  private readonly controller = new AbortController();
  private readonly aborted: Promise<never>;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly idleTimeoutMs: number,
  ) {
    this.aborted = new Promise<never>((_, reject) => {
      this.controller.signal.addEventListener('abort', () => reject(this.controller.signal.reason), { once: true });
    });
    this.aborted.catch(() => undefined);
    if (callerSignal?.aborted) this.cancel(abortedError());
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private readonly onCallerAbort = (): void => this.cancel(abortedError());

  cancel(reason: ChatError): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /** Waits for network work, failing with `timeout` after `idleTimeoutMs` and with `aborted` on abort. */
  async idle<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined); // if we stop waiting, its later rejection is expected
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = timeoutError(this.idleTimeoutMs);
        this.cancel(error);
        reject(error);
      }, this.idleTimeoutMs);
    });
    try {
      return await Promise.race([work, timeout, this.aborted]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Any failure → ChatError; our own cancellation reason (timeout, abort) wins over the AbortError it caused. */
  classify(err: unknown, url: string): ChatError {
    const reason: unknown = this.controller.signal.reason;
    if (this.controller.signal.aborted && reason instanceof ChatError) return reason;
    return toChatError(err, url);
  }

  dispose(): void {
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    this.cancel(abortedError()); // closes the connection if anything is still open; a no-op otherwise
  }
}

async function* bodyChunks(body: ReadableStream<Uint8Array>, attempt: Attempt): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await attempt.idle(reader.read());
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

function requestBody(request: ChatRequest, askForUsage: boolean, sendTools: boolean): string {
  const tools = sendTools ? request.tools : undefined;
  const withTools = tools !== undefined && tools.length > 0;
  const messages = withTools ? request.messages : foldToolMessages(request.messages);
  const body: Record<string, unknown> = { model: request.model, messages, stream: true };
  if (askForUsage) body.stream_options = { include_usage: true };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (withTools) {
    body.tools = tools;
    if (request.toolChoice !== undefined) body.tool_choice = request.toolChoice;
  }
  return JSON.stringify(body);
}

const JSON_CONTENT_TYPE = /\bjson\b/i;

/** Reads a 200 answer: normally an event stream; a JSON completion from a server that ignored `stream: true` is accepted too. */
async function* readAnswer(response: Response, attempt: Attempt): AsyncGenerator<ChatEvent, void, undefined> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  yield requestId === undefined ? { type: 'start' } : { type: 'start', requestId };
  const assembler = new ChatEventAssembler(requestId);
  const contentType = response.headers.get('content-type') ?? '';

  if (JSON_CONTENT_TYPE.test(contentType)) {
    const text = await attempt.idle(response.text());
    yield* assembler.fromCompletion(parseJson(text, requestId));
    yield { type: 'done' };
    return;
  }
  if (!response.body) throw badResponse(l10n.t('The server answered without a body.'), requestId);

  let sawData = false;
  for await (const data of decodeSse(bodyChunks(response.body, attempt))) {
    sawData = true;
    if (data.trim() === '[DONE]') break;
    yield* assembler.push(parseJson(data, requestId));
  }
  // A 200 with no events at all is a captive portal, a proxy page or a wrong base URL, not an empty answer.
  if (!sawData) {
    throw badResponse(
      contentType
        ? l10n.t('The server answered without any events (content type: {0}). Check the base URL.', contentType)
        : l10n.t('The server answered without any events (no content type). Check the base URL.'),
      requestId,
    );
  }
  yield { type: 'done' };
}

function badResponse(message: string, requestId: string | undefined): ChatError {
  return new ChatError({ kind: 'badResponse', message, requestId, retryable: false });
}

function parseJson(text: string, requestId: string | undefined): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const excerpt = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    throw badResponse(l10n.t('The server sent data that is not valid JSON: {0}', JSON.stringify(excerpt)), requestId);
  }
}

export async function* streamChat(request: ChatRequest, options: ChatOptions): AsyncGenerator<ChatEvent, void, undefined> {
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const url = chatCompletionsUrl(request.baseUrl);
  const refusals = options.streamOptionsRefusals ?? SESSION_STREAM_OPTIONS_REFUSALS;
  const toolsRefusals = options.toolsRefusals ?? SESSION_TOOLS_REFUSALS;
  let askForUsage = !refusals.has(request.baseUrl);
  const wantsTools = (request.tools?.length ?? 0) > 0;
  let sendTools = wantsTools && !toolsRefusals.has(request.baseUrl, request.model);
  if (wantsTools && !sendTools) yield { type: 'toolsRefused' };
  const init = {
    method: 'POST',
    headers: {
      ...(request.apiKey ? { Authorization: `Bearer ${request.apiKey}` } : {}),
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
      'HTTP-Referer': options.headers?.referer ?? DEFAULT_REFERER,
      'X-Title': options.headers?.title ?? DEFAULT_TITLE,
    },
  };

  for (let retries = 0; ;) {
    if (options.signal?.aborted) throw abortedError();
    const attempt = new Attempt(options.signal, options.idleTimeoutMs);
    let answerStarted = false;
    let failure: ChatError;
    try {
      const body = requestBody(request, askForUsage, sendTools);
      const response = await attempt.idle(fetchImpl(url, { ...init, body, signal: attempt.signal }));
      if (response.ok) {
        answerStarted = true; // from here on no retry: text may already be on the screen
        yield* readAnswer(response, attempt);
        return;
      }
      const bodyText = await attempt.idle(response.text());
      if (askForUsage && refusesStreamOptions(response.status, bodyText)) {
        // Not a failure of the question: ask it again at once, without the option (once: askForUsage is now false).
        refusals.add(request.baseUrl);
        askForUsage = false;
        continue;
      }
      if (sendTools && refusesTools(response.status, bodyText)) {
        // The same: the question is answered without tools rather than not at all (once: sendTools is now false).
        toolsRefusals.add(request.baseUrl, request.model);
        sendTools = false;
        yield { type: 'toolsRefused' };
        continue;
      }
      failure = errorFromResponse(response.status, bodyText, response.headers);
    } catch (err) {
      if (answerStarted) throw attempt.classify(err, url);
      failure = attempt.classify(err, url);
    } finally {
      attempt.dispose();
    }
    // Only HTTP errors and failures before any response reach this point.
    const delayMs = retryDelayMs(failure, retries, random);
    if (delayMs === undefined) throw failure;
    const info: RetryInfo = { attempt: retries + 1, delayMs, error: toErrorView(failure) };
    options.onRetry?.(info);
    yield { type: 'retry', ...info };
    try {
      await sleep(delayMs, options.signal);
    } catch (err) {
      throw options.signal?.aborted ? abortedError() : toChatError(err, url);
    }
    if (options.signal?.aborted) throw abortedError();
    retries++;
  }
}
