/**
 * "Continue in Cline": turns a quick-chat conversation into one task prompt for a full Cline task.
 * Compact on purpose: Cline's context is precious, so older turns are clipped and the last question
 * is repeated whole at the end, where the task statement belongs.
 */
import type { Conversation } from '../../protocol/chatProtocol';
import { userContent } from './chatSession';

export interface HandoffOptions {
  /** Characters kept of each earlier turn. */
  maxTurnChars?: number;
  /** Characters of transcript in all (oldest turns are dropped first). */
  maxTranscriptChars?: number;
}

function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max)} …[${t.length - max} more characters]`;
}

export function handoffPrompt(conversation: Conversation, options: HandoffOptions = {}): string {
  const maxTurn = options.maxTurnChars ?? 2_000;
  const maxTotal = options.maxTranscriptChars ?? 12_000;
  const turns = conversation.messages.filter((m) => m.content.trim() !== '');
  const lastUserIndex = turns.map((m) => m.role).lastIndexOf('user');
  // The question Cline works on keeps its attached code; earlier turns stay text only, to stay compact.
  const lastQuestion = lastUserIndex >= 0 ? userContent(turns[lastUserIndex].content.trim(), turns[lastUserIndex].context) : '';
  const earlier = turns.filter((_, i) => i !== lastUserIndex);

  const lines: string[] = [];
  let used = 0;
  // Newest first while budgeting, so the most recent context survives; printed oldest first.
  for (let i = earlier.length - 1; i >= 0; i--) {
    const m = earlier[i];
    const line = `${m.role === 'user' ? 'User' : 'Assistant'}: ${clip(m.content, maxTurn)}`;
    if (used + line.length > maxTotal) {
      lines.unshift(`(${i + 1} earlier message(s) omitted)`);
      break;
    }
    used += line.length;
    lines.unshift(line);
  }

  const parts = [`Continue this conversation from the Cline Companion quick chat ("${conversation.title}", model ${conversation.model}).`];
  if (lines.length) parts.push(`Transcript so far:\n\n${lines.join('\n\n')}`);
  if (lastQuestion) parts.push(`The question to work on now:\n\n${lastQuestion}`);
  return parts.join('\n\n');
}
