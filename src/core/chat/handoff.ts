/**
 * "Continue in Cline": turns a quick-chat conversation into one task prompt for a full Cline task.
 * Compact on purpose: Cline's context is precious, so older turns are clipped and the last question
 * is repeated whole at the end, where the task statement belongs. What the chat's tools read is named
 * (paths and line ranges), never copied: Cline reads the files itself, as they are by then.
 */
import type { Conversation } from '../../protocol/chatProtocol';
import type { ToolRead } from '../tools/toolTypes';
import { userContent, type StoredMessage, type StoredToolCall } from './requestMessages';

export interface HandoffOptions {
  /** Characters kept of each earlier turn. */
  maxTurnChars?: number;
  /** Characters of transcript in all (oldest turns are dropped first). */
  maxTranscriptChars?: number;
  /** Parts of the workspace named at most (the rest are counted). */
  maxReads?: number;
}

/** What a call read: its outcome's reads, or, for a `read_file` stored without them, what its arguments asked for. */
function readsOf(call: StoredToolCall): ToolRead[] {
  if (call.state !== 'done') return [];
  if (call.reads) return call.reads;
  if (call.name !== 'read_file') return [];
  try {
    const args: unknown = JSON.parse(call.arguments);
    if (typeof args !== 'object' || args === null) return [];
    const { path, startLine, endLine } = args as Record<string, unknown>;
    if (typeof path !== 'string' || path === '') return [];
    const read: ToolRead = { path };
    if (typeof startLine === 'number') read.startLine = startLine;
    if (typeof endLine === 'number') read.endLine = endLine;
    return [read];
  } catch {
    return [];
  }
}

function describeRead({ path, startLine, endLine }: ToolRead): string {
  if (startLine === undefined && endLine === undefined) return path;
  if (startLine !== undefined && endLine !== undefined)
    return startLine === endLine ? `${path} line ${startLine}` : `${path} lines ${startLine}-${endLine}`;
  return startLine !== undefined ? `${path} from line ${startLine}` : `${path} lines 1-${endLine}`;
}

/** Each part of the workspace the chat's tools read, once, in the order first read. */
function workspaceReads(conversation: Conversation, max: number): string[] {
  const seen = new Set<string>();
  for (const message of conversation.messages as StoredMessage[]) {
    for (const call of message.toolCalls ?? []) for (const read of readsOf(call)) seen.add(describeRead(read));
  }
  const all = [...seen];
  return all.length <= max ? all : [...all.slice(0, max), `(and ${all.length - max} more)`];
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
  const reads = workspaceReads(conversation, options.maxReads ?? 50);
  if (reads.length)
    parts.push(
      `Read from the workspace during the chat (open them again for their current content):\n${reads.map((r) => `- ${r}`).join('\n')}`,
    );
  if (lastQuestion) parts.push(`The question to work on now:\n\n${lastQuestion}`);
  return parts.join('\n\n');
}
