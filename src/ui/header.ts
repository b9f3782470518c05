/** The top bar: model picker, "Continue in Cline", the history toggle and New Chat. */
import type { ChatChange, ChatStore } from './chatStore';
import { iconButton, h } from './dom';
import { ModelPicker } from './modelPicker';

export interface HeaderHooks {
  onChooseModel(modelId: string): void;
  onNewChat(): void;
  onToggleHistory(): void;
  onContinueInCline(): void;
}

export class Header {
  readonly element: HTMLElement;
  private readonly modelPicker: ModelPicker;
  private readonly historyButton: HTMLButtonElement;
  private readonly continueButton: HTMLButtonElement;

  constructor(private readonly store: ChatStore, hooks: HeaderHooks) {
    this.modelPicker = new ModelPicker(hooks.onChooseModel);
    this.historyButton = iconButton('history', 'History', () => hooks.onToggleHistory());
    this.historyButton.setAttribute('aria-expanded', 'false');
    this.historyButton.setAttribute('aria-controls', 'history-panel');
    this.continueButton = iconButton('arrow-right', 'Continue in Cline', () => hooks.onContinueInCline());
    this.continueButton.hidden = true;
    this.element = h('header', { class: 'chat-header' },
      this.modelPicker.element,
      h('div', { class: 'header-actions' },
        this.continueButton,
        this.historyButton,
        iconButton('add', 'New Chat', () => hooks.onNewChat())));
    this.modelPicker.setModels(store.models);
    this.modelPicker.setCurrent(store.model);
    store.subscribe((change) => this.onChange(change));
  }

  private onChange(change: ChatChange): void {
    switch (change.type) {
      case 'models': return this.modelPicker.setModels(this.store.models);
      case 'model': return this.modelPicker.setCurrent(this.store.model);
      case 'opened':
      case 'messageAdded':
      case 'messageRemoved':
      case 'streaming':
        // "Continue in Cline" only makes sense for a conversation with messages.
        this.continueButton.hidden = !this.store.canContinue;
        return;
    }
  }

  setHistoryOpen(open: boolean): void {
    this.historyButton.setAttribute('aria-expanded', String(open));
    this.historyButton.classList.toggle('toggled', open);
  }

  focusHistoryToggle(): void {
    this.historyButton.focus();
  }
}
