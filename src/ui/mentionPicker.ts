/**
 * The `@` list of the message box. Typing `@` at the start or after a space opens a listbox ("Mentions")
 * of what the host suggests for the text after it (files, folders, `@selection`, `@problems`, …); typing
 * narrows it (one request per pause in typing). The box keeps the focus, as in an ARIA 1.2 combobox:
 * it points at the list (`aria-controls`) and at the highlighted option (`aria-activedescendant`), which
 * screen readers read as it moves. Not `aria-expanded`: a textarea is a textbox, which may not carry it
 * (and may not be given the combobox role). ArrowUp/ArrowDown move, Enter or Tab choose, Escape closes.
 */
import * as l10n from '@vscode/l10n';
import type { Mention, MentionSuggestion } from '../protocol/chatProtocol';
import { chipIcon } from './contextChips';
import { h } from './dom';
import { nextOptionIndex, showActiveOption } from './listboxOptions';
import { mentionAt, type MentionAt } from './mentionQuery';

export interface MentionPickerHooks {
  /** The host's suggestions for `query` (what follows the `@`). */
  suggest(query: string): Promise<MentionSuggestion[]>;
  /** Whether this kind may be offered now (Restricted Mode: only what needs no files). */
  offers(kind: Mention['kind']): boolean;
  /** `mention` was chosen for the `@query` text at `from`..`to` of the box. */
  onChoose(mention: Mention, from: number, to: number): void;
}

/** Wait for a pause in typing before asking the host (each key would be a request otherwise). */
const MENTION_DEBOUNCE_MS = 80;

const LISTBOX_ID = 'mention-list';

export class MentionPicker {
  readonly element: HTMLUListElement;
  private at: MentionAt | undefined;
  private suggestions: MentionSuggestion[] = [];
  private active = -1;
  /** The `@` the user closed with Escape: typing on after it does not reopen the list. */
  private dismissedStart: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Only the answer to the latest request is shown (an older one may arrive after it). */
  private requestSeq = 0;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly hooks: MentionPickerHooks,
  ) {
    this.element = h('ul', {
      class: 'mention-listbox',
      attrs: { role: 'listbox', id: LISTBOX_ID, 'aria-label': l10n.t('Mentions'), hidden: true },
    });
    input.setAttribute('aria-controls', LISTBOX_ID);
    input.setAttribute('aria-autocomplete', 'list');
    // Keep the focus in the box while clicking an option (mousedown would move it first).
    this.element.addEventListener('mousedown', (event) => event.preventDefault());
    this.element.addEventListener('click', (event) => {
      const option = (event.target as Element).closest('[role="option"]');
      const index = option ? Number(option.getAttribute('data-index')) : -1;
      if (index >= 0) this.choose(index);
    });
    input.addEventListener('blur', () => this.close());
    // The caret moved without typing (a click, arrow keys when the list is closed).
    input.addEventListener('click', () => this.update());
    input.addEventListener('keyup', (event) => {
      if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) this.update();
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** The box's text or caret changed: open, narrow or close the list. */
  update(): void {
    const at = this.input.selectionStart === this.input.selectionEnd ? mentionAt(this.input.value, this.input.selectionStart) : undefined;
    if (!at) this.dismissedStart = undefined;
    if (!at || at.start === this.dismissedStart) {
      this.close();
      return;
    }
    const sameQuery = this.isOpen && this.at?.start === at.start && this.at.query === at.query;
    this.at = at;
    if (sameQuery) return;
    if (!this.isOpen) this.show([], l10n.t('Searching…'));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.request(at.query), MENTION_DEBOUNCE_MS);
  }

  /** Handle a key pressed in the box; true when it was the list's (the box must not act on it too). */
  onKeyDown(event: KeyboardEvent): boolean {
    if (!this.isOpen || event.isComposing) return false;
    const count = this.suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (count) {
          this.highlight(nextOptionIndex(this.active, event.key === 'ArrowDown' ? 1 : -1, count));
        }
        return true;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey || this.active < 0) return false;
        event.preventDefault();
        this.choose(this.active);
        return true;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.dismissedStart = this.at?.start;
        this.close();
        return true;
    }
    return false;
  }

  close(): void {
    clearTimeout(this.timer);
    this.requestSeq++;
    this.element.hidden = true;
    this.input.removeAttribute('aria-activedescendant');
    this.suggestions = [];
    this.active = -1;
    this.at = undefined;
  }

  private async request(query: string): Promise<void> {
    const seq = ++this.requestSeq;
    let suggestions: MentionSuggestion[];
    let problem: string | undefined;
    try {
      suggestions = (await this.hooks.suggest(query)).filter((s) => this.hooks.offers(s.kind));
    } catch (error) {
      suggestions = [];
      problem = error instanceof Error ? error.message : String(error);
    }
    if (seq !== this.requestSeq || !this.at) return; // the text moved on, or the list was closed
    this.show(suggestions, problem ?? (suggestions.length ? undefined : l10n.t('Nothing matches @{0}', query)));
  }

  /** Draw the list (`note`: a line that is not an option, e.g. "Searching…"). */
  private show(suggestions: MentionSuggestion[], note?: string): void {
    this.suggestions = suggestions;
    this.element.replaceChildren(
      ...suggestions.map((suggestion, index) =>
        h(
          'li',
          {
            class: 'mention-option',
            attrs: { role: 'option', id: `${LISTBOX_ID}-${index}`, 'data-index': index, 'aria-selected': 'false' },
          },
          chipIcon(suggestion.kind),
          h('span', { class: 'mention-label', text: suggestion.label }),
          suggestion.detail ? ' ' : '',
          suggestion.detail ? h('span', { class: 'mention-detail', text: suggestion.detail }) : '',
        ),
      ),
      note ? h('li', { class: 'mention-note', attrs: { role: 'presentation' }, text: note }) : '',
    );
    this.element.hidden = false;
    this.highlight(suggestions.length ? 0 : -1);
  }

  private highlight(index: number): void {
    this.active = index;
    showActiveOption(this.element.querySelectorAll('[role="option"]'), this.input, index, (option, active) =>
      option.setAttribute('aria-selected', active ? 'true' : 'false'),
    );
  }

  private choose(index: number): void {
    const suggestion = this.suggestions[index];
    const at = this.at;
    if (!suggestion || !at) return;
    this.close();
    const { kind, path, label } = suggestion;
    this.hooks.onChoose(path === undefined ? { kind, label } : { kind, path, label }, at.start, at.end);
  }
}
