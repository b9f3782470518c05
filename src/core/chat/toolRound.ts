/**
 * The tool calls of one round, in order. Each is prepared (arguments checked, paths confined), then answered at
 * once when it is refused, or approved and run. Every change of state goes to `changed`, so the session stores
 * it and the view shows it. Stop cancels the call in progress, waiting or running, and every call after it.
 */
import * as l10n from '@vscode/l10n';
import type { ToolCallState, ToolCallView } from '../../protocol/chatProtocol';
import type { PreparedCall, ToolApprovalMode, ToolOutcome, ToolRunner } from '../tools/toolTypes';
import { callForView, type StoredToolCall } from './requestMessages';
import { needsApproval, type ApprovalAnswer } from './toolApproval';

/** A call waiting for the user: what the controller needs to ask, and to match the view's answer. */
interface ToolApprovalRequest {
  conversationId: string;
  messageId: string;
  /** The call as the view shows it, in state `waiting`. */
  call: ToolCallView;
  protectedPath?: string;
}

/** What a chat needs to let the model use the workspace tools. */
export interface ChatTools {
  runner: ToolRunner;
  /** Rounds of tool calls per question; after them one last request asks for an answer without tools. */
  maxRounds: number;
  /** Read before each call, so a change of the setting applies to the next call. */
  approval(): ToolApprovalMode;
  /** Waits for the user's decision; resolves `cancelled` when `signal` aborts. */
  approve(request: ToolApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer>;
  /** Conversations where the user chose "Allow for This Conversation" (in memory, kept by the controller). */
  allowedConversations: Set<string>;
}

/** What the model is told when the user denies a call (English: it goes to the model, not to the user). */
export const DECLINED_TEXT = 'The user declined this tool call.';

export interface RoundContext {
  tools: ChatTools;
  conversationId: string;
  messageId: string;
  signal: AbortSignal;
  /** After each change of a call: store it and show it. */
  changed(call: StoredToolCall): void;
}

export async function runToolCalls(calls: readonly StoredToolCall[], context: RoundContext): Promise<void> {
  for (const call of calls) {
    if (context.signal.aborted) setState(call, 'cancelled', {}, context);
    else await runCall(call, context);
  }
}

async function runCall(call: StoredToolCall, context: RoundContext): Promise<void> {
  const { tools, signal, conversationId, messageId } = context;
  const prepared = await prepare(tools.runner, call);
  if (signal.aborted) return setState(call, 'cancelled', {}, context);
  if (!prepared.ok) return finish(call, prepared.outcome, context);

  const { protectedPath } = prepared;
  if (needsApproval(tools.approval(), protectedPath, tools.allowedConversations.has(conversationId))) {
    const summary =
      protectedPath === undefined ? undefined : l10n.t('{0} is a protected file: it is sent only if you allow this call.', protectedPath);
    setState(call, 'waiting', { summary }, context);
    const request: ToolApprovalRequest = { conversationId, messageId, call: callForView(call), protectedPath };
    const answer = await untilAborted(tools.approve(request, signal), signal, 'cancelled' as const);
    if (answer === 'cancelled') return setState(call, 'cancelled', {}, context);
    // No summary of its own: the view names what was asked for (the path, the query) and says "denied".
    if (answer === 'deny') return setState(call, 'denied', { output: DECLINED_TEXT }, context);
    if (answer === 'allowConversation') tools.allowedConversations.add(conversationId);
  }

  setState(call, 'running', {}, context);
  const outcome = await run(prepared, signal);
  if (outcome === undefined) return setState(call, 'cancelled', {}, context);
  finish(call, outcome, context);
}

/** `prepare` promises never to throw; a runner that does anyway fails only its call. */
async function prepare(runner: ToolRunner, call: StoredToolCall): Promise<PreparedCall> {
  try {
    return await runner.prepare({ id: call.id ?? '', name: call.name, arguments: call.arguments });
  } catch (err) {
    return { ok: false, outcome: failure(err) };
  }
}

/** The outcome, or undefined when Stop came first (a run that ignores its signal is not waited for). */
async function run(prepared: Extract<PreparedCall, { ok: true }>, signal: AbortSignal): Promise<ToolOutcome | undefined> {
  try {
    return await untilAborted(prepared.run(signal), signal, undefined);
  } catch (err) {
    return signal.aborted ? undefined : failure(err);
  }
}

function failure(err: unknown): ToolOutcome {
  const reason = err instanceof Error ? err.message : String(err);
  return { status: 'failed', output: `The tool failed: ${reason}`, summary: l10n.t('Failed: {0}', reason) };
}

function finish(call: StoredToolCall, outcome: ToolOutcome, context: RoundContext): void {
  if (outcome.reads?.length) call.reads = outcome.reads;
  setState(call, outcome.status, { output: outcome.output, summary: outcome.summary }, context);
}

/** Moves the call to `state`; a field given as undefined (or not given) is removed, so nothing stale stays. */
function setState(call: StoredToolCall, state: ToolCallState, fields: { output?: string; summary?: string }, context: RoundContext): void {
  call.state = state;
  for (const key of ['output', 'summary'] as const) {
    const value = fields[key];
    if (value === undefined) delete call[key];
    else call[key] = value;
  }
  context.changed(call);
}

/** `work`'s result, or `aborted` as soon as the signal fires (whichever comes first). */
function untilAborted<T, A>(work: Promise<T>, signal: AbortSignal, aborted: A): Promise<T | A> {
  work.catch(() => undefined); // if Stop wins, a later failure of the work is expected
  if (signal.aborted) return Promise.resolve(aborted);
  return new Promise<T | A>((resolve, reject) => {
    const onAbort = (): void => resolve(aborted);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
