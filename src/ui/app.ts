/**
 * The chat app: builds the store (the one owner of the view's state, chatStore.ts) and the views, which
 * render from the store and follow its changes. Host messages go to the store; user actions go to the
 * store when they change the state, else straight to the host. What stays here is what is neither the
 * store's nor one view's: the history panel being open, and the view state kept across reloads.
 * Nothing here parses model output: that happens only in markdown/ (sanitised).
 */
import type { HostMessage } from '../protocol/chatProtocol';
import { ChatStore, type ChatChange } from './chatStore';
import { Composer } from './composer';
import { h } from './dom';
import type { ErrorViewActions } from './errorView';
import { Header } from './header';
import { HistoryList } from './historyList';
import type { CodeAction } from './markdown/incrementalRenderer';
import { MessageList } from './messageList';
import type { PersistedState } from './persistedState';
import type { ProtocolClient } from './protocolClient';

export class ChatApp {
  private readonly store: ChatStore;
  private readonly header: Header;
  private readonly history: HistoryList;
  private readonly messages: MessageList;
  private readonly composer: Composer;
  private scrollSaveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    root: HTMLElement,
    private readonly client: ProtocolClient,
    private readonly persisted: PersistedState,
  ) {
    const store = new ChatStore({ post: (message) => client.post(message), now: () => Date.now() });
    // The draft's mentions, like its text, survive a reload (before the views read them).
    store.restoreMentions(persisted.get().mentions);
    this.store = store;
    const errorActions: ErrorViewActions = {
      setApiKey: () => client.post({ type: 'setApiKey' }),
      openLink: (href) => client.post({ type: 'openLink', href }),
      copy: (text) => client.post({ type: 'copy', text }),
      retry: () => store.retry(),
    };
    this.header = new Header(store, {
      onChooseModel: (model) => store.chooseModel(model),
      onNewChat: () => this.newChat(),
      onToggleHistory: () => this.setHistoryOpen(!this.history.isOpen),
      onContinueInCline: () => store.continueInCline(),
    });
    this.history = new HistoryList(store, {
      onOpen: (id) => {
        this.setHistoryOpen(false);
        store.requestConversation(id);
      },
      onRename: (id, title) => store.rename(id, title),
      onDelete: (id) => store.remove(id),
      search: (query) => client.request('search', { query }),
      onClose: () => {
        this.setHistoryOpen(false);
        this.header.focusHistoryToggle();
      },
    });
    this.messages = new MessageList(store, {
      onCodeAction: (action, code, language) => this.codeAction(action, code, language),
      onLink: (href) => client.post({ type: 'openLink', href }),
      errorActions,
      onToolDecision: (messageId, callId, decision) => store.decideToolCall(messageId, callId, decision),
      onAsk: (question) => this.send(question, true),
      onSetApiKey: () => client.post({ type: 'setApiKey' }),
      onOpenWalkthrough: () => client.post({ type: 'openWalkthrough' }),
      onScroll: (scrollTop) => {
        clearTimeout(this.scrollSaveTimer);
        this.scrollSaveTimer = setTimeout(() => persisted.update({ scrollTop }), 100);
      },
    });
    this.composer = new Composer(
      store,
      {
        onSend: (text) => this.send(text, false),
        onStop: () => store.stop(),
        onDraftChange: (draft) => {
          persisted.update({ draft });
          store.draftChanged(draft);
        },
        onRemoveChip: (id) => store.removeChip(id),
        onAddMention: (mention) => store.addMention(mention),
        onRemoveMention: (mention) => store.removeMention(mention),
        suggestMentions: (query) => client.request('mentions', { query }),
        onSetApiKey: () => client.post({ type: 'setApiKey' }),
      },
      persisted.get().draft,
    );

    // The page's landmarks: the header (banner), main (the history panel or the conversation, one shown at a
    // time) and the composer (a named form).
    root.replaceChildren(
      h(
        'div',
        { class: 'chat' },
        this.header.element,
        h('main', { class: 'chat-main' }, this.history.element, this.messages.element),
        this.composer.element,
      ),
    );
    // After the views: they have drawn a change by the time this runs.
    store.subscribe((change) => this.onChange(change));
  }

  /** Handle one (validated) host message. */
  handle(message: HostMessage): void {
    this.store.apply(message);
  }

  private onChange(change: ChatChange): void {
    switch (change.type) {
      case 'opened':
        // On init, 'initialized' decides (the saved position may be for this very conversation).
        if (!change.byInit) this.persisted.update({ conversationId: this.store.activeId, scrollTop: 0 });
        return;
      case 'activeId':
        this.persisted.update({ conversationId: this.store.activeId });
        return;
      case 'mentions':
        this.persisted.update({ mentions: [...this.store.mentions] });
        return;
      case 'initialized':
        return this.afterInit();
      case 'focusInput':
        this.setHistoryOpen(false);
        this.composer.focus();
        return;
    }
  }

  /** Back where the view was before a reload: the same conversation at the same scroll position. */
  private afterInit(): void {
    const saved = this.persisted.get();
    const activeId = this.store.activeId;
    if (saved.conversationId && saved.conversationId === activeId) {
      this.messages.restoreScroll(saved.scrollTop);
      return;
    }
    this.persisted.update({ conversationId: activeId, scrollTop: 0 });
    if (saved.conversationId && activeId === null && this.store.conversations.some((c) => c.id === saved.conversationId)) {
      // The host holds the truth: only when it has no conversation open does the view ask for the one
      // it showed (its own saved state is flushed lazily and may be older than the host's).
      this.store.requestConversation(saved.conversationId);
    }
  }

  /** Send a question. `fromExample`: clicked in the empty state (put it in the box if it can't go). */
  private send(text: string, fromExample: boolean): boolean {
    const outcome = this.store.send(text);
    if (outcome === 'noApiKey') {
      if (fromExample) this.composer.setValue(text);
      this.composer.promptForApiKey();
    } else if (outcome === 'queued') {
      // The text stays in the box (or goes there, from an example) and is sent when the host is ready.
      if (fromExample) this.composer.setValue(text);
    } else if (outcome === 'sent' && fromExample) {
      this.composer.focus();
    }
    return outcome === 'sent';
  }

  private newChat(): void {
    this.setHistoryOpen(false);
    this.store.newChat();
    this.composer.focus();
  }

  private codeAction(action: CodeAction, code: string, language: string): void {
    if (action === 'copy') this.client.post({ type: 'copy', text: code });
    else if (action === 'insert') this.client.post({ type: 'insertAtCursor', code });
    else this.client.post({ type: 'openInEditor', code, language });
  }

  private setHistoryOpen(open: boolean): void {
    this.history.setOpen(open);
    this.header.setHistoryOpen(open);
    this.messages.element.hidden = open;
  }
}
