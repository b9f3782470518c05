/**
 * The input area: context chips (attached code and `@` mentions), the "Set API Key" call to action when
 * there is no key, the Restricted Mode notice, the multi-line message box with its `@` list
 * (mentionPicker.ts) and the Send button (which becomes Stop while an answer is under way), and the
 * conversation's running total. All but the box's text come from the store.
 * Enter sends, Shift+Enter adds a line; Enter while an IME is composing is left to the IME.
 */
import * as l10n from '@vscode/l10n';
import type { Mention, MentionSuggestion } from '../protocol/chatProtocol';
import { noApiKeyText, setApiKeyLabel } from '../protocol/chatStrings';
import type { ChatChange, ChatStore } from './chatStore';
import { ContextChips } from './contextChips';
import { h, icon } from './dom';
import { MentionPicker } from './mentionPicker';
import { totalUsage, usageText } from './usageFooter';

export interface ComposerHooks {
  /** Send the text. Return false to keep it in the box (e.g. no API key yet). */
  onSend(text: string): boolean;
  onStop(): void;
  onDraftChange(draft: string): void;
  onRemoveChip(id: string): void;
  onAddMention(mention: Mention): void;
  onRemoveMention(mention: Mention): void;
  /** The host's `@` suggestions for `query`. */
  suggestMentions(query: string): Promise<MentionSuggestion[]>;
  onSetApiKey(): void;
}

export const restrictedModeText = (): string =>
  l10n.t('Restricted Mode: workspace tools and file mentions are off until you trust this workspace');

/** What can be mentioned without reading the workspace's files (all that Restricted Mode allows). */
const FILELESS_MENTIONS: ReadonlySet<Mention['kind']> = new Set(['selection', 'problems', 'problemsWorkspace']);

/** Max height (px) the box grows to before it scrolls. */
const MAX_INPUT_HEIGHT = 240;

export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly apiKeyCta: HTMLElement;
  private readonly chips: ContextChips;
  private readonly mentionPicker: MentionPicker;
  private readonly restrictedNotice: HTMLElement;
  private readonly total: HTMLElement;
  private streaming = false;

  constructor(
    private readonly store: ChatStore,
    private readonly hooks: ComposerHooks,
    draft: string,
  ) {
    this.chips = new ContextChips({
      onRemoveChip: hooks.onRemoveChip,
      onRemoveMention: hooks.onRemoveMention,
      focusInput: () => this.focus(),
    });
    this.input = h('textarea', {
      class: 'message-input',
      attrs: { 'aria-label': l10n.t('Message'), placeholder: l10n.t('Ask Cline… (@ for context, Shift+Enter for new line)'), rows: 1 },
      on: {
        keydown: (event) => this.onKeyDown(event),
        input: () => {
          this.autosize();
          hooks.onDraftChange(this.input.value);
          this.mentionPicker.update();
        },
      },
    });
    this.input.value = draft;
    this.mentionPicker = new MentionPicker(this.input, {
      suggest: (query) => hooks.suggestMentions(query),
      offers: (kind) => store.workspace.trusted || FILELESS_MENTIONS.has(kind),
      onChoose: (mention, from, to) => this.insertMention(mention, from, to),
    });
    this.restrictedNotice = h(
      'div',
      { class: 'workspace-notice', attrs: { role: 'status', hidden: true } },
      icon('workspace-untrusted'),
      h('span', { text: restrictedModeText() }),
    );
    this.sendButton = h('button', {
      class: 'send-button icon-button',
      attrs: { type: 'button' },
      on: { click: () => this.onButton() },
    });
    this.apiKeyCta = h(
      'div',
      { class: 'api-key-cta', attrs: { role: 'region', 'aria-label': l10n.t('API key needed'), hidden: true } },
      icon('key'),
      h('span', { text: noApiKeyText() }),
      h('button', {
        class: 'button primary',
        text: setApiKeyLabel(),
        attrs: { type: 'button' },
        on: { click: () => hooks.onSetApiKey() },
      }),
    );
    // Its visible text says what it is ("Conversation total: …").
    this.total = h('div', { class: 'conversation-total', attrs: { hidden: true } });
    // A form landmark, named, for screen readers to jump to; it never submits (Enter and Send do).
    this.element = h(
      'form',
      { class: 'composer', attrs: { 'aria-label': l10n.t('Message Cline') }, on: { submit: (event) => event.preventDefault() } },
      this.total,
      this.apiKeyCta,
      this.restrictedNotice,
      this.chips.element,
      h('div', { class: 'input-row' }, this.mentionPicker.element, this.input, this.sendButton),
    );
    this.renderButton();
    this.setHasApiKey(!store.needsApiKey);
    this.chips.setChips(store.chips);
    this.chips.setMentions(store.mentions);
    this.renderWorkspace();
    requestAnimationFrame(() => this.autosize());
    store.subscribe((change) => this.onChange(change));
  }

  private onChange(change: ChatChange): void {
    switch (change.type) {
      case 'apiKey':
        return this.setHasApiKey(!this.store.needsApiKey);
      case 'chips':
        return this.chips.setChips(this.store.chips);
      case 'mentions':
        return this.chips.setMentions(this.store.mentions);
      case 'workspace':
        return this.renderWorkspace();
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

  /** Restricted Mode: say why files can't be mentioned or read (the host refuses them too). */
  private renderWorkspace(): void {
    this.restrictedNotice.hidden = this.store.workspace.trusted;
  }

  /** A mention was chosen in the `@` list: its `@query` text leaves the box, it becomes a chip. */
  private insertMention(mention: Mention, from: number, to: number): void {
    const text = this.input.value;
    this.input.value = text.slice(0, from) + text.slice(to);
    this.input.setSelectionRange(from, from);
    this.autosize();
    this.hooks.onDraftChange(this.input.value);
    this.hooks.onAddMention(mention);
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
    this.total.textContent = total ? l10n.t('Conversation total: {0}', usageText(total)) : '';
  }

  private renderButton(): void {
    this.sendButton.setAttribute('aria-label', this.streaming ? l10n.t('Stop') : l10n.t('Send'));
    this.sendButton.title = this.streaming ? l10n.t('Stop') : l10n.t('Send (Enter)');
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
    if (this.mentionPicker.onKeyDown(event)) return;
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
