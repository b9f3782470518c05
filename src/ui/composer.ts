/**
 * The input area: context chips, the "Set API Key" call to action when there is no key, the multi-line
 * message box and the Send button (which becomes Stop while an answer streams), and the conversation's
 * running total. All but the box's text come from the store.
 * Enter sends, Shift+Enter adds a line; Enter while an IME is composing is left to the IME.
 */
import { NO_API_KEY_TEXT, SET_API_KEY_LABEL } from '../protocol/chatStrings';
import type { ChatChange, ChatStore } from './chatStore';
import { ContextChips } from './contextChips';
import { h, icon } from './dom';
import { totalUsage, usageText } from './usageFooter';

export interface ComposerHooks {
  /** Send the text. Return false to keep it in the box (e.g. no API key yet). */
  onSend(text: string): boolean;
  onStop(): void;
  onDraftChange(draft: string): void;
  onRemoveChip(id: string): void;
  onSetApiKey(): void;
}

/** Max height (px) the box grows to before it scrolls. */
const MAX_INPUT_HEIGHT = 240;

export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly apiKeyCta: HTMLElement;
  private readonly chips: ContextChips;
  private readonly total: HTMLElement;
  private streaming = false;

  constructor(
    private readonly store: ChatStore,
    private readonly hooks: ComposerHooks,
    draft: string,
  ) {
    this.chips = new ContextChips(hooks.onRemoveChip);
    this.input = h('textarea', {
      class: 'message-input',
      attrs: { 'aria-label': 'Message', placeholder: 'Ask Cline… (Enter to send, Shift+Enter for a new line)', rows: 1 },
      on: {
        keydown: (event) => this.onKeyDown(event),
        input: () => {
          this.autosize();
          hooks.onDraftChange(this.input.value);
        },
      },
    });
    this.input.value = draft;
    this.sendButton = h('button', {
      class: 'send-button icon-button',
      attrs: { type: 'button' },
      on: { click: () => this.onButton() },
    });
    this.apiKeyCta = h(
      'div',
      { class: 'api-key-cta', attrs: { role: 'region', 'aria-label': 'API key needed', hidden: true } },
      icon('key'),
      h('span', { text: NO_API_KEY_TEXT }),
      h('button', {
        class: 'button primary',
        text: SET_API_KEY_LABEL,
        attrs: { type: 'button' },
        on: { click: () => hooks.onSetApiKey() },
      }),
    );
    this.total = h('div', { class: 'conversation-total', attrs: { 'aria-label': 'Conversation total', hidden: true } });
    this.element = h(
      'div',
      { class: 'composer' },
      this.total,
      this.apiKeyCta,
      this.chips.element,
      h('div', { class: 'input-row' }, this.input, this.sendButton),
    );
    this.renderButton();
    this.setHasApiKey(store.hasApiKey);
    this.chips.set(store.chips);
    requestAnimationFrame(() => this.autosize());
    store.subscribe((change) => this.onChange(change));
  }

  private onChange(change: ChatChange): void {
    switch (change.type) {
      case 'apiKey':
        return this.setHasApiKey(this.store.hasApiKey);
      case 'chips':
        return this.chips.set(this.store.chips);
      case 'streaming':
        return this.setStreaming(this.store.activeStreaming);
      case 'opened':
      case 'messageEnded':
      case 'messageRemoved':
        return this.renderTotal();
      case 'queuedSent':
        if (this.value === change.text) this.setValue('');
        return;
    }
  }

  get value(): string {
    return this.input.value;
  }

  setValue(text: string): void {
    this.input.value = text;
    this.autosize();
    this.hooks.onDraftChange(text);
  }

  focus(): void {
    this.input.focus();
  }

  private setStreaming(streaming: boolean): void {
    if (this.streaming === streaming) return;
    this.streaming = streaming;
    this.renderButton();
  }

  private setHasApiKey(hasApiKey: boolean): void {
    this.apiKeyCta.hidden = hasApiKey;
  }

  /** Draw attention to the API key call to action (a send was attempted without a key). */
  promptForApiKey(): void {
    this.apiKeyCta.hidden = false;
    this.apiKeyCta.classList.remove('attention');
    void this.apiKeyCta.offsetWidth; // restart the CSS animation
    this.apiKeyCta.classList.add('attention');
    this.apiKeyCta.querySelector('button')?.focus();
  }

  /** The running total line ("Conversation total: … in · … out · … cached · $…"), hidden when nothing was used. */
  private renderTotal(): void {
    const total = totalUsage(this.store.active?.messages ?? []);
    this.total.hidden = !total;
    this.total.textContent = total ? `Conversation total: ${usageText(total)}` : '';
  }

  private renderButton(): void {
    const label = this.streaming ? 'Stop' : 'Send';
    this.sendButton.setAttribute('aria-label', label);
    this.sendButton.title = this.streaming ? 'Stop' : 'Send (Enter)';
    this.sendButton.classList.toggle('stop', this.streaming);
    this.sendButton.replaceChildren(icon(this.streaming ? 'debug-stop' : 'send'));
  }

  private onButton(): void {
    if (this.streaming) this.hooks.onStop();
    else this.submit();
  }

  private submit(): void {
    const text = this.input.value;
    if (!text.trim() || this.streaming) return;
    if (this.hooks.onSend(text)) this.setValue('');
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    // keyCode 229: the IME is processing this key (Safari/Chromium report it before isComposing is set).
    if (event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.submit();
  }

  /** Grow with the text up to a limit. CSSOM writes are allowed by the CSP (only style attributes in markup are not). */
  private autosize(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, MAX_INPUT_HEIGHT)}px`;
  }
}
