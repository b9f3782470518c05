/** The top bar: model picker, "Continue in Cline", the history toggle and New Chat. */
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
  readonly modelPicker: ModelPicker;
  private readonly historyButton: HTMLButtonElement;
  private readonly continueButton: HTMLButtonElement;

  constructor(hooks: HeaderHooks) {
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
  }

  setHistoryOpen(open: boolean): void {
    this.historyButton.setAttribute('aria-expanded', String(open));
    this.historyButton.classList.toggle('toggled', open);
  }

  /** "Continue in Cline" only makes sense for a conversation with messages. */
  setCanContinue(can: boolean): void {
    this.continueButton.hidden = !can;
  }

  focusHistoryToggle(): void {
    this.historyButton.focus();
  }
}
