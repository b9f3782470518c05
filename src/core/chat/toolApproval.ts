/**
 * Who decides whether a workspace tool call runs: the rule ({@link needsApproval}) and the calls waiting for
 * the user's answer ({@link PendingApprovals}, kept by the controller, answered by the view's `toolApproval`).
 */
import type { ToolDecision } from '../../protocol/chatProtocol';
import type { ToolApprovalMode } from '../tools/toolTypes';

/** The user's decision, or `cancelled` when the answer was stopped while the call waited. */
export type ApprovalAnswer = ToolDecision | 'cancelled';

/**
 * Whether a call must wait for the user. A protected file always waits for an explicit Allow of that very
 * call, whatever the mode or an earlier "Allow for This Conversation"; otherwise `auto` runs at once, and
 * `ask` waits unless the user allowed tools for this conversation.
 */
export function needsApproval(mode: ToolApprovalMode, protectedPath: string | undefined, allowedForConversation: boolean): boolean {
  if (protectedPath !== undefined) return true;
  return mode === 'ask' && !allowedForConversation;
}

/** Which call an answer is for: the view names it by conversation, message and the call's id. */
export interface ApprovalKey {
  conversationId: string;
  messageId: string;
  callId: string;
}

function keyOf({ conversationId, messageId, callId }: ApprovalKey): string {
  return JSON.stringify([conversationId, messageId, callId]);
}

/** The calls waiting for Allow or Deny. In memory: a call that waited when the window closed is interrupted. */
export class PendingApprovals {
  private readonly waiting = new Map<string, (answer: ApprovalAnswer) => void>();

  /** Resolves with the user's answer, or with `cancelled` as soon as `signal` aborts (Stop). */
  wait(key: ApprovalKey, signal: AbortSignal): Promise<ApprovalAnswer> {
    if (signal.aborted) return Promise.resolve('cancelled');
    const id = keyOf(key);
    return new Promise((resolve) => {
      const settle = (answer: ApprovalAnswer): void => {
        if (this.waiting.get(id) === settle) this.waiting.delete(id);
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      };
      const onAbort = (): void => settle('cancelled');
      this.waiting.get(id)?.('cancelled'); // the same call asked twice: only the newest question counts
      this.waiting.set(id, settle);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The user's answer; false when no such call waits (answered already, stopped, or an old view). */
  answer(key: ApprovalKey, decision: ToolDecision): boolean {
    const settle = this.waiting.get(keyOf(key));
    settle?.(decision);
    return settle !== undefined;
  }
}
