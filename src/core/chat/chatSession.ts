/**
 * One running answer to a question. Feeds the client's events into the conversation (the host's truth),
 * saves the partial answer at most once a second (so a window reload mid-answer keeps the text so far), and
 * posts batched deltas, never whole conversations, to the view. Little here touches `vscode`.
 *
 * With tools, an answer takes rounds. Each round is its own assistant message: what the model said and the
 * calls it made. When a round ends with calls, they run (approved as the settings say, see toolRound.ts), the
 * message ends with `streamEnd` `continues: true`, and the next round starts as a new message with the
 * results sent back. After `maxRounds` rounds one last request asks for an answer without tools. Stop ends
 * the answer wherever it is: streaming, waiting for approval, running a tool, or between two rounds.
 */
import * as l10n from '@vscode/l10n';
import { MAX_ID_CHARS, type Conversation, type ErrorView, type HostMessage } from '../../protocol/chatProtocol';
import type { Clock } from '../clock';
import type { ToolDefinition } from '../tools/toolTypes';
import type { ChatEvent, ChatOptions, ChatRequest } from './client';
import { ChatError, toErrorView } from './errors';
import { DeltaBatcher } from './deltaBatcher';
import { callForView, messageForView, requestMessages, toolCallIdOf, type StoredMessage, type StoredToolCall } from './requestMessages';
import { runToolCalls, type ChatTools } from './toolRound';

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
  /** Ids for the messages of later rounds. */
  newId: () => string;
  /** The workspace tools, when the model may use them for this answer. */
  tools?: ChatTools;
  /** Called once the answer has ended, however it ended (after its last round). */
  onEnd?: (session: ChatSession) => void;
}

export interface ChatSettings {
  baseUrl: string;
  apiKey?: string;
  temperature?: number;
  systemPrompt?: string;
}

/** The note on an answer given without tools because the server refused them for this model (the user reads it). */
export function toolsRefusedNote(): string {
  return l10n.t('This model does not take tools here: answered without reading the workspace.');
}

/** The note on the last round of a question that used up its rounds (the user reads it). */
export function roundLimitNote(maxRounds: number): string {
  return maxRounds === 1
    ? l10n.t(
        'After 1 round of tool calls (the limit, {0}), the model was asked to answer with what it has read.',
        'clineCompanion.chat.tools.maxRounds',
      )
    : l10n.t(
        'After {0} rounds of tool calls (the limit, {1}), the model was asked to answer with what it has read.',
        maxRounds,
        'clineCompanion.chat.tools.maxRounds',
      );
}

/** What a call the model made in the last round (asked not to call tools) is answered with. To the model: English. */
export const NOT_RUN_AFTER_LIMIT_TEXT = 'Not run: this question has used up its rounds of tool calls. Answer with what you have.';

/** What a call is answered with when the request offered no tools (they are off, or the server refused them). To the model: English. */
export const NOT_RUN_WITHOUT_TOOLS_TEXT = 'Not run: no tools are available for this answer.';

export class ChatSession {
  private readonly controller = new AbortController();
  private current: StoredMessage;
  private batcher: DeltaBatcher;
  private rounds = 0;
  /** The server refused the tools in this round (the client asked again without them). */
  private toolsRefused = false;
  private finished = false;

  constructor(
    readonly conversation: Conversation,
    firstAnswer: StoredMessage,
    private readonly settings: ChatSettings,
    private readonly deps: ChatSessionDeps,
  ) {
    this.current = firstAnswer;
    this.batcher = this.batcherFor(firstAnswer);
  }

  /** The message of the current (at the end: the last) round. */
  get answer(): StoredMessage {
    return this.current;
  }

  get running(): boolean {
    return !this.finished;
  }

  stop(): void {
    this.controller.abort();
  }

  async run(): Promise<void> {
    try {
      await this.runRounds();
    } catch (err) {
      // A bug of ours or of the tools must not leave the view waiting for an end that never comes.
      if (this.current.status === 'streaming') this.endMessage('error', { error: toErrorView(err) });
    } finally {
      this.finished = true;
      this.deps.onEnd?.(this);
    }
    await this.deps.saver.flush();
  }

  /** Round after round, until one ends without calls, fails, or is stopped (each posts its own end). */
  private async runRounds(): Promise<void> {
    for (;;) {
      const tools = this.toolsForRound();
      if (!(await this.streamRound(tools))) break;
      const calls = this.completeCalls();
      if (calls.length === 0) {
        this.endMessage('done');
        break;
      }
      if (!tools || this.toolsRefused) {
        // Calls the model made though it was offered no tools: not run; the history says so.
        this.refuseCalls(calls, NOT_RUN_WITHOUT_TOOLS_TEXT, l10n.t('Not run: no tools for this answer'));
        this.endMessage('done');
        break;
      }
      if (tools.choice === 'none') {
        // Asked to answer in text after the last round, it called tools anyway: not run, the answer ends.
        this.refuseCalls(calls, NOT_RUN_AFTER_LIMIT_TEXT, l10n.t('Not run: round limit'));
        this.endMessage('done');
        break;
      }
      await runToolCalls(calls, {
        tools: tools.chat,
        conversationId: this.conversation.id,
        messageId: this.current.id,
        signal: this.controller.signal,
        changed: (call) => this.changeCall(call),
      });
      if (this.controller.signal.aborted) {
        this.endMessage('stopped');
        break;
      }
      this.endMessage('done', { continues: true });
      this.rounds++;
      this.startRound();
    }
  }

  /** The tools to offer in this round's request: none without tools; after the last round, with `tool_choice: none`. */
  private toolsForRound(): { chat: ChatTools; definitions: ToolDefinition[]; choice?: 'none' } | undefined {
    const chat = this.deps.tools;
    if (!chat) return undefined;
    const definitions = chat.runner.definitions();
    if (definitions.length === 0) return undefined;
    if (this.rounds < chat.maxRounds) return { chat, definitions };
    // Still sent, with tool_choice "none": the history holds tool calls, and routers insist on the tools then.
    this.addNote(roundLimitNote(chat.maxRounds));
    return { chat, definitions, choice: 'none' };
  }

  /** Streams one request into the current message. False when it failed or was stopped (its end is posted then). */
  private async streamRound(tools: ReturnType<ChatSession['toolsForRound']>): Promise<boolean> {
    const { conversation, current } = this;
    const request: ChatRequest = {
      baseUrl: this.settings.baseUrl,
      apiKey: this.settings.apiKey,
      model: current.model ?? conversation.model,
      messages: requestMessages(conversation, current.id, this.settings.systemPrompt),
      temperature: this.settings.temperature,
    };
    if (tools) {
      request.tools = tools.definitions;
      if (tools.choice) request.toolChoice = tools.choice;
    }
    this.toolsRefused = false;
    try {
      for await (const event of this.deps.stream(request, { signal: this.controller.signal, idleTimeoutMs: this.deps.idleTimeoutMs })) {
        this.apply(event);
      }
    } catch (err) {
      const error = err instanceof ChatError ? err : undefined;
      if (error?.kind === 'aborted' || this.controller.signal.aborted) this.endMessage('stopped');
      else this.endMessage('error', { error: toErrorView(err) });
      return false;
    }
    this.batcher.flush(); // the view has every call's arguments before their states change
    return true;
  }

  private apply(event: ChatEvent): void {
    const answer = this.current;
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
      case 'toolsRefused':
        this.toolsRefused = true;
        this.addNote(toolsRefusedNote());
        return;
      default:
        return; // start, finish, retry and done change nothing stored
    }
    this.touch();
  }

  /**
   * The calls of the round just streamed, each with an id the API and the view's approval can use: the
   * model's, unless it is missing, repeated or too long for the protocol.
   */
  private completeCalls(): StoredToolCall[] {
    const calls: StoredToolCall[] = this.current.toolCalls ?? [];
    const seen = new Set<string>();
    for (const call of calls) {
      if (!call.id || seen.has(call.id) || call.id.length > MAX_ID_CHARS) call.id = toolCallIdOf(this.current, { index: call.index });
      seen.add(call.id);
    }
    return calls;
  }

  private refuseCalls(calls: StoredToolCall[], output: string, summary: string): void {
    for (const call of calls) this.changeCall(Object.assign(call, { state: 'refused' as const, output, summary }));
  }

  private changeCall(call: StoredToolCall): void {
    this.touch();
    this.deps.post({ type: 'toolCall', conversationId: this.conversation.id, messageId: this.current.id, call: callForView(call) });
  }

  /** A quiet note under the current message (once each). */
  private addNote(text: string): void {
    const message = this.current;
    if (message.notes?.includes(text)) return;
    message.notes = [...(message.notes ?? []), text];
    this.touch();
    this.deps.post({ type: 'note', conversationId: this.conversation.id, messageId: message.id, text });
  }

  private startRound(): void {
    const now = this.deps.clock.now();
    const message: StoredMessage = {
      id: this.deps.newId(),
      role: 'assistant',
      content: '',
      status: 'streaming',
      model: this.current.model,
      createdAt: now,
    };
    this.conversation.messages.push(message);
    this.current = message;
    this.batcher = this.batcherFor(message);
    this.touch();
    this.deps.post({ type: 'streamStart', conversationId: this.conversation.id, message: messageForView(message) });
  }

  private batcherFor(message: StoredMessage): DeltaBatcher {
    const conversationId = this.conversation.id;
    return new DeltaBatcher(
      (delta) => this.deps.post({ type: 'streamDelta', conversationId, messageId: message.id, ...delta }),
      this.deps.clock,
    );
  }

  private touch(): void {
    this.conversation.updatedAt = this.deps.clock.now();
    this.deps.saver.schedule(this.conversation);
  }

  /** Ends the current message (each gets exactly one `streamEnd`); a stopped or failed one cancels its unfinished calls. */
  private endMessage(
    status: 'done' | 'stopped' | 'error',
    { error, continues = false }: { error?: ErrorView; continues?: boolean } = {},
  ): void {
    const message = this.current;
    this.batcher.flush();
    this.batcher.dispose();
    if (status !== 'done') {
      for (const call of message.toolCalls ?? []) {
        if (call.state === undefined || call.state === 'waiting' || call.state === 'running')
          this.changeCall(Object.assign(call, { state: 'cancelled' as const }));
      }
    }
    message.status = status;
    if (error) message.error = error;
    this.touch();
    this.deps.post({
      type: 'streamEnd',
      conversationId: this.conversation.id,
      messageId: message.id,
      status,
      usage: message.usage,
      error,
      ...(continues ? { continues: true } : {}),
    });
  }
}
