/** The context chips above the input (`path:lines` of code the host attached), each removable. */
import type { ContextChip } from '../protocol/chatProtocol';
import { h, icon } from './dom';

export class ContextChips {
  readonly element: HTMLElement;

  constructor(private readonly onRemove: (id: string) => void) {
    this.element = h('div', { class: 'context-chips', attrs: { role: 'list', 'aria-label': 'Context', hidden: true } });
  }

  set(chips: readonly ContextChip[]): void {
    this.element.hidden = chips.length === 0;
    this.element.replaceChildren(
      ...chips.map((chip) =>
        h(
          'span',
          { class: 'chip', attrs: { role: 'listitem', title: chip.label } },
          icon('file-code'),
          h('span', { class: 'chip-label', text: chip.label }),
          h(
            'button',
            {
              class: 'icon-button chip-remove',
              attrs: { type: 'button', 'aria-label': `Remove ${chip.label}`, title: `Remove ${chip.label}` },
              on: { click: () => this.onRemove(chip.id) },
            },
            icon('close'),
          ),
        ),
      ),
    );
  }
}
