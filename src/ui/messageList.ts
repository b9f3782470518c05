/**
 * The conversation log: message views in order, the empty state, and scrolling. While an answer streams
 * the view follows its end, unless the user has scrolled up: then it stays put and offers a
 * "Jump to latest" button.
 */
import type { ChatMessage, ErrorView, MessageStatus, Usage } from '../protocol/chatProtocol';
import { h, icon } from './dom';
import { renderEmptyState } from './emptyState';
import { MessageView, type MessageDelta, type MessageViewHooks } from './messageView';

/** How close to the bottom (px) still counts as "at the end". */
const PIN_SLACK = 32;

export interface MessageListHooks extends Omit<MessageViewHooks, 'onRender'> {
  onAsk(question: string): void;
  onScroll(scrollTop: number): void;
}

export class MessageList {
  readonly element: HTMLElement;
  private readonly log: HTMLElement;
  private readonly jumpButton: HTMLButtonElement;
  private views: MessageView[] = [];
  private readonly byId = new Map<string, MessageView>();
  /** Follow the end of the conversation (true until the user scrolls up). */
  private pinned = true;
  private followScheduled = false;

  constructor(private readonly hooks: MessageListHooks) {
    this.log = h('div', {
      class: 'message-log',
      attrs: { role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite', tabindex: 0 },
    });
    this.jumpButton = h('button', {
      class: 'jump-to-latest button',
      attrs: { type: 'button', hidden: true, 'aria-label': 'Jump to latest' },
      on: { click: () => this.jumpToLatest() },
    }, icon('arrow-down'), h('span', { text: 'Jump to latest' }));
    this.element = h('div', { class: 'message-list' }, this.log, this.jumpButton);
    this.log.addEventListener('scroll', this.onScroll, { passive: true });
  }

  /** Show these messages (a conversation was opened, or null/empty for a new chat). */
  setMessages(messages: readonly ChatMessage[]): void {
    for (const view of this.views) view.dispose();
    this.views = [];
    this.byId.clear();
    this.log.replaceChildren();
    this.pinned = true;
    if (messages.length === 0) {
      this.log.append(renderEmptyState(this.hooks.onAsk));
    } else {
      for (const message of messages) this.addView(message);
    }
    this.updateLast();
    this.scrollToEnd();
  }

  /** Add a message at the end (a sent question, a starting answer). */
  add(message: ChatMessage): void {
    this.log.querySelector('.empty-state')?.remove();
    this.addView(message);
    this.updateLast();
    this.follow();
  }

  /** Replace (or remove, when `message` is null) the view of the message with this id. */
  replace(id: string, message: ChatMessage | null): void {
    const view = this.byId.get(id);
    if (!view) return;
    view.dispose();
    this.byId.delete(id);
    const index = this.views.indexOf(view);
    if (message) {
      const next = this.createView(message);
      view.element.replaceWith(next.element);
      this.views[index] = next;
    } else {
      view.element.remove();
      this.views.splice(index, 1);
    }
    this.updateLast();
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  appendDelta(id: string, delta: MessageDelta): void {
    this.byId.get(id)?.appendDelta(delta);
  }

  end(id: string, status: MessageStatus, usage: Usage | undefined, error: ErrorView | undefined): void {
    this.byId.get(id)?.end(status, usage, error);
  }

  setBusy(busy: boolean): void {
    if (busy) this.log.setAttribute('aria-busy', 'true');
    else this.log.removeAttribute('aria-busy');
  }

  get scrollTop(): number {
    return this.log.scrollTop;
  }

  /** Restore a saved scroll position (after the view was hidden or reloaded). */
  restoreScroll(scrollTop: number): void {
    this.log.scrollTop = scrollTop;
    this.pinned = this.atEnd();
    this.jumpButton.hidden = this.pinned;
  }

  focus(): void {
    this.log.focus();
  }

  private addView(message: ChatMessage): void {
    const view = this.createView(message);
    this.views.push(view);
    this.log.append(view.element);
  }

  private createView(message: ChatMessage): MessageView {
    const view = new MessageView(message, { ...this.hooks, onRender: () => this.follow() });
    this.byId.set(message.id, view);
    return view;
  }

  private updateLast(): void {
    this.views.forEach((view, i) => view.setLast(i === this.views.length - 1));
  }

  private atEnd(): boolean {
    return this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - PIN_SLACK;
  }

  /** After content grew: stay at the end if pinned, else show the jump button. Once per frame. */
  private follow(): void {
    if (this.followScheduled) return;
    this.followScheduled = true;
    requestAnimationFrame(() => {
      this.followScheduled = false;
      if (this.pinned) this.scrollToEnd();
      else this.jumpButton.hidden = this.atEnd();
    });
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
    this.jumpButton.hidden = true;
  }

  private jumpToLatest(): void {
    this.pinned = true;
    this.scrollToEnd();
    this.log.focus();
  }

  private readonly onScroll = (): void => {
    // Scroll events come from the user and from our own scrollToEnd; either way "at the end" means pinned.
    this.pinned = this.atEnd();
    this.jumpButton.hidden = this.pinned;
    this.hooks.onScroll(this.log.scrollTop);
  };
}
