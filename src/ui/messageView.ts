/**
 * One message of the conversation. A user message is plain text (it was typed, not generated). An
 * answer has: a collapsible "Thinking" block (open while streaming, collapsed after), its tool calls,
 * the markdown content (rendered incrementally), an error view or status note, and a usage footer.
 * It renders the store's message (chatStore.ts) and never changes it: while it streams, the store
 * applies each delta and then hands it here to be drawn.
 */
import type { ChatMessage, ToolCallView } from '../protocol/chatProtocol';
import type { MessageDelta } from './chatStore';
import { h, icon } from './dom';
import { canRetry, renderErrorView, renderStatusNote, type ErrorViewActions } from './errorView';
import { IncrementalMarkdown, type CodeActionHandler } from './markdown/incrementalRenderer';
import { usageFooter } from './usageFooter';

export interface MessageViewHooks {
  onCodeAction: CodeActionHandler;
  onLink(href: string): void;
  /** Called after the view changed size (for following the end of the stream). */
  onRender(): void;
  errorActions: ErrorViewActions;
}

export class MessageView {
  readonly element: HTMLElement;
  private markdown: IncrementalMarkdown | undefined;
  private thinking: { details: HTMLDetailsElement; text: Text } | undefined;
  private toolCallsRoot: HTMLElement | undefined;
  /** By index: the elements showing the store's tool call `call`. */
  private readonly toolCallViews = new Map<number, { name: HTMLElement; args: Text; call: Readonly<ToolCallView> }>();
  private statusRoot: HTMLElement | undefined;
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
    for (const view of this.toolCallViews.values()) view.args.data = prettyArguments(view.call.arguments);
    this.renderStatus();
    this.renderFooter();
    this.hooks.onRender();
  }

  dispose(): void {
    this.markdown?.dispose();
  }

  private buildUser(): HTMLElement {
    const chips = this.message.context?.length
      ? h(
          'div',
          { class: 'message-context' },
          ...this.message.context.map((chip) =>
            h('span', { class: 'chip', attrs: { title: chip.label } }, icon('file-code'), h('span', { text: chip.label })),
          ),
        )
      : null;
    return h(
      'article',
      { class: 'message user', attrs: { 'data-message-id': this.message.id } },
      h('div', { class: 'message-role', text: 'You' }),
      chips,
      h('div', { class: 'message-text', text: this.message.content }),
    );
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
        class: `message assistant${streaming ? ' streaming' : ''}${streaming && !message.content ? ' awaiting' : ''}`,
        attrs: { 'data-message-id': message.id, 'aria-busy': streaming ? 'true' : undefined },
      },
      h(
        'div',
        { class: 'message-role' },
        h('span', { text: 'Cline' }),
        message.model ? h('span', { class: 'message-model', text: message.model }) : null,
      ),
      this.toolCallsRoot,
      content,
      h('div', { class: 'typing-indicator', attrs: { 'aria-hidden': 'true' } }, h('span'), h('span'), h('span')),
      this.statusRoot,
      this.footerRoot,
    );

    this.markdown = new IncrementalMarkdown(content, {
      onCodeAction: this.hooks.onCodeAction,
      onLink: this.hooks.onLink,
      onRender: this.hooks.onRender,
    });
    if (message.reasoning) this.ensureThinking(streaming, element).text.appendData(message.reasoning);
    for (const call of message.toolCalls ?? []) this.addToolCallView(call);
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
      for (const view of this.toolCallViews.values()) view.args.data = prettyArguments(view.call.arguments);
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
        h('summary', {}, icon('lightbulb'), h('span', { text: 'Thinking' })),
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
      const shown = this.toolCallViews.get(fragment.index);
      if (shown) {
        if (fragment.name) shown.name.textContent = shown.call.name;
        shown.args.appendData(fragment.arguments);
        continue;
      }
      const call = this.message.toolCalls?.find((c) => c.index === fragment.index);
      if (call) this.addToolCallView(call);
      added.add(fragment.index);
    }
  }

  private addToolCallView(call: Readonly<ToolCallView>): void {
    const name = h('span', { class: 'tool-call-name', text: call.name });
    const args = document.createTextNode(call.arguments);
    this.toolCallsRoot?.append(
      h(
        'div',
        { class: 'tool-call' },
        h('div', { class: 'tool-call-header' }, icon('tools'), h('span', { text: 'Tool call: ' }), name),
        h('pre', { class: 'tool-call-arguments' }, h('code', {}, args)),
      ),
    );
    this.toolCallViews.set(call.index, { name, args, call });
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

/** Tool arguments are JSON text: indent them once complete, keep them as sent if they don't parse. */
function prettyArguments(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    return args;
  }
}
