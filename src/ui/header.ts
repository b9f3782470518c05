/**
 * The top bar (the page's banner, with its one h1 for screen readers): model picker, "Continue in Cline", the
 * history toggle and New Chat; below them, a note when the host refused a model.
 */
import * as l10n from '@vscode/l10n';
import type { ChatChange, ChatStore } from './chatStore';
import { iconButton, h } from './dom';
import { ModelPicker } from './modelPicker';

/** Longest part of a refused id shown in the note (a pasted text can be long; the log has it). */
const SHOWN_ID_CHARS = 80;

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
  private readonly modelNotice: HTMLElement;
  private readonly modelNoticeText: HTMLElement;

  constructor(
    private readonly store: ChatStore,
    hooks: HeaderHooks,
  ) {
    this.modelPicker = new ModelPicker((modelId) => {
      this.showModelRefused(undefined);
      hooks.onChooseModel(modelId);
    });
    this.modelNoticeText = h('span', { class: 'model-notice-text' });
    this.modelNotice = h(
      'div',
      { class: 'model-notice', attrs: { role: 'status', hidden: true } },
      this.modelNoticeText,
      iconButton('close', l10n.t('Dismiss'), () => this.showModelRefused(undefined)),
    );
    this.historyButton = iconButton('history', l10n.t('History'), () => hooks.onToggleHistory());
    this.historyButton.setAttribute('aria-expanded', 'false');
    this.historyButton.setAttribute('aria-controls', 'history-panel');
    this.continueButton = iconButton('arrow-right', l10n.t('Continue in Cline'), () => hooks.onContinueInCline());
    this.continueButton.hidden = true;
    this.element = h(
      'header',
      { class: 'chat-header' },
      h('h1', { class: 'visually-hidden', text: l10n.t('Cline Chat') }),
      this.modelPicker.element,
      h(
        'div',
        { class: 'header-actions' },
        this.continueButton,
        this.historyButton,
        iconButton('add', l10n.t('New Chat'), () => hooks.onNewChat()),
      ),
      this.modelNotice,
    );
    this.modelPicker.setModels(store.models);
    this.modelPicker.setCurrent(store.model);
    store.subscribe((change) => this.onChange(change));
  }

  private onChange(change: ChatChange): void {
    switch (change.type) {
      case 'models':
        return this.modelPicker.setModels(this.store.models);
      case 'model':
        return this.modelPicker.setCurrent(this.store.model);
      case 'modelRefused':
        return this.showModelRefused(change);
      case 'opened':
      case 'messageAdded':
      case 'messageRemoved':
      case 'streaming':
        // "Continue in Cline" only makes sense for a conversation with messages.
        this.continueButton.hidden = !this.store.canContinue;
        return;
    }
  }

  /** Say that the host did not use `refused.model` (and why) and asks `refused.using` instead; `undefined` hides the note. */
  private showModelRefused(refused: { model: string; reason: string; using: string } | undefined): void {
    this.modelNotice.hidden = !refused;
    if (!refused) return;
    const shown = refused.model.length > SHOWN_ID_CHARS ? `${refused.model.slice(0, SHOWN_ID_CHARS - 1)}…` : refused.model;
    this.modelNoticeText.textContent = l10n.t('Model “{0}” not used: {1} Using {2}.', shown, refused.reason, refused.using);
  }

  setHistoryOpen(open: boolean): void {
    this.historyButton.setAttribute('aria-expanded', String(open));
    this.historyButton.classList.toggle('toggled', open);
  }

  focusHistoryToggle(): void {
    this.historyButton.focus();
  }
}
