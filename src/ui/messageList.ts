/**
 * The conversation log: message views in order, the empty state, and scrolling. It shows the store's open
 * conversation and follows the store's changes. While an answer streams the view follows its end, unless
 * the user has scrolled up: then it stays put and offers a "Jump to latest" button. An opened
 * conversation's older answers are rendered progressively. A tool call that starts waiting for approval
 * is announced, and takes the focus when the user is reading the conversation (not typing elsewhere).
 *
 * Screen readers: the log is not a live region (a live log reads every streamed delta, or nothing at all
 * while busy, depending on the reader). Instead one polite status line says each answer once, when it
 * ends: "Answer finished." with its text, "Stopped.", or the error. Each message has a heading of its own (who
 * said it), to jump between them.
 */
import * as l10n from '@vscode/l10n';
import type { ChatMessage, ToolCallView } from '../protocol/chatProtocol';
import type { ChatChange, ChatStore } from './chatStore';
import { h, icon } from './dom';
import { renderEmptyState, type EmptyStateHooks } from './emptyState';
import { errorAnnouncement } from './errorView';
import { MessageView, type MessageViewHooks } from './messageView';
import { ProgressiveRender } from './progressiveRender';

/** How close to the bottom (px) still counts as "at the end". */
const PIN_SLACK = 32;
/** Longest answer text read out when an answer finishes (the rest is in the log, to read there). */
const MAX_ANNOUNCED_CHARS = 2000;

export interface MessageListHooks extends Omit<MessageViewHooks, 'onRender' | 'onToolCallWaiting'>, EmptyStateHooks {
  onScroll(scrollTop: number): void;
}

export class MessageList {
  readonly element: HTMLElement;
  private readonly log: HTMLElement;
  private readonly jumpButton: HTMLButtonElement;
  /** The polite status line: answers once ended, tool calls that wait (the log itself is not live). */
  private readonly announcer: HTMLElement;
  private views: MessageView[] = [];
  private readonly byId = new Map<string, MessageView>();
  /** Follow the end of the conversation (true until the user scrolls up). */
  private pinned = true;
  private followScheduled = false;
  private readonly progressive: ProgressiveRender;
  /**
   * Messages change size after they were added: answers stream, older answers render progressively, and
   * answers out of view (`content-visibility: auto`) take their true size only near the view. While
   * pinned, every such change keeps the end in view (this runs after layout, before paint: no flicker).
   */
  private readonly resizes = new ResizeObserver(() => {
    if (this.pinned) this.scrollToEnd();
  });
  /** aria-busy while an answer streams or older answers are still being rendered (no announcements). */
  private streamingBusy = false;
  private renderingBusy = false;

  constructor(
    private readonly store: ChatStore,
    private readonly hooks: MessageListHooks,
  ) {
    this.log = h('div', {
      class: 'message-log',
      attrs: { role: 'log', 'aria-label': l10n.t('Conversation'), 'aria-live': 'off', tabindex: 0 },
    });
    this.jumpButton = h(
      'button',
      {
        class: 'jump-to-latest button',
        attrs: { type: 'button', hidden: true, 'aria-label': l10n.t('Jump to latest') },
        on: { click: () => this.jumpToLatest() },
      },
      icon('arrow-down'),
      h('span', { text: l10n.t('Jump to latest') }),
    );
    this.announcer = h('div', { class: 'visually-hidden', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.element = h('div', { class: 'message-list' }, this.log, this.jumpButton, this.announcer);
    this.log.addEventListener('scroll', this.onScroll, { passive: true });
    this.progressive = new ProgressiveRender(
      this.log,
      () => this.follow(),
      (busy) => {
        this.renderingBusy = busy;
        this.updateBusy();
      },
    );
    this.setMessages(store.active?.messages ?? []);
    store.subscribe((change) => this.onChange(change));
  }

  private onChange(change: ChatChange): void {
    switch (change.type) {
      case 'opened':
        return this.setMessages(this.store.active?.messages ?? []);
      case 'messageAdded':
        return this.add(change.message);
      case 'messageRemoved':
        return this.replace(change.id, null);
      case 'messageReplaced':
        return this.replace(change.id, change.message);
      case 'delta':
        return this.byId.get(change.message.id)?.appendDelta(change.delta);
      case 'messageEnded':
        this.byId.get(change.message.id)?.end();
        return this.announceEnd(change.message);
      case 'toolCall':
        return this.byId.get(change.message.id)?.updateToolCall(change.call);
      case 'note':
        return this.byId.get(change.message.id)?.addNote(change.text);
      case 'streaming':
        return this.setBusy(this.store.activeStreaming);
    }
  }

  /** Show these messages (a conversation was opened, or none for a new chat). */
  private setMessages(messages: readonly ChatMessage[]): void {
    this.progressive.cancel();
    this.resizes.disconnect();
    for (const view of this.views) view.dispose();
    this.views = [];
    this.byId.clear();
    this.log.replaceChildren();
    this.pinned = true;
    if (messages.length === 0) {
      this.log.append(renderEmptyState(this.hooks));
    } else {
      for (const message of messages) this.addView(message, true);
    }
    this.updateLast();
    this.progressive.start(this.views);
    this.scrollToEnd();
  }

  /** Add a message at the end (a sent question, a starting answer). */
  private add(message: ChatMessage): void {
    this.log.querySelector('.empty-state')?.remove();
    this.addView(message);
    this.updateLast();
    this.follow();
  }

  /** Replace (or remove, when `message` is null) the view of the message with this id. */
  private replace(id: string, message: ChatMessage | null): void {
    const view = this.byId.get(id);
    if (!view) return;
    view.dispose();
    this.byId.delete(id);
    const index = this.views.indexOf(view);
    this.resizes.unobserve(view.element);
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

  /** An answer is streaming. */
  private setBusy(busy: boolean): void {
    this.streamingBusy = busy;
    this.updateBusy();
  }

  /** Restore a saved scroll position (after the view was hidden or reloaded). */
  restoreScroll(scrollTop: number): void {
    // The saved position is in terms of the fully rendered conversation: render it all, and lay out every
    // message at its true size (not the estimate of those out of view) until sizes are remembered.
    this.progressive.finishNow();
    this.log.classList.add('measure-all');
    requestAnimationFrame(() => requestAnimationFrame(() => this.log.classList.remove('measure-all')));
    this.log.scrollTop = scrollTop;
    this.pinned = this.atEnd();
    this.jumpButton.hidden = this.pinned;
  }

  private addView(message: ChatMessage, deferContent = false): void {
    const view = this.createView(message, deferContent);
    this.views.push(view);
    this.log.append(view.element);
  }

  private createView(message: ChatMessage, deferContent = false): MessageView {
    const view = new MessageView(
      message,
      {
        ...this.hooks,
        onRender: () => this.follow(),
        onToolCallWaiting: (allow, call) => this.toolCallWaiting(allow, call),
      },
      deferContent,
    );
    this.byId.set(message.id, view);
    this.resizes.observe(view.element);
    return view;
  }

  /**
   * Say that a call waits, and bring the focus to its Allow button when the user is in the conversation
   * (or nowhere): never from the message box or another control, where a keystroke would then press it.
   */
  private toolCallWaiting(allow: HTMLButtonElement, call: Readonly<ToolCallView>): void {
    this.announce(l10n.t('{0} is waiting for your approval.', call.name));
    const focused = document.activeElement;
    if (!focused || focused === document.body || this.log.contains(focused)) {
      allow.focus({ preventScroll: true });
      allow.scrollIntoView({ block: 'nearest' });
    }
  }

  /**
   * Say once how an answer ended. Not for an answer that goes on after its tool calls (its next message
   * will), nor for the user's own messages.
   */
  private announceEnd(message: ChatMessage): void {
    if (message.role !== 'assistant') return;
    if (message.error) return this.announce(errorAnnouncement(message.error));
    if (message.status === 'stopped') return this.announce(l10n.t('Stopped.'));
    if (message.status === 'interrupted') return this.announce(l10n.t('Interrupted: the answer did not finish.'));
    if (message.status !== 'done' || this.store.activeStreaming) return;
    // The rendered text, not the markdown source: a screen reader should not spell out fences and asterisks.
    const rendered = this.byId.get(message.id)?.element.querySelector('.message-content')?.textContent ?? '';
    const text = rendered.replace(/\s+/g, ' ').trim();
    const shown = text.length > MAX_ANNOUNCED_CHARS ? `${text.slice(0, MAX_ANNOUNCED_CHARS - 1)}…` : text;
    this.announce(shown ? l10n.t('Answer finished. {0}', shown) : l10n.t('Answer finished.'));
  }

  private announce(text: string): void {
    if (this.announcer.textContent !== text) {
      this.announcer.textContent = text;
      return;
    }
    // The same words again (a second "Stopped."): a live region speaks only on a change, so clear it first.
    this.announcer.textContent = '';
    requestAnimationFrame(() => (this.announcer.textContent = text));
  }

  private updateBusy(): void {
    if (this.streamingBusy || this.renderingBusy) this.log.setAttribute('aria-busy', 'true');
    else this.log.removeAttribute('aria-busy');
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
