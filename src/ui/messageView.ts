/**
 * One message of the conversation. A user message is plain text (it was typed, not generated), with the
 * context it carried (chips, with what the size budget cut). An answer has: a collapsible "Thinking"
 * block (open while streaming, collapsed after), its tool calls (toolCallView.ts), the markdown content
 * (rendered incrementally), an error view or status note, and a usage footer. Either may end with quiet
 * notes.
 * It renders the store's message (chatStore.ts) and never changes it: while it streams, the store
 * applies each delta and then hands it here to be drawn.
 */
import * as l10n from '@vscode/l10n';
import type { ChatMessage, ContextChip, ToolCallView, ToolDecision } from '../protocol/chatProtocol';
import type { MessageDelta } from './chatStore';
import { chipIcon } from './contextChips';
import { h, icon } from './dom';
import { canRetry, renderErrorView, renderStatusNote, type ErrorViewActions } from './errorView';
import { IncrementalMarkdown, type CodeActionHandler } from './markdown/incrementalRenderer';
import { ToolCallItem } from './toolCallView';
import { usageFooter } from './usageFooter';

export interface MessageViewHooks {
  onCodeAction: CodeActionHandler;
  onLink(href: string): void;
  /** Called after the view changed size (for following the end of the stream). */
  onRender(): void;
  errorActions: ErrorViewActions;
  /** The user answered the waiting tool call `callId` of the message `messageId`. */
  onToolDecision(messageId: string, callId: string, decision: ToolDecision): void;
  /** A tool call began to wait for approval; `allow` is its Allow button. */
  onToolCallWaiting(allow: HTMLButtonElement, call: Readonly<ToolCallView>): void;
}

export class MessageView {
  readonly element: HTMLElement;
  private markdown: IncrementalMarkdown | undefined;
  private thinking: { details: HTMLDetailsElement; text: Text } | undefined;
  private toolCallsRoot: HTMLElement | undefined;
  /** By index: the items showing the message's tool calls. */
  private readonly toolCallItems = new Map<number, ToolCallItem>();
  private statusRoot: HTMLElement | undefined;
  private notesRoot: HTMLElement | undefined;
  private footerRoot: HTMLElement | undefined;
  private isLast = false;
  /** A finished answer whose markdown is not rendered yet (see `renderContent`). */
  private deferredContent: HTMLElement | undefined;

  /**
   * `deferContent`: leave a finished answer's markdown unrendered until
   * `renderContent()` (a long conversation is rendered a slice at a time: progressiveRender.ts).
   */
  constructor(
    private readonly message: Readonly<ChatMessage>,
    private readonly hooks: MessageViewHooks,
    deferContent = false,
  ) {
    this.element = message.role === 'user' ? this.buildUser() : this.buildAssistant(deferContent);
  }

  get contentDeferred(): boolean {
    return this.deferredContent !== undefined;
  }

  /** Render a deferred answer's markdown. */
  renderContent(): void {
    const content = this.deferredContent;
    if (!content || !this.markdown) return;
    this.deferredContent = undefined;
    this.markdown.setText(this.message.content, true);
    content.classList.remove('deferred');
  }

  /** Only the last answer offers Retry. */
  setLast(isLast: boolean): void {
    if (this.isLast === isLast) return;
    this.isLast = isLast;
    if (this.message.role === 'assistant') this.renderStatus();
  }

  /** Draw what the store just added to the message. */
  appendDelta(delta: MessageDelta): void {
    if (this.message.role !== 'assistant') return;
    if (delta.reasoning) {
      this.ensureThinking(true).text.appendData(delta.reasoning);
      this.hooks.onRender();
    }
    if (delta.toolCalls?.length) {
      // The calls show their own progress (preparing, waiting, running): no typing dots under them.
      this.element.classList.remove('awaiting');
      this.drawToolCallFragments(delta.toolCalls);
      this.hooks.onRender();
    }
    if (delta.content) {
      this.element.classList.remove('awaiting');
      this.markdown?.append(delta.content);
    }
  }

  /** The message finished (its status, usage and error are final). */
  end(): void {
    this.element.classList.remove('streaming', 'awaiting');
    this.element.removeAttribute('aria-busy');
    this.markdown?.finish();
    if (this.thinking) this.thinking.details.open = false;
    for (const call of this.message.toolCalls ?? []) this.toolCallItems.get(call.index)?.update(call, false);
    this.renderStatus();
    this.renderFooter();
    this.hooks.onRender();
  }

  /** A tool call of this answer changed state (the store already holds `call`). */
  updateToolCall(call: Readonly<ToolCallView>): void {
    if (this.message.role !== 'assistant') return;
    this.element.classList.remove('awaiting');
    const streaming = this.message.status === 'streaming';
    let item = this.toolCallItems.get(call.index);
    const wasWaiting = item?.state === 'waiting';
    if (item) item.update(call, streaming);
    else item = this.addToolCallItem(call);
    const allow = item.allowButton;
    if (call.state === 'waiting' && !wasWaiting && allow) this.hooks.onToolCallWaiting(allow, call);
    this.hooks.onRender();
  }

  /** A quiet note joined the message (the store already holds it in `notes`). */
  addNote(text: string): void {
    this.notesRoot?.append(noteLine(text));
    if (this.notesRoot) this.notesRoot.hidden = false;
    this.hooks.onRender();
  }

  dispose(): void {
    this.markdown?.dispose();
  }

  private buildUser(): HTMLElement {
    const chips = this.message.context?.length
      ? h(
          'div',
          { class: 'message-context', attrs: { role: 'list', 'aria-label': l10n.t('Context') } },
          ...this.message.context.map(sentChip),
        )
      : null;
    return h(
      'article',
      { class: 'message user', attrs: { 'data-message-id': this.message.id } },
      h('h2', { class: 'message-role', text: l10n.t('You') }),
      chips,
      h('div', { class: 'message-text', text: this.message.content }),
      this.buildNotes(),
    );
  }

  private buildNotes(): HTMLElement {
    const notes = this.message.notes ?? [];
    this.notesRoot = h('div', { class: 'message-notes', attrs: { hidden: notes.length === 0 } }, ...notes.map(noteLine));
    return this.notesRoot;
  }

  private buildAssistant(deferContent: boolean): HTMLElement {
    const message = this.message;
    const streaming = message.status === 'streaming';
    const content = h('div', { class: 'message-content' });
    this.toolCallsRoot = h('div', { class: 'tool-calls' });
    this.statusRoot = h('div', { class: 'message-status' });
    this.footerRoot = h('div', { class: 'message-footer' });
    const element = h(
      'article',
      {
        class: `message assistant${streaming ? ' streaming' : ''}${streaming && !message.content && !message.toolCalls?.length ? ' awaiting' : ''}`,
        attrs: { 'data-message-id': message.id, 'aria-busy': streaming ? 'true' : undefined },
      },
      h(
        'h2',
        { class: 'message-role' },
        // eslint-disable-next-line no-restricted-syntax -- a name, the same in every language
        h('span', { text: 'Cline' }),
        message.model ? h('span', { class: 'message-model', text: message.model }) : null,
      ),
      this.toolCallsRoot,
      content,
      h('div', { class: 'typing-indicator', attrs: { 'aria-hidden': 'true' } }, h('span'), h('span'), h('span')),
      this.statusRoot,
      this.buildNotes(),
      this.footerRoot,
    );

    this.markdown = new IncrementalMarkdown(content, {
      onCodeAction: this.hooks.onCodeAction,
      onLink: this.hooks.onLink,
      onRender: this.hooks.onRender,
    });
    if (message.reasoning) this.ensureThinking(streaming, element).text.appendData(message.reasoning);
    for (const call of message.toolCalls ?? []) this.addToolCallItem(call);
    if (streaming) {
      if (message.content) this.markdown.append(message.content);
    } else {
      if (deferContent && message.content) {
        // Out of view it is sized by `contain-intrinsic-size` (chat.css) until it renders.
        this.deferredContent = content;
        content.classList.add('deferred');
      } else {
        this.markdown.setText(message.content, true);
      }
    }
    this.renderStatus();
    this.renderFooter();
    return element;
  }

  private ensureThinking(open: boolean, element: HTMLElement = this.element): { details: HTMLDetailsElement; text: Text } {
    if (!this.thinking) {
      const text = document.createTextNode('');
      const details = h(
        'details',
        { class: 'thinking' },
        h('summary', {}, icon('lightbulb'), h('span', { text: l10n.t('Thinking') })),
        h('div', { class: 'thinking-text' }, text),
      );
      details.open = open;
      // First in the answer: above the tool calls and the content.
      element.insertBefore(details, this.toolCallsRoot ?? null);
      this.thinking = { details, text };
    }
    return this.thinking;
  }

  /**
   * Fragments the store merged into the calls with their index (see ToolCallViewSchema): append them to
   * the calls shown; a call new in this delta is drawn whole from the store (it holds all its fragments).
   */
  private drawToolCallFragments(fragments: readonly ToolCallView[]): void {
    const added = new Set<number>();
    for (const fragment of fragments) {
      if (added.has(fragment.index)) continue;
      const shown = this.toolCallItems.get(fragment.index);
      if (shown) {
        shown.appendFragment(fragment);
        continue;
      }
      const call = this.message.toolCalls?.find((c) => c.index === fragment.index);
      if (call) this.addToolCallItem(call);
      added.add(fragment.index);
    }
  }

  /** A new call's item, in index order among the calls shown. */
  private addToolCallItem(call: Readonly<ToolCallView>): ToolCallItem {
    const item = new ToolCallItem(call, this.message.status === 'streaming', {
      onDecision: (callId, decision) => this.hooks.onToolDecision(this.message.id, callId, decision),
    });
    const next = [...this.toolCallItems.entries()].filter(([index]) => index > call.index).sort(([a], [b]) => a - b)[0];
    this.toolCallsRoot?.insertBefore(item.element, next ? next[1].element : null);
    this.toolCallItems.set(call.index, item);
    return item;
  }

  private renderStatus(): void {
    if (!this.statusRoot) return;
    const { status, error } = this.message;
    const retry = this.isLast && canRetry(status, error) ? () => this.hooks.errorActions.retry() : undefined;
    if (error) {
      this.statusRoot.replaceChildren(renderErrorView(error, this.hooks.errorActions, !!retry));
    } else if (status === 'stopped' || status === 'interrupted') {
      this.statusRoot.replaceChildren(renderStatusNote(status, retry));
    } else {
      this.statusRoot.replaceChildren();
    }
  }

  private renderFooter(): void {
    if (!this.footerRoot) return;
    if (this.message.usage && this.message.status !== 'streaming') {
      this.footerRoot.replaceChildren(usageFooter(this.message.usage));
    } else {
      this.footerRoot.replaceChildren();
    }
  }
}

/** A chip of a sent question: what it carried, and what the size budget cut (the host's note). */
function sentChip(chip: ContextChip): HTMLElement {
  const title = chip.note ? `${chip.label} (${chip.note})` : chip.label;
  return h(
    'span',
    { class: 'chip', attrs: { role: 'listitem', title } },
    chipIcon(chip.mention),
    h('span', { class: 'chip-label', text: chip.label }),
    chip.note ? h('span', { class: 'chip-note', text: ` (${chip.note})` }) : null,
  );
}

function noteLine(text: string): HTMLElement {
  return h('p', { class: 'message-note' }, icon('info'), h('span', { text }));
}
