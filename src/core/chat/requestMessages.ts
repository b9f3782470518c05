/**
 * A conversation as the chat-completions API takes it, and as the webview may see it.
 *
 * An answer that used tools is stored as several assistant messages, one per round: each holds what the model
 * said and the calls it made, complete with their results. For the API such a message becomes the documented
 * pair: the assistant message with `tool_calls`, then one `role: "tool"` message per call carrying exactly the
 * `output` the user can see in the conversation. A call that never got a result (stopped, interrupted) still
 * gets its tool message, saying so: the API refuses a history in which a call is left unanswered.
 */
import type { ChatMessage, ContextChip, Conversation, ToolCallView } from '../../protocol/chatProtocol';
import { fenceFor } from '../prompts/fence';
import type { ToolRead } from '../tools/toolTypes';
import type { ChatRequestMessage, WireToolCall } from './client';

/** A stored tool call also keeps what it read, for "Continue in Cline" (which names it); the view never gets it. */
export type StoredToolCall = ToolCallView & { reads?: ToolRead[] };

/** A stored message may carry reasoning blocks to send back and what its tool calls read; neither goes to the webview. */
export type StoredMessage = ChatMessage & { reasoningDetails?: unknown[]; toolCalls?: StoredToolCall[] };

/** The tool result of a call that has none: it was stopped, or the window closed, before it finished. */
export const NO_RESULT_TEXT = 'This tool call did not finish (the user stopped the answer, or it was interrupted), so there is no result.';

/** The user turn as the model sees it: the text, then each attached snippet as a fenced block (with what was cut). */
export function userContent(text: string, chips: readonly ContextChip[] = []): string {
  if (chips.length === 0) return text;
  const blocks = chips.map((c) => {
    const fence = fenceFor(c.code);
    const note = c.note ? ` (${c.note})` : '';
    return `${c.label}${note}:\n${fence}${c.language}\n${c.code}\n${fence}`;
  });
  return text.trim() ? `${text}\n\n${blocks.join('\n\n')}` : blocks.join('\n\n');
}

/** The id a call goes by in the API: the model's, or (for a call stored without one) one derived from its place. */
export function toolCallIdOf(message: Pick<ChatMessage, 'id'>, call: Pick<ToolCallView, 'id' | 'index'>): string {
  return call.id || `call_${call.index}_${message.id}`;
}

/** Calls that can be sent back: a call whose name never arrived (a broken stream) is no call the API would take. */
function sendableCalls(message: StoredMessage): StoredToolCall[] {
  return (message.toolCalls ?? []).filter((call) => call.name !== '');
}

/** The arguments as the model wrote them when they are JSON; else `{}` (providers refuse to replay malformed JSON). */
function replayableArguments(text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return '{}';
  }
}

/**
 * The conversation up to (without) the answer being written, system prompt first. Assistant messages that
 * failed before saying or calling anything are left out.
 */
export function requestMessages(conversation: Conversation, answerId: string, systemPrompt?: string): ChatRequestMessage[] {
  const messages: ChatRequestMessage[] = [];
  if (systemPrompt?.trim()) messages.push({ role: 'system', content: systemPrompt.trim() });
  for (const m of conversation.messages as StoredMessage[]) {
    if (m.id === answerId) break;
    if (m.role === 'user') {
      messages.push({ role: 'user', content: userContent(m.content, m.context) });
      continue;
    }
    const calls = sendableCalls(m);
    if (!m.content && calls.length === 0) continue; // failed before any text: nothing to remember
    // Only a message with calls gets here without text; the API wants `null` then, not "".
    const entry: ChatRequestMessage = { role: 'assistant', content: m.content || null };
    if (m.reasoningDetails?.length) entry.reasoning_details = m.reasoningDetails;
    if (calls.length > 0) {
      entry.tool_calls = calls.map((call): WireToolCall => ({
        id: toolCallIdOf(m, call),
        type: 'function',
        function: { name: call.name, arguments: replayableArguments(call.arguments) },
      }));
    }
    messages.push(entry);
    for (const call of calls) messages.push({ role: 'tool', tool_call_id: toolCallIdOf(m, call), content: call.output ?? NO_RESULT_TEXT });
  }
  return messages;
}

/**
 * The same conversation for a request without `tools`: servers that do not take tools refuse tool messages
 * too, and Anthropic's API refuses tool calls in a request that defines no tools. Each call and its result
 * become text of the assistant message that made it, and assistant messages that end up next to each other
 * are joined (some chat templates insist that roles alternate). Reasoning blocks are dropped from the
 * messages that change: they are signed over the original message and would no longer match it.
 */
export function foldToolMessages(messages: ChatRequestMessage[]): ChatRequestMessage[] {
  if (!messages.some((m) => m.role === 'tool' || m.tool_calls !== undefined)) return messages;
  const calls = new Map<string, WireToolCall>();
  const folded: ChatRequestMessage[] = [];
  for (const m of messages) {
    const last = folded.at(-1);
    if (m.role === 'tool') {
      const call = m.tool_call_id === undefined ? undefined : calls.get(m.tool_call_id);
      const result = m.content ?? '';
      const fence = fenceFor(result);
      const text = `${call ? describeCall(call) : 'A tool call'} returned:\n${fence}\n${result}\n${fence}`;
      if (last?.role === 'assistant') appendText(last, text);
      else folded.push({ role: 'assistant', content: text });
    } else if (m.role === 'assistant') {
      const { tool_calls: toolCalls, ...rest } = m;
      for (const call of toolCalls ?? []) calls.set(call.id, call);
      const said = joinText([rest.content, ...(toolCalls ?? []).map((call) => `(Called ${describeCall(call)}.)`)]);
      if (last?.role === 'assistant') appendText(last, said);
      else if (toolCalls !== undefined) folded.push({ role: 'assistant', content: said });
      else folded.push({ ...rest, content: rest.content ?? '' });
    } else {
      folded.push(m);
    }
  }
  return folded;
}

function joinText(parts: (string | null)[]): string {
  return parts.filter((part) => part).join('\n\n');
}

/** Adds text to a folded assistant message, whose reasoning blocks no longer match it then. */
function appendText(target: ChatRequestMessage, text: string): void {
  target.content = joinText([target.content, text]);
  delete target.reasoning_details;
}

function describeCall(call: WireToolCall): string {
  return `${call.function.name} ${call.function.arguments}`;
}

/** A tool call as the view may see it: without what it read (the summary says that in words). A copy, as it changes on. */
export function callForView(call: StoredToolCall): ToolCallView {
  const { reads: _hidden, ...visible } = call;
  return visible;
}

/** What the webview may see of a message: everything but the reasoning blocks kept for the API and the calls' reads. */
export function messageForView(message: StoredMessage): ChatMessage {
  const { reasoningDetails: _hidden, ...visible } = message;
  if (visible.toolCalls) visible.toolCalls = visible.toolCalls.map(callForView);
  return visible;
}
