/**
 * The chat app: wires the store, the protocol client and the views. Host messages update the store and
 * then the views; user actions post protocol messages. Nothing here parses model output: that happens
 * only in markdown/ (sanitised).
 */
import type { ChatMessage, HostMessage } from '../protocol/chatProtocol';
import { ChatStore } from './chatStore';
import { Composer } from './composer';
import { h } from './dom';
import type { ErrorViewActions } from './errorView';
import { Header } from './header';
import { HistoryList } from './historyList';
import type { CodeAction } from './markdown/incrementalRenderer';
import { MessageList } from './messageList';
import type { PersistedState } from './persistedState';
import type { ProtocolClient } from './protocolClient';
import { totalUsage, usageText } from './usageFooter';

/** How long a sent question waits for the host's streamStart before another send is allowed. */
const PENDING_QUESTION_TIMEOUT_MS = 10_000;

export class ChatApp {
  private readonly store = new ChatStore();
  private readonly header: Header;
  private readonly history: HistoryList;
  private readonly messages: MessageList;
  private readonly composer: Composer;
  private initialized = false;
  /** A question sent before the host's `init` arrived (a slow host start): sent once it does. */
  private textAfterInit: string | undefined;
  private scrollSaveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement, private readonly client: ProtocolClient, private readonly persisted: PersistedState) {
    const errorActions: ErrorViewActions = {
      setApiKey: () => client.post({ type: 'setApiKey' }),
      openLink: (href) => client.post({ type: 'openLink', href }),
      copy: (text) => client.post({ type: 'copy', text }),
      retry: () => this.retry(),
    };
    this.header = new Header({
      onChooseModel: (model) => {
        this.store.model = model;
        client.post({ type: 'setModel', conversationId: this.store.activeId, model });
      },
      onNewChat: () => this.newChat(),
      onToggleHistory: () => this.setHistoryOpen(!this.history.isOpen),
      onContinueInCline: () => {
        if (this.store.activeId) client.post({ type: 'continueInCline', conversationId: this.store.activeId });
      },
    });
    this.history = new HistoryList({
      onOpen: (id) => {
        this.setHistoryOpen(false);
        if (id !== this.store.activeId) client.post({ type: 'openConversation', id });
      },
      onRename: (id, title) => {
        this.store.rename(id, title);
        client.post({ type: 'renameConversation', id, title });
      },
      onDelete: (id) => {
        this.store.remove(id);
        this.history.setConversations(this.store.conversations);
        client.post({ type: 'deleteConversation', id });
        if (id === this.store.activeId) {
          this.store.open(null);
          this.showConversation();
        }
      },
      search: (query) => client.request('search', { query }),
      onClose: () => {
        this.setHistoryOpen(false);
        this.header.focusHistoryToggle();
      },
    });
    this.messages = new MessageList({
      onCodeAction: (action, code, language) => this.codeAction(action, code, language),
      onLink: (href) => client.post({ type: 'openLink', href }),
      errorActions,
      onAsk: (question) => this.send(question, true),
      onScroll: (scrollTop) => {
        clearTimeout(this.scrollSaveTimer);
        this.scrollSaveTimer = setTimeout(() => persisted.update({ scrollTop }), 100);
      },
    });
    this.composer = new Composer({
      onSend: (text) => this.send(text, false),
      onStop: () => {
        if (this.store.activeId) client.post({ type: 'stop', conversationId: this.store.activeId });
      },
      onDraftChange: (draft) => persisted.update({ draft }),
      onRemoveChip: (id) => {
        this.store.chips = this.store.chips.filter((chip) => chip.id !== id);
        this.composer.setChips(this.store.chips);
        client.post({ type: 'removeChip', id });
      },
      onSetApiKey: () => client.post({ type: 'setApiKey' }),
    }, persisted.get().draft);

    root.replaceChildren(h('div', { class: 'chat' },
      this.header.element,
      this.history.element,
      this.messages.element,
      this.composer.element));
    this.messages.setMessages([]);
  }

  /** Handle one (validated) host message. */
  handle(message: HostMessage): void {
    switch (message.type) {
      case 'init': {
        const saved = this.persisted.get();
        this.store.init(message);
        this.initialized = true;
        this.header.modelPicker.setModels(message.models);
        this.history.setConversations(message.conversations);
        this.composer.setHasApiKey(message.hasApiKey);
        this.composer.setChips(message.chips);
        this.showConversation();
        if (saved.conversationId && saved.conversationId === this.store.activeId) {
          this.messages.restoreScroll(saved.scrollTop);
          this.persisted.update({ scrollTop: saved.scrollTop });
        } else if (saved.conversationId && message.active === null
          && message.conversations.some((c) => c.id === saved.conversationId)) {
          // The host holds the truth: only when it has no conversation open does the view ask for the one
          // it showed (its own saved state is flushed lazily and may be older than the host's).
          this.client.post({ type: 'openConversation', id: saved.conversationId });
        }
        this.sendQueued();
        return;
      }
      case 'conversations':
        this.store.conversations = message.conversations;
        this.history.setConversations(message.conversations);
        return;
      case 'conversation':
        this.store.open(message.conversation);
        this.showConversation();
        return;
      case 'streamStart': {
        const hadPending = this.store.pendingQuestion;
        const shown = this.store.startStream(message);
        if (shown) {
          if (hadPending) this.messages.replace(hadPending.id, null);
          if (message.userMessage && !this.messages.has(message.userMessage.id)) this.messages.add(message.userMessage);
          if (this.messages.has(message.message.id)) this.messages.replace(message.message.id, message.message);
          else this.messages.add(message.message);
          this.persisted.update({ conversationId: message.conversationId });
          this.history.setActive(message.conversationId);
        }
        this.refreshStreaming();
        return;
      }
      case 'streamDelta': {
        if (!this.store.activeMessage(message.conversationId, message.messageId)) return;
        // The view appends to its message object (the store's), so the text is kept once.
        this.messages.appendDelta(message.messageId, message);
        return;
      }
      case 'streamEnd': {
        this.store.endStream(message.conversationId, message.messageId);
        if (this.store.activeMessage(message.conversationId, message.messageId)) {
          this.messages.end(message.messageId, message.status, message.usage, message.error);
          this.refreshTotal();
        }
        this.refreshStreaming();
        return;
      }
      case 'models':
        this.store.models = message.models;
        this.header.modelPicker.setModels(message.models);
        return;
      case 'apiKey':
        this.store.hasApiKey = message.hasApiKey;
        this.composer.setHasApiKey(message.hasApiKey);
        return;
      case 'chips':
        this.store.chips = message.chips;
        this.composer.setChips(message.chips);
        return;
      case 'focusInput':
        this.setHistoryOpen(false);
        this.composer.focus();
        return;
      case 'reply':
        return; // handled by the protocol client
    }
  }

  /** Send the question queued before `init`, if the box still holds it (the user may have changed it since). */
  private sendQueued(): void {
    const text = this.textAfterInit;
    this.textAfterInit = undefined;
    if (text !== undefined && this.composer.value === text && this.send(text, false)) this.composer.setValue('');
  }

  /** Send a question. `fromExample`: clicked in the empty state (put it in the box if it can't go). */
  private send(text: string, fromExample: boolean): boolean {
    if (!this.store.hasApiKey) {
      if (fromExample) this.composer.setValue(text);
      this.composer.promptForApiKey();
      return false;
    }
    if (!this.initialized) {
      // The text stays in the box (or goes there, from an example) and is sent when the host is ready.
      if (fromExample) this.composer.setValue(text);
      this.textAfterInit = text;
      return false;
    }
    if (this.store.activeStreaming) return false;
    const pending = this.store.pendingQuestion;
    if (pending) {
      // One question at a time. The host answers every send with a streamStart (even a failing one), so a
      // question still pending after a while was lost: drop its bubble and let the user send again.
      if (Date.now() - pending.createdAt < PENDING_QUESTION_TIMEOUT_MS) return false;
      this.messages.replace(pending.id, null);
      this.store.pendingQuestion = null;
    }
    const conversationId = this.store.activeId;
    // Shown at once; replaced by the host's copy (with its real id) when the answer starts.
    const question: ChatMessage = {
      id: `pending-${Date.now()}`, role: 'user', content: text, createdAt: Date.now(),
      context: this.store.chips.length ? this.store.chips : undefined,
    };
    this.store.pendingQuestion = question;
    this.messages.add(question);
    this.client.post({ type: 'send', conversationId, text, model: this.store.model || this.store.defaultModel });
    if (fromExample) this.composer.focus();
    return true;
  }

  private retry(): void {
    const conversationId = this.store.activeId;
    if (!conversationId || this.store.activeStreaming) return;
    const dropped = this.store.dropLastAnswer();
    if (dropped) this.messages.replace(dropped, null);
    this.client.post({ type: 'retry', conversationId });
  }

  private newChat(): void {
    this.setHistoryOpen(false);
    this.store.open(null);
    this.showConversation();
    this.client.post({ type: 'newChat' });
    this.composer.focus();
  }

  private codeAction(action: CodeAction, code: string, language: string): void {
    if (action === 'copy') this.client.post({ type: 'copy', text: code });
    else if (action === 'insert') this.client.post({ type: 'insertAtCursor', code });
    else this.client.post({ type: 'openInEditor', code, language });
  }

  /** Show the store's open conversation (after store.open), and remember it as the view's conversation. */
  private showConversation(): void {
    const active = this.store.active;
    this.messages.setMessages(active?.messages ?? []);
    this.header.modelPicker.setCurrent(this.store.model);
    this.header.setCanContinue(!!active && active.messages.length > 0);
    this.history.setActive(active?.id ?? null);
    this.persisted.update({ conversationId: active?.id ?? null, scrollTop: 0 });
    this.refreshTotal();
    this.refreshStreaming();
  }

  private setHistoryOpen(open: boolean): void {
    this.history.setOpen(open);
    this.header.setHistoryOpen(open);
    this.messages.element.hidden = open;
  }

  private refreshStreaming(): void {
    const streaming = this.store.activeStreaming;
    this.composer.setStreaming(streaming);
    this.messages.setBusy(streaming);
    const active = this.store.active;
    this.header.setCanContinue(!!active && active.messages.length > 0);
  }

  private refreshTotal(): void {
    const total = totalUsage(this.store.active?.messages ?? []);
    this.composer.setTotal(total ? usageText(total) : undefined);
  }
}
