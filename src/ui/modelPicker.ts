/**
 * The model picker: an ARIA 1.2 combobox (an `<input role="combobox">` with a listbox popup). The list
 * holds the host's models (free ones labelled "free"), filtered by what is typed; any model id the server
 * knows (`provider/model` on the Cline API, a file name on llama.cpp, `llama3` on Ollama, …) can also be
 * typed and confirmed with Enter. Arrow keys move, Enter chooses, Escape closes and restores.
 * What may be typed is the host's own rule (src/protocol/modelId.ts), so the host never refuses a choice.
 */
import * as l10n from '@vscode/l10n';
import type { ModelInfo } from '../protocol/chatProtocol';
import { modelIdProblem } from '../protocol/modelId';
import { h } from './dom';
import { nextOptionIndex, showActiveOption } from './listboxOptions';

let instanceCount = 0;

export class ModelPicker {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly listbox: HTMLUListElement;
  private models: ModelInfo[] = [];
  private visible: ModelInfo[] = [];
  private active = -1;
  private current = '';
  private readonly idPrefix = `model-picker-${++instanceCount}`;

  constructor(private readonly onChoose: (modelId: string) => void) {
    this.listbox = h('ul', {
      class: 'model-listbox',
      attrs: { role: 'listbox', id: `${this.idPrefix}-list`, 'aria-label': l10n.t('Models'), hidden: true },
    });
    this.input = h('input', {
      class: 'model-input',
      attrs: {
        type: 'text',
        role: 'combobox',
        'aria-label': l10n.t('Model'),
        'aria-autocomplete': 'list',
        'aria-expanded': 'false',
        'aria-controls': this.listbox.id,
        autocomplete: 'off',
        spellcheck: 'false',
        placeholder: l10n.t('Model id'),
      },
      on: {
        input: () => this.open(this.input.value, false),
        keydown: (event) => this.onKeyDown(event),
        blur: () => this.close(true),
        click: () => (this.isOpen ? this.close(false) : this.open('', true)),
      },
    });
    // Keep focus in the input while clicking an option (mousedown would blur it first).
    this.listbox.addEventListener('mousedown', (event) => event.preventDefault());
    this.listbox.addEventListener('click', (event) => {
      const option = (event.target as Element).closest('[role="option"]');
      const index = option ? Number(option.getAttribute('data-index')) : -1;
      if (index >= 0 && this.visible[index]) this.choose(this.visible[index].id);
    });
    this.element = h('div', { class: 'model-picker' }, this.input, this.listbox);
  }

  get value(): string {
    return this.current;
  }

  setModels(models: readonly ModelInfo[]): void {
    this.models = [...models];
    if (this.isOpen) this.open(this.input.value, false);
  }

  /** Show the current model (no message is posted). */
  setCurrent(modelId: string): void {
    this.current = modelId;
    if (document.activeElement !== this.input) this.input.value = modelId;
    this.input.title = this.labelOf(modelId);
  }

  private get isOpen(): boolean {
    return !this.listbox.hidden;
  }

  private labelOf(id: string): string {
    const model = this.models.find((m) => m.id === id);
    if (!model) return id;
    return model.free ? l10n.t('{0} ({1}) · free', model.name, model.id) : `${model.name} (${model.id})`;
  }

  /** Open the popup filtered by `query` (empty: all models); `highlightCurrent` starts arrow keys at the current model. */
  private open(query: string, highlightCurrent: boolean): void {
    const q = query.trim().toLowerCase();
    this.visible =
      q && q !== this.current.toLowerCase()
        ? this.models.filter((m) => m.id.toLowerCase().includes(q) || m.name.toLowerCase().includes(q))
        : this.models;
    this.active = highlightCurrent ? this.visible.findIndex((m) => m.id === this.current) : -1;
    this.listbox.replaceChildren(
      ...this.visible.map((model, index) =>
        h(
          'li',
          {
            class: 'model-option',
            attrs: {
              role: 'option',
              id: `${this.idPrefix}-opt-${index}`,
              'data-index': index,
              'aria-selected': model.id === this.current ? 'true' : 'false',
            },
          },
          h('span', { class: 'model-name', text: model.name }),
          h('span', { class: 'model-id', text: model.id }),
          model.free ? h('span', { class: 'model-free badge', text: l10n.t('free') }) : null,
        ),
      ),
    );
    // Enter uses a typed id as it is, even when listed ids contain it (`llama3` beside `llama3.2:3b`): say so.
    const typed = query.trim();
    const usable = typed !== '' && modelIdProblem(typed) === undefined && !this.models.some((m) => m.id === typed);
    if (usable || this.visible.length === 0) {
      const hint = usable ? l10n.t('Press Enter to use {0}', typed) : l10n.t('Type the model id the server knows');
      this.listbox.append(h('li', { class: 'model-hint', attrs: { role: 'presentation' }, text: hint }));
    }
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.highlight(this.active);
  }

  /** Close the popup; `restore` puts the current model back into the box (nothing was chosen). */
  private close(restore: boolean): void {
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
    if (restore) this.input.value = this.current;
  }

  private highlight(index: number): void {
    this.active = index;
    showActiveOption(this.listbox.querySelectorAll('[role="option"]'), this.input, index, (option, active) =>
      option.classList.toggle('active', active),
    );
  }

  private choose(modelId: string): void {
    this.close(false);
    this.input.value = modelId;
    if (modelId !== this.current) {
      this.setCurrent(modelId);
      this.onChoose(modelId);
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!this.isOpen) {
          this.open('', true);
          return;
        }
        const count = this.visible.length;
        if (count === 0) return;
        this.highlight(nextOptionIndex(this.active, event.key === 'ArrowDown' ? 1 : -1, count));
        return;
      }
      case 'Home':
      case 'End':
        if (this.isOpen && this.visible.length) {
          event.preventDefault();
          this.highlight(event.key === 'Home' ? 0 : this.visible.length - 1);
        }
        return;
      case 'Enter': {
        if (event.isComposing) return;
        event.preventDefault();
        // Priority: the highlighted option, an exact id, any id typed in (used as typed: `llama3` stays
        // `llama3` even when `llama3.2:3b` is listed), the only match.
        const typed = this.input.value.trim();
        const exact = this.models.find((m) => m.id === typed);
        if (this.isOpen && this.active >= 0 && this.visible[this.active]) this.choose(this.visible[this.active].id);
        else if (exact) this.choose(exact.id);
        else if (modelIdProblem(typed) === undefined) this.choose(typed);
        else if (this.isOpen && this.visible.length === 1) this.choose(this.visible[0].id);
        else this.close(true);
        return;
      }
      case 'Escape':
        if (this.isOpen || this.input.value !== this.current) {
          event.preventDefault();
          event.stopPropagation();
          this.close(true);
        }
        return;
      case 'Tab':
        this.close(true);
        return;
    }
  }
}
