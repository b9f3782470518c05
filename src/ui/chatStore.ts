/**
 * The webview's copy of the chat state, updated from host messages. The host owns the truth (history,
 * settings, streams); this store only keeps what the view needs, and applies stream deltas to the open
 * conversation so a re-render shows the same text.
 */
import type {
  ChatMessage, ContextChip, Conversation, ConversationSummary, HostMessageOf, ModelInfo,
} from '../protocol/chatProtocol';

export class ChatStore {
  conversations: ConversationSummary[] = [];
  active: Conversation | null = null;
  models: ModelInfo[] = [];
  defaultModel = '';
  /** The model the next question goes to. */
  model = '';
  hasApiKey = true;
  chips: ContextChip[] = [];
  /** conversationId → id of the answer streaming in it. */
  readonly streaming = new Map<string, string>();
  /** A question just sent, shown until the host's streamStart brings its own copy (and a new chat's id). */
  pendingQuestion: ChatMessage | null = null;

  init(message: HostMessageOf<'init'>): void {
    this.conversations = message.conversations;
    this.models = message.models;
    this.defaultModel = message.defaultModel;
    this.hasApiKey = message.hasApiKey;
    this.chips = message.chips;
    this.streaming.clear();
    this.open(message.active);
  }

  /** Open a conversation (null: a new, empty chat). */
  open(conversation: Conversation | null): void {
    this.active = conversation;
    this.pendingQuestion = null;
    this.model = conversation?.model || this.model || this.defaultModel;
    if (conversation) {
      for (const message of conversation.messages) {
        if (message.status === 'streaming') this.streaming.set(conversation.id, message.id);
      }
    }
  }

  get activeId(): string | null {
    return this.active?.id ?? null;
  }

  get activeStreaming(): boolean {
    return this.active !== null && this.streaming.has(this.active.id);
  }

  /**
   * An answer starts. Returns true when it belongs to the open conversation (the view should show it).
   * A new chat's first answer adopts the conversation id the host created.
   */
  startStream(message: HostMessageOf<'streamStart'>): boolean {
    this.streaming.set(message.conversationId, message.message.id);
    if (!this.active && this.pendingQuestion) {
      const now = message.message.createdAt;
      this.active = { id: message.conversationId, title: '', model: this.model, createdAt: now, updatedAt: now, messages: [] };
    }
    if (this.active?.id !== message.conversationId) return false;
    this.pendingQuestion = null;
    const messages = this.active.messages;
    if (message.userMessage && !messages.some((m) => m.id === message.userMessage?.id)) messages.push(message.userMessage);
    const existing = messages.findIndex((m) => m.id === message.message.id);
    if (existing >= 0) messages[existing] = message.message;
    else messages.push(message.message);
    return true;
  }

  /** The open conversation's message with this id, if the conversation matches. */
  activeMessage(conversationId: string, messageId: string): ChatMessage | undefined {
    if (this.active?.id !== conversationId) return undefined;
    return this.active.messages.find((m) => m.id === messageId);
  }

  endStream(conversationId: string, messageId: string): void {
    if (this.streaming.get(conversationId) === messageId) this.streaming.delete(conversationId);
  }

  /** Retry replaces the last answer: drop it so the new one takes its place. Returns the dropped id. */
  dropLastAnswer(): string | undefined {
    const messages = this.active?.messages;
    const last = messages?.at(-1);
    if (!messages || last?.role !== 'assistant') return undefined;
    messages.pop();
    return last.id;
  }

  rename(id: string, title: string): void {
    for (const c of this.conversations) if (c.id === id) c.title = title;
    if (this.active?.id === id) this.active.title = title;
  }

  remove(id: string): void {
    this.conversations = this.conversations.filter((c) => c.id !== id);
  }
}
