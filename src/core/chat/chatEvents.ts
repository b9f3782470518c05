/**
 * The typed events of one chat answer, and the assembler that turns OpenAI-format completion chunks
 * (streamed) or a whole completion (non-streamed) into them.
 *
 * The assembler is the only place that knows the chunk shapes: `choices[0].delta.{content, reasoning,
 * reasoning_details, tool_calls}`, `finish_reason`, `usage` (possibly in a chunk with empty `choices`),
 * and the two forms of mid-stream error (`finish_reason: "error"` with `choices[0].error`, or a top-level
 * `error`). Unknown fields are ignored, so servers may add to the format freely.
 */
import * as l10n from '@vscode/l10n';
import type { ErrorView, ToolCallView, Usage } from '../../protocol/chatProtocol';
import { ChatError, midstreamError } from './errors';
import { isRecord } from '../isRecord';

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /** Why the previous attempt failed. */
  error: ErrorView;
}

export type ChatEvent =
  /** The server accepted the request (HTTP 200); text follows. */
  | { type: 'start'; requestId?: string }
  | { type: 'content'; text: string }
  | { type: 'reasoning'; text: string }
  /** This chunk's `reasoning_details` items, unchanged; concatenated in order they can be sent back on the next turn. */
  | { type: 'reasoningDetails'; details: unknown[] }
  /** Every tool call assembled so far (a fresh array each time it changes). */
  | { type: 'toolCalls'; toolCalls: ToolCallView[] }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: string }
  /** The previous attempt failed before any answer; the client waits `delayMs`, then tries again. */
  | ({ type: 'retry' } & RetryInfo)
  /** The request went without the tools it was given: this server refused them for this model (now or earlier). */
  | { type: 'toolsRefused' }
  | { type: 'done' };

function count(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** OpenAI-format `usage` → the protocol's `Usage`; `undefined` when there is no usage object. */
function usageFromWire(usage: unknown): Usage | undefined {
  if (!isRecord(usage)) return undefined;
  const details = isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const result: Usage = {
    promptTokens: count(usage.prompt_tokens),
    completionTokens: count(usage.completion_tokens),
    cachedTokens: count(details.cached_tokens),
  };
  const cost = typeof usage.cost === 'string' ? Number(usage.cost) : usage.cost;
  if (typeof cost === 'number' && Number.isFinite(cost)) result.cost = cost;
  return result;
}

export class ChatEventAssembler {
  private readonly toolCalls = new Map<number, ToolCallView>();

  /** @param requestId carried into mid-stream errors, so a report can quote it. */
  constructor(private readonly requestId?: string) {}

  /**
   * The events of one streamed chunk, in the order a reader needs them: text first, then usage, then the
   * finish. A mid-stream error is thrown *after* the chunk's own text has been yielded.
   */
  *push(chunk: unknown): Generator<ChatEvent, void, undefined> {
    if (!isRecord(chunk)) return;
    const choice = Array.isArray(chunk.choices) && isRecord(chunk.choices[0]) ? chunk.choices[0] : undefined;
    const delta = choice && isRecord(choice.delta) ? choice.delta : undefined;
    if (delta) yield* this.fromMessage(delta);
    const usage = usageFromWire(chunk.usage);
    if (usage) yield { type: 'usage', usage };
    if (chunk.error !== undefined && chunk.error !== null) throw midstreamError(chunk.error, this.requestId);
    if (choice?.finish_reason === 'error') throw midstreamError(choice.error ?? {}, this.requestId);
    if (typeof choice?.finish_reason === 'string') yield { type: 'finish', reason: choice.finish_reason };
  }

  /** The events of a whole (non-streamed) completion, as if it had been streamed in one chunk. */
  *fromCompletion(completion: unknown): Generator<ChatEvent, void, undefined> {
    if (!isRecord(completion) || (!Array.isArray(completion.choices) && completion.error === undefined)) {
      throw new ChatError({
        kind: 'badResponse',
        message: l10n.t('The server answered with JSON that is not a chat completion.'),
        requestId: this.requestId,
        retryable: false,
      });
    }
    const choice = Array.isArray(completion.choices) && isRecord(completion.choices[0]) ? completion.choices[0] : undefined;
    const message = choice && isRecord(choice.message) ? choice.message : undefined;
    yield* this.push({
      choices: choice ? [{ ...choice, delta: message }] : [],
      usage: completion.usage,
      error: completion.error,
    });
  }

  private *fromMessage(delta: Record<string, unknown>): Generator<ChatEvent, void, undefined> {
    // `reasoning_content` is the DeepSeek-style name some OpenAI-compatible servers use for the same thing.
    const reasoning = delta.reasoning ?? delta.reasoning_content;
    if (typeof reasoning === 'string' && reasoning !== '') yield { type: 'reasoning', text: reasoning };
    if (Array.isArray(delta.reasoning_details) && delta.reasoning_details.length > 0) {
      yield { type: 'reasoningDetails', details: delta.reasoning_details };
    }
    if (typeof delta.content === 'string' && delta.content !== '') yield { type: 'content', text: delta.content };
    if (Array.isArray(delta.tool_calls) && this.mergeToolCalls(delta.tool_calls)) {
      yield { type: 'toolCalls', toolCalls: this.currentToolCalls() };
    }
  }

  /** Tool calls arrive in pieces keyed by `index`: id and name once, the JSON arguments a few characters at a time. */
  private mergeToolCalls(pieces: unknown[]): boolean {
    let changed = false;
    pieces.forEach((piece, position) => {
      if (!isRecord(piece)) return;
      const index = typeof piece.index === 'number' ? piece.index : position;
      const fn = isRecord(piece.function) ? piece.function : {};
      let call = this.toolCalls.get(index);
      if (!call) {
        call = { index, name: '', arguments: '' };
        this.toolCalls.set(index, call);
        changed = true;
      }
      if (call.id === undefined && typeof piece.id === 'string' && piece.id !== '') {
        call.id = piece.id;
        changed = true;
      }
      if (call.name === '' && typeof fn.name === 'string' && fn.name !== '') {
        call.name = fn.name;
        changed = true;
      }
      if (typeof fn.arguments === 'string' && fn.arguments !== '') {
        call.arguments += fn.arguments;
        changed = true;
      }
    });
    return changed;
  }

  private currentToolCalls(): ToolCallView[] {
    return [...this.toolCalls.values()].sort((a, b) => a.index - b.index).map((call) => ({ ...call }));
  }
}
