/**
 * The chat view's state and its one owner. Every host message is applied here (`apply`), and every user
 * action that changes the state goes through here (which also tells the host). Views never write into
 * it: they render from it and subscribe to its changes, which say exactly what changed so a streaming
 * answer costs one append, not a re-render.
 *
 * The host owns the truth (history, settings, streams); this is the view's copy of what it shows, plus
 * what only the view knows: the question sent but not yet answered, and one typed before the host was
 * ready. No DOM here: it runs (and is tested) in Node.
 */
import type {
  ChatMessage,
  ContextChip,
  Conversation,
  ConversationSummary,
  HostMessage,
  HostMessageOf,
  Mention,
  ModelInfo,
  ToolCallView,
  ToolDecision,
  WebviewMessage,
  WorkspaceState,
} from '../protocol/chatProtocol';
import { MAX_MENTIONS } from '../protocol/chatProtocol';

/** What one `streamDelta` adds to an answer. */
export interface MessageDelta {
  content?: string;
  reasoning?: string;
  toolCalls?: ToolCallView[];
}

/** What changed. Views re-read the store for the rest. */
export type ChatChange =
  /** Another conversation is open (or a new chat): show it all. `byInit`: the host's init opened it. */
  | { type: 'opened'; byInit: boolean }
  /** The open new chat got its id from the host (its first answer started). */
  | { type: 'activeId' }
  | { type: 'conversations' }
  /** A message joined the open conversation's log (a sent question, a starting answer). */
  | { type: 'messageAdded'; message: ChatMessage }
  | { type: 'messageRemoved'; id: string }
  /** The answer with this id was restarted: show `message` in its place. */
  | { type: 'messageReplaced'; id: string; message: ChatMessage }
  /** `delta` was added to `message` (already applied to it). */
  | { type: 'delta'; message: ChatMessage; delta: MessageDelta }
  /** `message` finished: its status, usage and error are final. */
  | { type: 'messageEnded'; message: ChatMessage }
  /** The tool call `call` of `message` changed state (already applied to it). */
  | { type: 'toolCall'; message: ChatMessage; call: ToolCallView }
  /** A quiet note `text` was added to `message` (already in its `notes`). */
  | { type: 'note'; message: ChatMessage; text: string }
  /** Whether an answer is streaming in the open conversation may have changed. */
  | { type: 'streaming' }
  | { type: 'models' }
  /** The model the next question goes to changed. */
  | { type: 'model' }
  /** The host did not use `model` (`reason`) and asked `using` instead, which is the model now. */
  | { type: 'modelRefused'; model: string; reason: string; using: string }
  | { type: 'apiKey' }
  | { type: 'chips' }
  /** The composer's `@` mentions (not sent yet) changed. */
  | { type: 'mentions' }
  /** Whether workspace tools and file mentions can be used changed (trust, folders, the setting). */
  | { type: 'workspace' }
  /** The host's init was applied (after the changes it made). */
  | { type: 'initialized' }
  /** The question typed before init was sent: the box that held it can be cleared. */
  | { type: 'queuedSent'; text: string }
  /** The host asks for the input to be focused. */
  | { type: 'focusInput' };

export type ChatListener = (change: ChatChange) => void;

/** What happened to a question handed to `send`. */
export type SendOutcome =
  /** Posted to the host and shown. */
  | 'sent'
  /** The host is not ready yet: it goes once `init` arrives, if the box still holds it. */
  | 'queued'
  /** No API key: nothing was sent. */
  | 'noApiKey'
  /** An answer is streaming, or the last question is still waiting for its answer to start. */
  | 'busy';

export interface ChatStoreDeps {
  post(message: WebviewMessage): void;
  now(): number;
}

/** How long a sent question waits for the host's streamStart before another send is allowed. */
export const PENDING_QUESTION_TIMEOUT_MS = 10_000;

/** Until the host says otherwise: no Restricted Mode notice flashes up before `init`. */
const UNKNOWN_WORKSPACE: WorkspaceState = { trusted: true, tools: true, hasFolder: true };

export class ChatStore {
  private conversationList: ConversationSummary[] = [];
  private open: Conversation | null = null;
  private modelList: ModelInfo[] = [];
  private defaultModel = '';
  private nextModel = '';
  private apiKey = true;
  private keyRequired = true;
  private chipList: ContextChip[] = [];
  /** The `@` mentions chosen in the composer; they go with the next question. */
  private mentionList: Mention[] = [];
  private workspaceState: WorkspaceState = UNKNOWN_WORKSPACE;
  /** conversationId → id of the answer streaming in it. */
  private readonly streaming = new Map<string, string>();
  /**
   * Conversations whose answer goes on after a message that ended with tool calls (`streamEnd.continues`):
   * busy between that end and the next round's `streamStart`, while the host runs the calls.
   */
  private readonly continuing = new Set<string>();
  /** A question just sent, shown until the host's streamStart brings its own copy (and a new chat's id). */
  private pendingQuestion: ChatMessage | null = null;
  private initialized = false;
  /** A question sent before the host's `init` arrived (a slow host start): sent once it does. */
  private queuedText: string | undefined;
  private readonly listeners: ChatListener[] = [];

  constructor(private readonly deps: ChatStoreDeps) {}

  // ---- reading ----

  get conversations(): readonly ConversationSummary[] {
    return this.conversationList;
  }

  /** The open conversation (null: a new chat). Its messages are what the log shows, besides a question sent and not yet answered. */
  get active(): Readonly<Conversation> | null {
    return this.open;
  }

  get activeId(): string | null {
    return this.open?.id ?? null;
  }

  get models(): readonly ModelInfo[] {
    return this.modelList;
  }

  /** The model the next question goes to. */
  get model(): string {
    return this.nextModel;
  }

  /** The composer asks for a key: the server needs one (the Cline API) and none is set. */
  get needsApiKey(): boolean {
    return this.keyRequired && !this.apiKey;
  }

  get chips(): readonly ContextChip[] {
    return this.chipList;
  }

  /** The `@` mentions waiting in the composer. */
  get mentions(): readonly Mention[] {
    return this.mentionList;
  }

  get workspace(): Readonly<WorkspaceState> {
    return this.workspaceState;
  }

  /** An answer is under way in the open conversation: a message streams, or the host runs its tool calls between rounds. */
  get activeStreaming(): boolean {
    return this.open !== null && (this.streaming.has(this.open.id) || this.continuing.has(this.open.id));
  }

  /** "Continue in Cline" needs a conversation with messages. */
  get canContinue(): boolean {
    return !!this.open && this.open.messages.length > 0;
  }

  subscribe(listener: ChatListener): void {
    this.listeners.push(listener);
  }

  // ---- host messages ----

  /** Apply one (validated) host message. */
  apply(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        return this.init(message);
      case 'conversations':
        this.conversationList = message.conversations;
        return this.emit({ type: 'conversations' });
      case 'conversation':
        return this.openConversation(message.conversation, false);
      case 'streamStart':
        return this.startStream(message);
      case 'streamDelta':
        return this.appendDelta(message);
      case 'streamEnd':
        return this.endStream(message);
      case 'toolCall':
        return this.updateToolCall(message);
      case 'note':
        return this.addNote(message);
      case 'workspace':
        this.workspaceState = message.workspace;
        return this.emit({ type: 'workspace' });
      case 'models':
        this.modelList = message.models;
        return this.emit({ type: 'models' });
      case 'modelRefused':
        this.nextModel = message.using;
        this.emit({ type: 'model' });
        return this.emit({ type: 'modelRefused', model: message.model, reason: message.reason, using: message.using });
      case 'apiKey':
        this.apiKey = message.hasApiKey;
        this.keyRequired = message.keyRequired;
        return this.emit({ type: 'apiKey' });
      case 'chips':
        this.chipList = message.chips;
        return this.emit({ type: 'chips' });
      case 'focusInput':
        return this.emit({ type: 'focusInput' });
      case 'reply':
        return; // the protocol client pairs replies with their requests
    }
  }

  private init(message: HostMessageOf<'init'>): void {
    this.conversationList = message.conversations;
    this.modelList = message.models;
    this.defaultModel = message.defaultModel;
    this.apiKey = message.hasApiKey;
    this.keyRequired = message.keyRequired;
    this.chipList = message.chips;
    this.workspaceState = message.workspace;
    this.streaming.clear();
    this.continuing.clear();
    this.initialized = true;
    for (const type of ['conversations', 'models', 'apiKey', 'chips', 'workspace'] as const) this.emit({ type });
    // The host answers New Chat with an init, which can arrive after the user already asked in the new chat (both
    // were on their way): the host still answers that question with a streamStart, so it stays.
    const askedInNewChat = message.active === null && this.open === null ? this.pendingQuestion : null;
    this.openConversation(message.active, true);
    if (askedInNewChat) {
      this.pendingQuestion = askedInNewChat;
      this.emit({ type: 'messageAdded', message: askedInNewChat });
    }
    this.emit({ type: 'initialized' });
    const queued = this.queuedText;
    this.queuedText = undefined;
    if (queued !== undefined && this.send(queued) === 'sent') this.emit({ type: 'queuedSent', text: queued });
  }

  /** Open a conversation (null: a new, empty chat). */
  private openConversation(conversation: Conversation | null, byInit: boolean): void {
    this.open = conversation;
    this.pendingQuestion = null;
    this.nextModel = conversation?.model || this.nextModel || this.defaultModel;
    if (conversation) {
      for (const message of conversation.messages) {
        if (message.status === 'streaming') this.streaming.set(conversation.id, message.id);
      }
      // Opened between rounds (a reload while a call waits or runs): the answer is still under way. The
      // host's copy is the truth, also when it refreshes a conversation the view thought was busy.
      const last = conversation.messages[conversation.messages.length - 1];
      if (last?.toolCalls?.some((call) => call.state === 'waiting' || call.state === 'running')) this.continuing.add(conversation.id);
      else this.continuing.delete(conversation.id);
    }
    this.emit({ type: 'opened', byInit });
    this.emit({ type: 'model' });
    this.emit({ type: 'streaming' });
  }

  /** An answer starts. A new chat's first answer adopts the conversation id the host created. */
  private startStream(message: HostMessageOf<'streamStart'>): void {
    this.streaming.set(message.conversationId, message.message.id);
    this.continuing.delete(message.conversationId);
    const pending = this.pendingQuestion;
    if (!this.open && pending) {
      const now = message.message.createdAt;
      this.open = { id: message.conversationId, title: '', model: this.nextModel, createdAt: now, updatedAt: now, messages: [] };
      this.emit({ type: 'activeId' });
    }
    if (this.open?.id === message.conversationId) {
      const messages = this.open.messages;
      if (pending) {
        // Replaced by the host's copy, with its real id.
        this.pendingQuestion = null;
        this.emit({ type: 'messageRemoved', id: pending.id });
      }
      const user = message.userMessage;
      if (user && !messages.some((m) => m.id === user.id)) {
        messages.push(user);
        this.emit({ type: 'messageAdded', message: user });
      }
      const existing = messages.findIndex((m) => m.id === message.message.id);
      if (existing >= 0) {
        messages[existing] = message.message;
        this.emit({ type: 'messageReplaced', id: message.message.id, message: message.message });
      } else {
        messages.push(message.message);
        this.emit({ type: 'messageAdded', message: message.message });
      }
    }
    this.emit({ type: 'streaming' });
  }

  /** The open conversation's message with this id (the streaming answer is usually the last). */
  private activeMessage(conversationId: string, messageId: string): ChatMessage | undefined {
    if (this.open?.id !== conversationId) return undefined;
    const messages = this.open.messages;
    const last = messages[messages.length - 1];
    return last?.id === messageId ? last : messages.find((m) => m.id === messageId);
  }

  private appendDelta(delta: HostMessageOf<'streamDelta'>): void {
    const message = this.activeMessage(delta.conversationId, delta.messageId);
    if (message?.role !== 'assistant') return;
    if (delta.reasoning) message.reasoning = (message.reasoning ?? '') + delta.reasoning;
    for (const fragment of delta.toolCalls ?? []) mergeToolCall(message, fragment);
    if (delta.content) message.content += delta.content;
    this.emit({ type: 'delta', message, delta });
  }

  private endStream(end: HostMessageOf<'streamEnd'>): void {
    if (this.streaming.get(end.conversationId) === end.messageId) this.streaming.delete(end.conversationId);
    if (end.continues) this.continuing.add(end.conversationId);
    else this.continuing.delete(end.conversationId);
    const message = this.activeMessage(end.conversationId, end.messageId);
    if (message) {
      message.status = end.status;
      if (end.usage) message.usage = end.usage;
      if (end.error) message.error = end.error;
      this.emit({ type: 'messageEnded', message });
    }
    this.emit({ type: 'streaming' });
  }

  /** A tool call changed state: it replaces the call with its index (or joins the message, in index order). */
  private updateToolCall(update: HostMessageOf<'toolCall'>): void {
    const message = this.activeMessage(update.conversationId, update.messageId);
    if (message?.role !== 'assistant') return;
    const calls = (message.toolCalls ??= []);
    const call = { ...update.call };
    const at = calls.findIndex((c) => c.index === call.index);
    if (at >= 0) calls[at] = call;
    else {
      calls.push(call);
      calls.sort((a, b) => a.index - b.index);
    }
    this.emit({ type: 'toolCall', message, call });
  }

  private addNote(note: HostMessageOf<'note'>): void {
    const message = this.activeMessage(note.conversationId, note.messageId);
    if (!message) return;
    (message.notes ??= []).push(note.text);
    this.emit({ type: 'note', message, text: note.text });
  }

  // ---- user actions ----

  /** Send a question (shown at once, posted to the host), or say why not. */
  send(text: string): SendOutcome {
    if (this.needsApiKey) return 'noApiKey';
    if (!this.initialized) {
      this.queuedText = text;
      return 'queued';
    }
    if (this.activeStreaming) return 'busy';
    const pending = this.pendingQuestion;
    if (pending) {
      // One question at a time. The host answers every send with a streamStart (even a failing one), so a
      // question still pending after a while was lost: drop it and let this one go.
      if (this.deps.now() - pending.createdAt < PENDING_QUESTION_TIMEOUT_MS) return 'busy';
      this.pendingQuestion = null;
      this.emit({ type: 'messageRemoved', id: pending.id });
    }
    const now = this.deps.now();
    const mentions = this.mentionList;
    // Shown until the host's copy arrives with the mentions' content read (and any note on what was cut).
    const context = [
      ...this.chipList,
      ...mentions.map((m, i): ContextChip => ({ id: `pending-mention-${i}`, label: m.label, language: '', code: '', mention: m.kind })),
    ];
    const question: ChatMessage = {
      id: `pending-${now}`,
      role: 'user',
      content: text,
      createdAt: now,
      context: context.length ? context : undefined,
    };
    this.pendingQuestion = question;
    this.emit({ type: 'messageAdded', message: question });
    this.deps.post({
      type: 'send',
      conversationId: this.activeId,
      text,
      model: this.nextModel || this.defaultModel,
      ...(mentions.length ? { mentions } : {}),
    });
    if (mentions.length) {
      this.mentionList = [];
      this.emit({ type: 'mentions' });
    }
    return 'sent';
  }

  /** Add an `@` mention to the next question (once: the same file twice would be read twice). */
  addMention(mention: Mention): boolean {
    if (this.mentionList.length >= MAX_MENTIONS || this.mentionList.some((m) => sameMention(m, mention))) return false;
    this.mentionList = [...this.mentionList, mentionOnly(mention)];
    this.emit({ type: 'mentions' });
    return true;
  }

  removeMention(mention: Mention): void {
    this.mentionList = this.mentionList.filter((m) => !sameMention(m, mention));
    this.emit({ type: 'mentions' });
  }

  /** The mentions of a draft kept across a reload (before the views are built: no change is emitted). */
  restoreMentions(mentions: readonly Mention[]): void {
    this.mentionList = [];
    for (const mention of mentions) {
      if (this.mentionList.length === MAX_MENTIONS) break;
      if (!this.mentionList.some((m) => sameMention(m, mention))) this.mentionList.push(mentionOnly(mention));
    }
  }

  /** The user's answer to a tool call waiting for approval (the host replies with the call's next state). */
  decideToolCall(messageId: string, callId: string, decision: ToolDecision): void {
    if (this.open) this.deps.post({ type: 'toolApproval', conversationId: this.open.id, messageId, callId, decision });
  }

  /** The text in the box changed: a question queued before init is sent only if the box still holds it. */
  draftChanged(text: string): void {
    if (this.queuedText !== undefined && text !== this.queuedText) this.queuedText = undefined;
  }

  stop(): void {
    if (this.open) this.deps.post({ type: 'stop', conversationId: this.open.id });
  }

  /** Ask the last question again: the last answer (every round of it, with tools) makes room for the new one. */
  retry(): void {
    const conversation = this.open;
    if (!conversation || this.activeStreaming) return;
    for (let last = conversation.messages.at(-1); last?.role === 'assistant'; last = conversation.messages.at(-1)) {
      conversation.messages.pop();
      this.emit({ type: 'messageRemoved', id: last.id });
    }
    this.deps.post({ type: 'retry', conversationId: conversation.id });
  }

  newChat(): void {
    this.openConversation(null, false);
    this.deps.post({ type: 'newChat' });
  }

  /** Ask the host to open a conversation (it answers with `conversation`). */
  requestConversation(id: string): void {
    if (id !== this.activeId) this.deps.post({ type: 'openConversation', id });
  }

  rename(id: string, title: string): void {
    this.conversationList = this.conversationList.map((c) => (c.id === id ? { ...c, title } : c));
    if (this.open?.id === id) this.open.title = title;
    this.emit({ type: 'conversations' });
    this.deps.post({ type: 'renameConversation', id, title });
  }

  remove(id: string): void {
    this.conversationList = this.conversationList.filter((c) => c.id !== id);
    this.emit({ type: 'conversations' });
    this.deps.post({ type: 'deleteConversation', id });
    if (id === this.activeId) this.openConversation(null, false);
  }

  chooseModel(model: string): void {
    this.nextModel = model;
    this.emit({ type: 'model' });
    this.deps.post({ type: 'setModel', conversationId: this.activeId, model });
  }

  removeChip(id: string): void {
    this.chipList = this.chipList.filter((chip) => chip.id !== id);
    this.emit({ type: 'chips' });
    this.deps.post({ type: 'removeChip', id });
  }

  continueInCline(): void {
    if (this.open) this.deps.post({ type: 'continueInCline', conversationId: this.open.id });
  }

  private emit(change: ChatChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

/** Just the mention (a suggestion also has a `detail`, which the host does not take). */
function mentionOnly({ kind, path, label }: Mention): Mention {
  return path === undefined ? { kind, label } : { kind, path, label };
}

function sameMention(a: Mention, b: Mention): boolean {
  return a.kind === b.kind && (a.path ?? '') === (b.path ?? '');
}

/** Tool call fragments: arguments are appended to the call with the same index; name and id replace when given. */
function mergeToolCall(message: ChatMessage, fragment: ToolCallView): void {
  const calls = (message.toolCalls ??= []);
  const call = calls.find((c) => c.index === fragment.index);
  if (!call) {
    calls.push({ ...fragment });
    return;
  }
  call.arguments += fragment.arguments;
  if (fragment.name) call.name = fragment.name;
  if (fragment.id) call.id = fragment.id;
}
