/**
 * One running answer. Feeds the client's events into the conversation (the host's truth), saves the
 * partial answer at most once a second (so a window reload mid-answer keeps the text so far), and
 * posts batched deltas, never whole conversations, to the view. Little here touches `vscode`.
 */
import type { ChatMessage, ContextChip, Conversation, HostMessage } from '../../protocol/chatProtocol';
import type { Clock } from '../clock';
import { fenceFor } from '../prompts/fence';
import type { ChatEvent, ChatOptions, ChatRequest, ChatRequestMessage } from './client';
import { ChatError, toErrorView } from './errors';
import { DeltaBatcher } from './deltaBatcher';

/** A stored message may carry reasoning blocks to send back; they never go to the webview. */
export type StoredMessage = ChatMessage & { reasoningDetails?: unknown[] };

export interface ConversationSaver {
  schedule(conversation: Conversation): void;
  flush(): Promise<void>;
}

export interface ChatSessionDeps {
  stream: (request: ChatRequest, options: ChatOptions) => AsyncIterable<ChatEvent>;
  post: (message: HostMessage) => void;
  saver: ConversationSaver;
  idleTimeoutMs: number;
  /** Dates the conversation's `updatedAt` and paces the deltas posted to the view. */
  clock: Clock;
  /** Called once the answer has ended, however it ended. */
  onEnd?: (session: ChatSession) => void;
}

export interface ChatSettings {
  baseUrl: string;
  apiKey: string;
  temperature?: number;
  systemPrompt?: string;
}

/** The user turn as the model sees it: the text, then each attached snippet as a fenced block. */
export function userContent(text: string, chips: readonly ContextChip[] = []): string {
  if (chips.length === 0) return text;
  const blocks = chips.map((c) => {
    const fence = fenceFor(c.code);
    return `${c.label}:\n${fence}${c.language}\n${c.code}\n${fence}`;
  });
  return text.trim() ? `${text}\n\n${blocks.join('\n\n')}` : blocks.join('\n\n');
}

/** The conversation as the API wants it: earlier turns with text, system prompt first. */
export function requestMessages(conversation: Conversation, answerId: string, systemPrompt?: string): ChatRequestMessage[] {
  const messages: ChatRequestMessage[] = [];
  if (systemPrompt?.trim()) messages.push({ role: 'system', content: systemPrompt.trim() });
  for (const m of conversation.messages as StoredMessage[]) {
    if (m.id === answerId) break;
    if (m.role === 'assistant' && !m.content) continue; // failed before any text: nothing to remember
    const entry: ChatRequestMessage = { role: m.role, content: m.role === 'user' ? userContent(m.content, m.context) : m.content };
    if (m.reasoningDetails?.length) entry.reasoning_details = m.reasoningDetails;
    messages.push(entry);
  }
  return messages;
}

/** What the webview may see of a message: everything but the reasoning blocks kept for the API. */
export function messageForView(message: StoredMessage): ChatMessage {
  if (!('reasoningDetails' in message)) return message;
  const { reasoningDetails: _hidden, ...visible } = message;
  return visible;
}

export class ChatSession {
  private readonly controller = new AbortController();
  private readonly batcher: DeltaBatcher;
  private finished = false;

  constructor(
    readonly conversation: Conversation,
    readonly answer: StoredMessage,
    private readonly settings: ChatSettings,
    private readonly deps: ChatSessionDeps,
  ) {
    this.batcher = new DeltaBatcher(
      (delta) => deps.post({ type: 'streamDelta', conversationId: conversation.id, messageId: answer.id, ...delta }),
      deps.clock,
    );
  }

  get running(): boolean {
    return !this.finished;
  }

  stop(): void {
    this.controller.abort();
  }

  async run(): Promise<void> {
    const { conversation, answer } = this;
    const request: ChatRequest = {
      baseUrl: this.settings.baseUrl,
      apiKey: this.settings.apiKey,
      model: answer.model ?? conversation.model,
      messages: requestMessages(conversation, answer.id, this.settings.systemPrompt),
      temperature: this.settings.temperature,
    };
    try {
      for await (const event of this.deps.stream(request, { signal: this.controller.signal, idleTimeoutMs: this.deps.idleTimeoutMs })) {
        this.apply(event);
      }
      this.end('done');
    } catch (err) {
      const error = err instanceof ChatError ? err : undefined;
      if (error?.kind === 'aborted' || this.controller.signal.aborted) this.end('stopped');
      else this.end('error', toErrorView(err));
    }
    await this.deps.saver.flush();
  }

  private apply(event: ChatEvent): void {
    const { answer } = this;
    switch (event.type) {
      case 'content':
        answer.content += event.text;
        this.batcher.addContent(event.text);
        break;
      case 'reasoning':
        answer.reasoning = (answer.reasoning ?? '') + event.text;
        this.batcher.addReasoning(event.text);
        break;
      case 'reasoningDetails':
        answer.reasoningDetails = [...(answer.reasoningDetails ?? []), ...event.details];
        return; // nothing to show
      case 'toolCalls':
        answer.toolCalls = event.toolCalls;
        this.batcher.setToolCalls(event.toolCalls);
        break;
      case 'usage':
        answer.usage = event.usage;
        return;
      default:
        return; // start, finish, retry and done change nothing stored
    }
    this.touch();
  }

  private touch(): void {
    this.conversation.updatedAt = this.deps.clock.now();
    this.deps.saver.schedule(this.conversation);
  }

  private end(status: 'done' | 'stopped' | 'error', error?: ChatMessage['error']): void {
    if (this.finished) return;
    this.finished = true;
    this.batcher.flush();
    this.batcher.dispose();
    this.answer.status = status;
    if (error) this.answer.error = error;
    this.touch();
    this.deps.post({
      type: 'streamEnd',
      conversationId: this.conversation.id,
      messageId: this.answer.id,
      status,
      usage: this.answer.usage,
      error,
    });
    this.deps.onEnd?.(this);
  }
}
