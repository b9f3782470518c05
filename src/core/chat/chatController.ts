/**
 * The host's truth for the sidebar chat: the conversations, the one being shown, the running
 * answers and the context chips. It turns webview messages into actions and posts back only what
 * changed (deltas while streaming, whole conversations only when one is opened or a turn starts).
 */
import * as l10n from '@vscode/l10n';
import {
  isRequest,
  REQUESTS,
  type ChatMessage,
  type ContextChip,
  type Conversation,
  type ConversationSummary,
  type HostMessage,
  type ModelInfo,
  type RequestMessage,
  type RequestMethod,
  type RequestParams,
  type RequestResult,
  type WebviewMessage,
  type MentionSuggestion,
  type WorkspaceState,
  type Mention,
} from '../../protocol/chatProtocol';
import type { Clock } from '../clock';
import type { ToolApprovalMode, ToolRunner } from '../tools/toolTypes';
import { ChatSession, type ChatSessionDeps, type ConversationSaver } from './chatSession';
import type { ChatEvent, ChatOptions, ChatRequest } from './client';
import { messageForView, type StoredMessage } from './requestMessages';
import { PendingApprovals } from './toolApproval';
import type { ChatTools } from './toolRound';
import { handoffPrompt } from './handoff';
import { apiKeyRequired } from './models';
import { noApiKeyText } from '../../protocol/chatStrings';
import { modelIdProblem } from '../../protocol/modelId';
import { SETTING_DEFAULTS } from '../settingDefaults';

/** The conversation store (src/chat/history.ts) as the controller uses it. */
export interface ConversationStore {
  list(): Promise<ConversationSummary[]>;
  load(id: string): Promise<Conversation | undefined>;
  save(conversation: Conversation): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  delete(id: string): Promise<void>;
  search(query: string): Promise<ConversationSummary[]>;
  prune(max: number): Promise<unknown>;
}

export interface ChatControllerSettings {
  baseUrl: string;
  /** The `chat.model` setting as set: the controller checks it (modelId.ts) before using it. */
  model: string;
  temperature?: number;
  systemPrompt?: string;
  idleTimeoutMs: number;
  maxConversations: number;
}

/** Everything outside the chat's own logic, injected so the controller stays small and testable. */
export interface ChatControllerDeps {
  post(message: HostMessage): void;
  store: ConversationStore;
  createSaver(): ConversationSaver;
  stream: (request: ChatRequest, options: ChatOptions) => AsyncIterable<ChatEvent>;
  settings(): ChatControllerSettings;
  apiKey(): Promise<string | undefined>;
  models(): Promise<{ models: ModelInfo[]; source: 'catalog' | 'fallback' }>;
  /** Cached or built-in models, instantly, for the first paint. */
  initialModels(): ModelInfo[];
  /** Whether tools and file mentions can be used now (Restricted Mode, the setting, open folders). */
  workspaceState(): WorkspaceState;
  /** The `@` list for what follows the `@`. */
  suggestMentions(query: string): Promise<MentionSuggestion[]>;
  /** Reads the `@` mentions of a message being sent (now, so they are current) into context chips. */
  resolveMentions(mentions: Mention[]): Promise<ContextChip[]>;
  /** The workspace tools as the settings and the workspace allow them now; undefined: no tools. */
  tools(): { runner: ToolRunner; maxRounds: number; approval: ToolApprovalMode } | undefined;
  actions: {
    copy(text: string): Promise<void>;
    insertAtCursor(code: string): Promise<unknown>;
    openInEditor(code: string, language: string): Promise<void>;
    openLink(href: string): Promise<unknown>;
    setApiKey(): Promise<unknown>;
    openWalkthrough(): Promise<unknown>;
    continueInCline(prompt: string): Promise<boolean>;
  };
  log: { info(m: string): void; warn(m: string): void; error(m: string): void; trace(m: string): void };
  /** Remembers which conversation was open, so a window reload shows it again. */
  lastActive: { get(): string | undefined; set(id: string | undefined): void };
  newId(): string;
  /** Dates messages and conversations; passed on to each running answer (ChatSession). */
  clock: Clock;
}

const TITLE_CHARS = 60;

export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0].trim() || l10n.t('New chat');
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line;
}

export class ChatController {
  private activeValue: Conversation | undefined;

  private get active(): Conversation | undefined {
    return this.activeValue;
  }

  private set active(conversation: Conversation | undefined) {
    this.activeValue = conversation;
    this.deps.lastActive.set(conversation?.id);
  }
  private readonly sessions = new Map<string, ChatSession>();
  private chips: ContextChip[] = [];
  /** The model picked before the first message of a new chat. */
  private draftModel: string | undefined;
  /** Whether the conversation open before a window reload has been looked up yet. */
  private restored = false;
  /** The models last listed (catalog or built-in): whether a model takes tools comes from there. */
  private knownModels: ModelInfo[] | undefined;
  /** Tool calls waiting for the user's Allow or Deny. */
  private readonly approvals = new PendingApprovals();
  /** Conversations where the user chose "Allow for This Conversation" (in memory: a reload asks again). */
  private readonly allowedConversations = new Set<string>();

  constructor(private readonly deps: ChatControllerDeps) {}

  get activeConversation(): Conversation | undefined {
    return this.active;
  }

  isStreaming(conversationId: string): boolean {
    return this.sessions.get(conversationId)?.running ?? false;
  }

  async onReady(): Promise<void> {
    if (!this.active && !this.restored) {
      this.restored = true;
      const id = this.deps.lastActive.get();
      if (id) this.active = await this.deps.store.load(id);
    }
    const [conversations, hasApiKey] = await Promise.all([this.deps.store.list(), this.hasKey()]);
    const keyRequired = apiKeyRequired(this.deps.settings().baseUrl);
    const models = this.deps.initialModels();
    this.knownModels ??= models;
    this.deps.post({
      type: 'init',
      conversations,
      active: this.active ? this.forView(this.active) : null,
      models,
      defaultModel: this.currentModel(),
      hasApiKey,
      keyRequired,
      chips: this.chips,
      workspace: this.deps.workspaceState(),
    });
    const configured = this.deps.settings().model;
    const problem = modelIdProblem(configured);
    if (problem !== undefined) this.refuseModel(configured, problem, 'the chat.model setting');
    void this.refreshModels();
  }

  async refreshModels(): Promise<void> {
    try {
      const { models, source } = await this.deps.models();
      this.knownModels = models;
      this.deps.post({ type: 'models', models, source });
    } catch (err) {
      this.deps.log.warn(`model catalog: ${String(err)}`);
    }
  }

  /** The key was set or cleared, or the base URL changed (a server other than Cline's needs none). */
  async apiKeyChanged(): Promise<void> {
    this.deps.post({ type: 'apiKey', hasApiKey: await this.hasKey(), keyRequired: apiKeyRequired(this.deps.settings().baseUrl) });
  }

  attachChip(chip: ContextChip): void {
    this.chips = [...this.chips.filter((c) => c.id !== chip.id), chip];
    this.deps.post({ type: 'chips', chips: this.chips });
    this.deps.post({ type: 'focusInput' });
  }

  /** A message from the view (`ready` goes to onReady). */
  async onMessage(message: Exclude<WebviewMessage, { type: 'ready' }>): Promise<void> {
    if (isRequest(message)) return this.answer(message);
    switch (message.type) {
      case 'send':
        return this.send(message.conversationId, message.text, message.model, message.mentions ?? []);
      case 'toolApproval': {
        const { conversationId, messageId, callId, decision } = message;
        if (!this.approvals.answer({ conversationId, messageId, callId }, decision)) {
          this.deps.log.warn(`chat: a tool approval (${decision}) for a call that no longer waits was ignored`);
        }
        return;
      }
      case 'stop':
        return this.stop(message.conversationId);
      case 'retry':
        return this.retry(message.conversationId);
      case 'newChat':
        return this.newChat();
      case 'openConversation':
        return this.open(message.id);
      case 'renameConversation':
        return this.rename(message.id, message.title);
      case 'deleteConversation':
        return this.remove(message.id);
      case 'setModel':
        return this.setModel(message.conversationId, message.model);
      case 'removeChip':
        this.chips = this.chips.filter((c) => c.id !== message.id);
        this.deps.post({ type: 'chips', chips: this.chips });
        return;
      case 'copy':
        return this.deps.actions.copy(message.text);
      case 'insertAtCursor':
        await this.deps.actions.insertAtCursor(message.code);
        return;
      case 'openInEditor':
        return this.deps.actions.openInEditor(message.code, message.language);
      case 'openLink':
        await this.deps.actions.openLink(message.href);
        return;
      case 'setApiKey':
        await this.deps.actions.setApiKey();
        return;
      case 'openWalkthrough':
        await this.deps.actions.openWalkthrough();
        return;
      case 'continueInCline':
        return this.continueInCline(message.conversationId);
    }
  }

  /** What answers each request of the protocol's request table. */
  private readonly requestHandlers: { [M in RequestMethod]: (params: RequestParams<M>) => Promise<RequestResult<M>> } = {
    search: ({ query }) => this.deps.store.search(query),
    mentions: ({ query }) => this.deps.suggestMentions(query),
  };

  /**
   * Answer a request exactly once: its result, or `ok: false` with a message the view shows. (A failure
   * that was only logged left the view waiting for a reply that never came.)
   */
  private async answer(request: RequestMessage): Promise<void> {
    const { type: method, requestId } = request;
    try {
      const result = await this.requestHandlers[method](request);
      this.deps.post({ type: 'reply', requestId, ok: true, result });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.deps.log.error(`chat: the ${method} request failed: ${reason}`);
      this.deps.post({ type: 'reply', requestId, ok: false, error: REQUESTS[method].failure(reason) });
    }
  }

  async newChat(): Promise<void> {
    this.active = undefined;
    this.draftModel = undefined;
    await this.onReady();
  }

  /** Stops every running answer (window closing): partial answers are saved as "stopped". */
  stopAll(): void {
    for (const session of this.sessions.values()) session.stop();
  }

  private async hasKey(): Promise<boolean> {
    return !!(await this.deps.apiKey());
  }

  /**
   * The model the next answer goes to: the open conversation's, else the one picked for a new chat, else the
   * `chat.model` setting, else its default; the first that can be sent (a conversation saved by an older
   * version, or a hand-edited setting, may hold one that cannot).
   */
  private currentModel(): string {
    const candidates = [this.active?.model, this.draftModel, this.deps.settings().model];
    return candidates.find((model) => model !== undefined && modelIdProblem(model) === undefined) ?? SETTING_DEFAULTS['chat.model'];
  }

  /** `requested` when it can be sent as it is; else the current model, and the view is told why (never silently). */
  private chooseModel(requested: string): string {
    const problem = modelIdProblem(requested);
    if (problem === undefined) return requested;
    return this.refuseModel(requested, problem, 'the view');
  }

  private refuseModel(refused: string, reason: string, from: string): string {
    const using = this.currentModel();
    this.deps.log.warn(`chat: model id from ${from} not used (${reason}): ${JSON.stringify(refused.slice(0, 80))}; using ${using}`);
    this.deps.post({ type: 'modelRefused', model: refused, reason, using });
    return using;
  }

  private forView(conversation: Conversation): Conversation {
    return { ...conversation, messages: (conversation.messages as StoredMessage[]).map(messageForView) };
  }

  private async send(conversationId: string | null, text: string, model: string, mentions: Mention[]): Promise<void> {
    if (!text.trim() && this.chips.length === 0 && mentions.length === 0) return;
    const chosenModel = this.chooseModel(model);
    let conversation = this.active;
    if (!conversation || (conversationId !== null && conversation.id !== conversationId)) {
      conversation = (conversationId && (await this.deps.store.load(conversationId))) || undefined;
    }
    if (conversation && this.isStreaming(conversation.id)) {
      this.deps.log.warn('send ignored: an answer is still streaming in this conversation');
      return;
    }
    const { chips: mentioned, note } = await this.readMentions(mentions);
    const context = [...this.chips, ...mentioned];
    const now = this.deps.clock.now();
    if (!conversation) {
      // A question made only of mentions is named after them.
      const title = titleFrom(text.trim() ? text : mentions.map((m) => m.label).join(' '));
      conversation = { id: this.deps.newId(), title, model: chosenModel, createdAt: now, updatedAt: now, messages: [] };
    }
    conversation.model = chosenModel;
    this.active = conversation;
    // The typed text is what the view shows; the chips' code joins it only in the request.
    const user: ChatMessage = { id: this.deps.newId(), role: 'user', content: text, createdAt: now };
    if (context.length) user.context = context;
    if (note) user.notes = [note];
    conversation.messages.push(user);
    this.chips = [];
    this.deps.post({ type: 'chips', chips: [] });
    await this.startAnswer(conversation, user);
  }

  /**
   * The mentions' content as chips, read now. A failure to read them does not lose the question: it goes
   * without them, and a note on it says so.
   */
  private async readMentions(mentions: Mention[]): Promise<{ chips: ContextChip[]; note?: string }> {
    if (mentions.length === 0) return { chips: [] };
    try {
      return { chips: await this.deps.resolveMentions(mentions) };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.deps.log.error(`chat: reading the @ mentions failed: ${reason}`);
      return { chips: [], note: l10n.t('The @ mentions could not be read ({0}): sent without them.', reason) };
    }
  }

  private async retry(conversationId: string): Promise<void> {
    const conversation = this.active?.id === conversationId ? this.active : await this.deps.store.load(conversationId);
    if (!conversation || this.isStreaming(conversation.id)) return;
    this.active = conversation;
    // Drop the failed, stopped or interrupted answer, every round of it; the question before it is asked again.
    while (conversation.messages.at(-1)?.role === 'assistant') conversation.messages.pop();
    if (conversation.messages.at(-1)?.role !== 'user') return;
    this.deps.post({ type: 'conversation', conversation: this.forView(conversation) });
    await this.startAnswer(conversation);
  }

  private async startAnswer(conversation: Conversation, userMessage?: ChatMessage): Promise<void> {
    const settings = this.deps.settings();
    const answer: StoredMessage = {
      id: this.deps.newId(),
      role: 'assistant',
      content: '',
      status: 'streaming',
      model: conversation.model,
      createdAt: this.deps.clock.now(),
    };
    conversation.messages.push(answer);
    conversation.updatedAt = this.deps.clock.now();
    this.deps.post({ type: 'streamStart', conversationId: conversation.id, message: messageForView(answer), userMessage });

    const apiKey = await this.deps.apiKey();
    const saver = this.deps.createSaver();
    if (!apiKey && apiKeyRequired(settings.baseUrl)) {
      // Nothing typed is lost: the question is stored, the answer says what to do, Retry re-asks.
      answer.status = 'error';
      answer.error = { kind: 'noApiKey', message: noApiKeyText(), retryable: true };
      this.deps.post({ type: 'streamEnd', conversationId: conversation.id, messageId: answer.id, status: 'error', error: answer.error });
      await this.persist(conversation);
      return;
    }
    await this.persist(conversation);
    const sessionDeps: ChatSessionDeps = {
      stream: this.deps.stream,
      post: (m) => this.deps.post(m),
      saver,
      idleTimeoutMs: settings.idleTimeoutMs,
      clock: this.deps.clock,
      newId: () => this.deps.newId(),
      tools: this.toolsFor(answer.model ?? conversation.model),
      onEnd: (s) => {
        this.sessions.delete(s.conversation.id);
        void this.afterAnswer(s);
      },
    };
    const session = new ChatSession(
      conversation,
      answer,
      {
        baseUrl: settings.baseUrl,
        apiKey,
        temperature: settings.temperature,
        systemPrompt: settings.systemPrompt,
      },
      sessionDeps,
    );
    this.sessions.set(conversation.id, session);
    this.deps.log.info(`chat: asking ${conversation.model} (${conversation.messages.length - 1} message(s))`);
    await session.run();
  }

  /**
   * The tools for an answer from `model`: none when they are off (the setting, Restricted Mode) or when the
   * model's catalog entry says it does not take them; when nothing is known, they are offered (a server that
   * refuses them is asked again without, see client.ts).
   */
  private toolsFor(model: string): ChatTools | undefined {
    const tools = this.deps.tools();
    if (!tools) return undefined;
    if (this.knownModels?.find((m) => m.id === model)?.supportsTools === false) return undefined;
    return {
      runner: tools.runner,
      maxRounds: tools.maxRounds,
      approval: () => this.deps.tools()?.approval ?? tools.approval,
      approve: ({ conversationId, messageId, call }, signal) =>
        this.approvals.wait({ conversationId, messageId, callId: call.id ?? '' }, signal),
      allowedConversations: this.allowedConversations,
    };
  }

  private async afterAnswer(session: ChatSession): Promise<void> {
    const { answer } = session;
    const usage = answer.usage ? `, ${answer.usage.promptTokens} in / ${answer.usage.completionTokens} out` : '';
    this.deps.log.info(
      `chat: answer ${answer.status}${answer.error ? ` (${answer.error.kind} ${answer.error.status ?? ''} ${answer.error.requestId ?? ''})` : ''}${usage}`,
    );
    await this.persist(session.conversation);
  }

  private async persist(conversation: Conversation): Promise<void> {
    try {
      await this.deps.store.save(conversation);
      const max = this.deps.settings().maxConversations;
      await this.deps.store.prune(max);
      this.deps.post({ type: 'conversations', conversations: await this.deps.store.list() });
    } catch (err) {
      this.deps.log.error(`saving the conversation failed: ${String(err)}`);
    }
  }

  private stop(conversationId: string): void {
    this.sessions.get(conversationId)?.stop();
  }

  private async open(id: string): Promise<void> {
    const conversation = this.active?.id === id ? this.active : await this.deps.store.load(id);
    if (!conversation) {
      this.deps.post({ type: 'conversations', conversations: await this.deps.store.list() });
      return;
    }
    this.active = conversation;
    this.deps.post({ type: 'conversation', conversation: this.forView(conversation) });
  }

  private async rename(id: string, title: string): Promise<void> {
    const clean = title.trim().slice(0, 200);
    if (!clean) return;
    await this.deps.store.rename(id, clean);
    if (this.active?.id === id) this.active.title = clean;
    this.deps.post({ type: 'conversations', conversations: await this.deps.store.list() });
  }

  private async remove(id: string): Promise<void> {
    this.sessions.get(id)?.stop();
    await this.deps.store.delete(id);
    if (this.active?.id === id) {
      this.active = undefined;
      await this.onReady();
      return;
    }
    this.deps.post({ type: 'conversations', conversations: await this.deps.store.list() });
  }

  private async setModel(conversationId: string | null, requested: string): Promise<void> {
    const model = this.chooseModel(requested);
    if (model !== requested) return; // refused: the view was told, and nothing changes
    if (conversationId && this.active?.id === conversationId) {
      this.active.model = model;
      if (!this.isStreaming(conversationId)) await this.persist(this.active);
    } else {
      this.draftModel = model;
    }
  }

  private async continueInCline(conversationId: string): Promise<void> {
    const conversation = this.active?.id === conversationId ? this.active : await this.deps.store.load(conversationId);
    if (!conversation) return;
    await this.deps.actions.continueInCline(handoffPrompt(conversation));
  }
}
