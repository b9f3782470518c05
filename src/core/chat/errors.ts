/**
 * Typed chat errors. Every failure of a chat request becomes a `ChatError` with a `kind`; the UI turns the
 * kind into words and actions from one table, so nothing here is user-interface text beyond a factual message.
 *
 * Error bodies are parsed tolerantly because real servers disagree with the docs: besides the documented
 * `{"error":{"code","message","metadata"}}`, a 402 has been seen as `{"code":"insufficient_credits",
 * "current_balance":0}`, and proxies answer with HTML or nothing at all. The HTTP status is always kept.
 */
import * as l10n from '@vscode/l10n';
import type { ErrorKind, ErrorView } from '../../protocol/chatProtocol';
import { parseRetryAfter } from './retryPolicy';
import { isRecord } from '../isRecord';

export interface ChatErrorInit {
  kind: ErrorKind;
  message: string;
  status?: number;
  code?: string;
  requestId?: string;
  /** Defaults to what the kind usually means (see {@link isRetryableKind}). */
  retryable?: boolean;
  retryAfterMs?: number;
  cause?: unknown;
}

export class ChatError extends Error {
  override readonly name = 'ChatError';
  readonly kind: ErrorKind;
  readonly status?: number;
  /** A string identifier: the mid-stream code (`context_length_exceeded`), a body code (`insufficient_credits`) or a network code (`ECONNREFUSED`). */
  readonly code?: string;
  /** From the `x-request-id` response header; worth quoting when reporting a problem. */
  readonly requestId?: string;
  /** Whether sending the same request again may succeed. */
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(init: ChatErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? isRetryableKind(init.kind);
    this.retryAfterMs = init.retryAfterMs;
  }
}

const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['rateLimited', 'server', 'network', 'timeout', 'aborted', 'midstream']);

/** The usual answer to "may trying again help?" for a kind; specific errors can override it. */
function isRetryableKind(kind: ErrorKind): boolean {
  return RETRYABLE_KINDS.has(kind);
}

/** Mid-stream codes that a retry will not fix (the docs list `rate_limit` and `server_error` as transient). */
const PERMANENT_MIDSTREAM_CODES: ReadonlySet<string> = new Set(['context_length_exceeded', 'content_filter']);

export function kindForStatus(status: number): ErrorKind {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 402:
      return 'payment';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 408:
      return 'timeout';
    case 429:
      return 'rateLimited';
    default:
      // 400 and other 4xx: the server understood us and refused the request; there is no better kind.
      return status >= 500 ? 'server' : 'badResponse';
  }
}

/** What the status says when the body says nothing useful, as the user reads it ("Not found (HTTP 404)"). */
function statusMessage(status: number): string {
  switch (status) {
    case 400:
      return l10n.t('Bad request (HTTP {0})', status);
    case 401:
      return l10n.t('Unauthorized (HTTP {0})', status);
    case 402:
      return l10n.t('Payment required (HTTP {0})', status);
    case 403:
      return l10n.t('Forbidden (HTTP {0})', status);
    case 404:
      return l10n.t('Not found (HTTP {0})', status);
    case 408:
      return l10n.t('Request timeout (HTTP {0})', status);
    case 429:
      return l10n.t('Too many requests (HTTP {0})', status);
    case 500:
      return l10n.t('Internal server error (HTTP {0})', status);
    case 502:
      return l10n.t('Bad gateway (HTTP {0})', status);
    case 503:
      return l10n.t('Service unavailable (HTTP {0})', status);
    case 504:
      return l10n.t('Gateway timeout (HTTP {0})', status);
    default:
      return l10n.t('HTTP error (HTTP {0})', status);
  }
}

/** Something that can look up a response header: a fetch `Headers`, or a plain record (as node's `http` gives). */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function headerValue(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

const MAX_MESSAGE_LENGTH = 500;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : oneLine;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** `insufficient_credits` → `Insufficient credits`. */
function humanizeCode(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface BodyFacts {
  message?: string;
  code?: string;
}

/** Reads message and code out of any of the error body shapes we know; unknown shapes give nothing. */
function describeErrorBody(body: unknown): BodyFacts {
  if (!isRecord(body)) return {};
  const inner = body.error;
  if (typeof inner === 'string') return { message: inner };
  const source = isRecord(inner) ? inner : body;
  const code = typeof source.code === 'string' ? source.code : undefined;
  let message = nonEmptyString(source.message) ?? nonEmptyString(body.message) ?? nonEmptyString(body.detail);
  // OpenRouter-style bodies put the provider's own words in metadata.raw behind a generic message.
  const metadata = isRecord(source.metadata) ? source.metadata : undefined;
  const raw = nonEmptyString(metadata?.raw);
  if (message && raw && !message.includes(raw)) message = `${message}: ${raw}`;
  if (!message && code) {
    message = humanizeCode(code);
    const balance = body.current_balance ?? source.current_balance;
    if (typeof balance === 'number' || typeof balance === 'string')
      message = l10n.t('{0} (current balance: {1})', message, String(balance));
  }
  return { message, code };
}

/**
 * Builds the error for a non-2xx response. `bodyText` may be JSON of any shape, HTML, plain text or empty.
 * `nowMs` is only used to turn an HTTP-date `Retry-After` into a delay.
 */
export function errorFromResponse(status: number, bodyText: string, headers?: HeaderSource, nowMs: number = Date.now()): ChatError {
  let facts: BodyFacts = {};
  const trimmed = bodyText.trim();
  if (trimmed !== '') {
    try {
      facts = describeErrorBody(JSON.parse(trimmed));
    } catch {
      // Not JSON. Plain text is a message; an HTML error page is noise, so the status speaks instead.
      if (!trimmed.startsWith('<')) facts = { message: trimmed };
    }
  }
  const fallback = statusMessage(status);
  return new ChatError({
    kind: kindForStatus(status),
    status,
    code: facts.code,
    message: facts.message ? clip(facts.message) : fallback,
    requestId: headerValue(headers, 'x-request-id'),
    retryAfterMs: parseRetryAfter(headerValue(headers, 'retry-after'), nowMs),
  });
}

/** The error for a mid-stream error object (`{code, message}` inside a 200 stream). */
export function midstreamError(error: unknown, requestId?: string): ChatError {
  const facts = describeErrorBody({ error });
  const numericCode = isRecord(error) && typeof error.code === 'number' ? String(error.code) : undefined;
  const code = facts.code ?? numericCode;
  return new ChatError({
    kind: 'midstream',
    code,
    message: clip(facts.message ?? l10n.t('The model stopped with an error mid-answer.')),
    requestId,
    retryable: code === undefined || !PERMANENT_MIDSTREAM_CODES.has(code),
  });
}

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/;

function networkCode(err: unknown): string | undefined {
  // undici wraps the system error: TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), sometimes twice.
  for (let current: unknown = err, depth = 0; isRecord(current) || current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (depth > 4) break;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function hostOf(url: string | undefined): string {
  // In the sentences below where a host name stands (German: "von dem Server", hence the dative there).
  if (!url) return l10n.t('the server');
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A failure to reach the server (or a connection lost), with a hint at the usual culprits. */
export function networkError(err: unknown, url?: string, requestId?: string): ChatError {
  const code = networkCode(err);
  const host = hostOf(url);
  let what: string;
  const detail = code ?? (err instanceof Error && err.message ? err.message : undefined);
  if (code === 'ECONNREFUSED') what = l10n.t('Connection refused by {0}.', host);
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') what = l10n.t('Could not resolve the host {0}.', host);
  else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    what = l10n.t('The connection to {0} was closed unexpectedly.', host);
  else if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') what = l10n.t('Connecting to {0} timed out.', host);
  else if (code && CERTIFICATE_CODES.test(code)) what = l10n.t('The TLS certificate of {0} was not accepted ({1}).', host, code);
  else what = detail !== undefined ? l10n.t('Could not reach {0} ({1}).', host, detail) : l10n.t('Could not reach {0}.', host);
  return new ChatError({
    kind: 'network',
    code,
    message: l10n.t('{0} Check the base URL and your proxy settings.', what),
    requestId,
    cause: err,
  });
}

export function abortedError(): ChatError {
  return new ChatError({ kind: 'aborted', message: l10n.t('The request was stopped.') });
}

export function timeoutError(idleTimeoutMs: number): ChatError {
  const seconds = Math.round(idleTimeoutMs / 100) / 10;
  return new ChatError({
    kind: 'timeout',
    message:
      seconds === 1
        ? l10n.t('No data from the server for 1 second; the request was cancelled.')
        : l10n.t('No data from the server for {0} seconds; the request was cancelled.', seconds),
  });
}

function isAbortError(err: unknown): boolean {
  return (err instanceof Error || isRecord(err)) && (err as { name?: unknown }).name === 'AbortError';
}

/**
 * Turns anything thrown while talking to the server into a `ChatError`. `fetch` rejects with a TypeError
 * (cause: the system error) for network failures, and with an AbortError when its signal fires.
 */
export function toChatError(err: unknown, url?: string): ChatError {
  if (err instanceof ChatError) return err;
  if (isAbortError(err)) return abortedError();
  // A TypeError is only a network failure when fetch says so; a bug's TypeError must not pass for one.
  const fetchFailure = err instanceof TypeError && /fetch failed|terminated|network/i.test(err.message);
  if (fetchFailure || networkCode(err) !== undefined) return networkError(err, url);
  const message = err instanceof Error ? err.message : String(err);
  return new ChatError({ kind: 'badResponse', message: clip(message || l10n.t('Unexpected error')), retryable: false, cause: err });
}

/** The plain-data view the webview gets (no prototype, no stack, safe to `postMessage` and to store). */
export function toErrorView(err: unknown): ErrorView {
  const error = toChatError(err);
  const view: ErrorView = { kind: error.kind, message: error.message, retryable: error.retryable };
  if (error.status !== undefined) view.status = error.status;
  if (error.code !== undefined) view.code = error.code;
  if (error.requestId !== undefined) view.requestId = error.requestId;
  return view;
}
