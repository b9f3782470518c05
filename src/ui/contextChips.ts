/**
 * The context chips above the input, each removable: code the host attached (Ask in Chat, `path:lines`)
 * and the `@` mentions chosen in the composer (read by the host only when the question is sent).
 * Removing one by keyboard leaves the focus on the next chip's Remove button, else on the message box.
 */
import * as l10n from '@vscode/l10n';
import type { ContextChip, Mention } from '../protocol/chatProtocol';
import { h, icon } from './dom';

type MentionKind = Mention['kind'];

/** How each kind of mention looks, on a chip and in the `@` list; a snippet attached with Ask in Chat has no kind. */
const MENTION_ICONS: Readonly<Record<MentionKind, string>> = {
  file: 'file',
  folder: 'folder',
  selection: 'list-selection',
  problems: 'warning',
  problemsWorkspace: 'warning',
  changes: 'git-compare',
};

export function chipIcon(kind: MentionKind | undefined): HTMLElement {
  return icon(kind ? MENTION_ICONS[kind] : 'file-code');
}

export interface ContextChipsHooks {
  onRemoveChip(id: string): void;
  onRemoveMention(mention: Mention): void;
  /** The last chip was removed by keyboard: where the focus goes. */
  focusInput(): void;
}

export class ContextChips {
  readonly element: HTMLElement;
  private chips: readonly ContextChip[] = [];
  private mentions: readonly Mention[] = [];
  /** A chip's Remove button had the focus when it was clicked: after the redraw, focus the one at this position. */
  private refocusAt: number | undefined;

  constructor(private readonly hooks: ContextChipsHooks) {
    this.element = h('div', { class: 'context-chips', attrs: { role: 'list', 'aria-label': l10n.t('Context'), hidden: true } });
  }

  setChips(chips: readonly ContextChip[]): void {
    this.chips = chips;
    this.render();
  }

  setMentions(mentions: readonly Mention[]): void {
    this.mentions = mentions;
    this.render();
  }

  private render(): void {
    const items = [
      ...this.chips.map((chip) => this.item(chip.label, chip.mention, () => this.hooks.onRemoveChip(chip.id))),
      ...this.mentions.map((mention) => this.item(mention.label, mention.kind, () => this.hooks.onRemoveMention(mention), true)),
    ];
    this.element.hidden = items.length === 0;
    this.element.replaceChildren(...items);
    const at = this.refocusAt;
    this.refocusAt = undefined;
    if (at === undefined) return;
    const buttons = this.element.querySelectorAll<HTMLButtonElement>('.chip-remove');
    const next = buttons[Math.min(at, buttons.length - 1)];
    if (next) next.focus();
    else this.hooks.focusInput();
  }

  private item(label: string, kind: MentionKind | undefined, remove: () => void, mention = false): HTMLElement {
    return h(
      'span',
      { class: mention ? 'chip mention-chip' : 'chip', attrs: { role: 'listitem', title: label } },
      chipIcon(kind),
      h('span', { class: 'chip-label', text: label }),
      h(
        'button',
        {
          class: 'icon-button chip-remove',
          attrs: { type: 'button', 'aria-label': l10n.t('Remove {0}', label), title: l10n.t('Remove {0}', label) },
          on: {
            click: (event) => {
              const button = event.currentTarget as HTMLButtonElement;
              if (document.activeElement === button) {
                this.refocusAt = [...this.element.querySelectorAll('.chip-remove')].indexOf(button);
              }
              remove(); // redraws at once (the store says what changed), using refocusAt
              this.refocusAt = undefined;
            },
          },
        },
        icon('close'),
      ),
    );
  }
}
