/**
 * The conversation history panel: search, then a list where each conversation can be opened, renamed
 * (inline) or deleted (after an inline confirmation). Typing filters titles at once; the host's search
 * (which also looks inside messages) refines the list when its reply arrives.
 * Keyboard: Up/Down move between conversations, Escape cancels a rename/confirm or closes the panel.
 */
import * as l10n from '@vscode/l10n';
import type { ConversationSummary } from '../protocol/chatProtocol';
import type { ChatStore } from './chatStore';
import { h, iconButton } from './dom';
import { formatDate } from './locale';

export interface HistoryHooks {
  onOpen(id: string): void;
  onRename(id: string, title: string): void;
  onDelete(id: string): void;
  /** Ask the host to search; resolves with its matches, rejects with a message for the user. */
  search(query: string): Promise<ConversationSummary[]>;
  onClose(): void;
}

/** Wait this long after the last keystroke before asking the host. */
const SEARCH_DEBOUNCE_MS = 200;

function titleMatches(title: string, query: string): boolean {
  return title.toLowerCase().includes(query.trim().toLowerCase());
}

export class HistoryList {
  readonly element: HTMLElement;
  private readonly searchInput: HTMLInputElement;
  private readonly list: HTMLUListElement;
  /** Why the host's search gave nothing (it failed or did not answer): the list shows title matches only. */
  private readonly searchProblem: HTMLElement;
  private conversations: ConversationSummary[] = [];
  private hostMatches: ConversationSummary[] | undefined;
  private activeId: string | null = null;
  private renamingId: string | null = null;
  private confirmingId: string | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private searchSeq = 0;

  constructor(
    store: ChatStore,
    private readonly hooks: HistoryHooks,
  ) {
    this.searchInput = h('input', {
      class: 'history-search',
      attrs: { type: 'search', 'aria-label': l10n.t('Search conversations'), placeholder: l10n.t('Search conversations') },
      on: { input: () => this.onSearchInput() },
    });
    this.list = h('ul', { class: 'history-list', attrs: { 'aria-label': l10n.t('Conversations') } });
    this.searchProblem = h('p', { class: 'history-search-problem', attrs: { role: 'status', hidden: true } });
    this.element = h(
      'section',
      { class: 'history-panel', attrs: { 'aria-label': l10n.t('History'), hidden: true, id: 'history-panel' } },
      h(
        'div',
        { class: 'history-header' },
        h('h2', { text: l10n.t('History') }),
        iconButton('close', l10n.t('Close History'), () => hooks.onClose()),
      ),
      this.searchInput,
      this.searchProblem,
      this.list,
    );
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    store.subscribe((change) => {
      if (change.type === 'conversations') this.setConversations(store.conversations);
      else if (change.type === 'opened' || change.type === 'activeId') this.setActive(store.activeId);
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  setOpen(open: boolean): void {
    this.element.hidden = !open;
    if (open) {
      this.render();
      this.searchInput.focus();
    } else {
      this.renamingId = null;
      this.confirmingId = null;
    }
  }

  private setConversations(conversations: readonly ConversationSummary[]): void {
    this.conversations = [...conversations];
    if (this.hostMatches) {
      // Drop deleted ones, pick up renames.
      const byId = new Map(this.conversations.map((c) => [c.id, c]));
      this.hostMatches = this.hostMatches.flatMap((c) => byId.get(c.id) ?? []);
    }
    this.render();
  }

  private setActive(id: string | null): void {
    this.activeId = id;
    this.render();
  }

  /** What the list shows: title matches at once, plus the host's matches for the same query once they arrive. */
  private shown(): ConversationSummary[] {
    const query = this.searchInput.value.trim();
    if (!query) return this.conversations;
    const byTitle = this.conversations.filter((c) => titleMatches(c.title, query));
    if (!this.hostMatches) return byTitle;
    const ids = new Set(this.hostMatches.map((c) => c.id));
    return [...this.hostMatches, ...byTitle.filter((c) => !ids.has(c.id))];
  }

  private onSearchInput(): void {
    this.hostMatches = undefined;
    this.setSearchProblem(undefined);
    this.render();
    clearTimeout(this.searchTimer);
    const query = this.searchInput.value.trim();
    if (!query) return;
    this.searchTimer = setTimeout(() => {
      const seq = ++this.searchSeq;
      const current = () => seq === this.searchSeq && this.searchInput.value.trim() === query; // else a newer query won
      this.hooks.search(query).then(
        (matches) => {
          if (!current()) return;
          this.hostMatches = matches;
          this.render();
        },
        (error: unknown) => {
          if (current()) {
            this.setSearchProblem(l10n.t('{0} Showing title matches only.', error instanceof Error ? error.message : String(error)));
          }
        },
      );
    }, SEARCH_DEBOUNCE_MS);
  }

  private setSearchProblem(text: string | undefined): void {
    this.searchProblem.hidden = text === undefined;
    this.searchProblem.textContent = text ?? '';
  }

  private render(): void {
    if (this.element.hidden) return;
    const shown = this.shown();
    const focusedKey = (document.activeElement as HTMLElement | null)?.getAttribute?.('data-focus-key');
    if (shown.length === 0) {
      this.list.replaceChildren(
        h('li', {
          class: 'history-empty',
          text: this.searchInput.value.trim() ? l10n.t('No matching conversations.') : l10n.t('No conversations yet.'),
        }),
      );
      return;
    }
    this.list.replaceChildren(...shown.map((c) => this.renderItem(c)));
    if (focusedKey) (this.list.querySelector(`[data-focus-key="${CSS.escape(focusedKey)}"]`) as HTMLElement | null)?.focus();
  }

  private renderItem(conversation: ConversationSummary): HTMLLIElement {
    const { id, title } = conversation;
    const name = title || l10n.t('Untitled');
    const item = h('li', { class: `history-item${id === this.activeId ? ' active' : ''}`, attrs: { 'data-id': id } });
    if (this.renamingId === id) {
      const input = h('input', {
        class: 'history-rename',
        attrs: { type: 'text', 'aria-label': l10n.t('Conversation title'), value: title },
      });
      let done = false;
      const finish = (save: boolean) => {
        if (done) return;
        done = true;
        this.renamingId = null;
        const next = input.value.trim();
        // The store renames it, and the list shows the new title from there.
        if (save && next && next !== title) this.hooks.onRename(id, next);
        this.render();
        this.focusItem(id);
      };
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.isComposing) {
          event.preventDefault();
          finish(true);
        }
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          finish(false);
        }
      });
      input.addEventListener('blur', () => finish(true));
      item.append(input);
      requestAnimationFrame(() => {
        input.focus();
        input.select();
      });
      return item;
    }
    if (this.confirmingId === id) {
      const cancel = () => {
        this.confirmingId = null;
        this.render();
        this.focusItem(id);
      };
      item.classList.add('confirming');
      item.append(
        h('span', { class: 'history-confirm-text', text: l10n.t('Delete “{0}”?', name) }),
        h('button', {
          class: 'button danger',
          text: l10n.t('Delete'),
          attrs: { type: 'button', 'aria-label': l10n.t('Confirm Delete'), 'data-focus-key': `confirm:${id}` },
          on: {
            click: () => {
              this.confirmingId = null;
              this.hooks.onDelete(id);
            },
          },
        }),
        h('button', {
          class: 'button',
          text: l10n.t('Cancel'),
          attrs: { type: 'button', 'data-focus-key': `cancel:${id}` },
          on: {
            click: cancel,
            keydown: (event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                cancel();
              }
            },
          },
        }),
      );
      return item;
    }
    item.append(
      h(
        'button',
        {
          class: 'history-open',
          attrs: { type: 'button', 'aria-current': id === this.activeId ? 'true' : undefined, 'data-focus-key': `open:${id}` },
          on: { click: () => this.hooks.onOpen(id) },
        },
        h('span', { class: 'history-title', text: name }),
        h('span', { class: 'history-date', text: formatDate(conversation.updatedAt) }),
      ),
      iconButton('edit', l10n.t('Rename {0}', name), () => {
        this.renamingId = id;
        this.confirmingId = null;
        this.render();
      }),
      iconButton('trash', l10n.t('Delete {0}', name), () => {
        this.confirmingId = id;
        this.renamingId = null;
        this.render();
        (this.list.querySelector(`[data-focus-key="${CSS.escape(`cancel:${id}`)}"]`) as HTMLElement | null)?.focus();
      }),
    );
    return item;
  }

  private focusItem(id: string): void {
    (this.list.querySelector(`[data-focus-key="${CSS.escape(`open:${id}`)}"]`) as HTMLElement | null)?.focus();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.hooks.onClose();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(this.list.querySelectorAll<HTMLElement>('.history-open'));
    if (buttons.length === 0) return;
    const current = buttons.indexOf(document.activeElement as HTMLElement);
    if (current < 0 && document.activeElement !== this.searchInput) return;
    event.preventDefault();
    const next =
      event.key === 'ArrowDown' ? (current < 0 ? 0 : Math.min(current + 1, buttons.length - 1)) : current <= 0 ? -1 : current - 1;
    if (next < 0) this.searchInput.focus();
    else buttons[next].focus();
  }
}
