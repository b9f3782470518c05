/**
 * The toolbar on each finished code block: Copy, Insert at Cursor, Open in New Editor.
 * Buttons are added after sanitising (our own DOM, not model HTML). Clicks are handled by one
 * delegated listener on the answer container, which reads the code from the block itself.
 */
import * as l10n from '@vscode/l10n';
import { openInNewEditorLabel } from '../../protocol/chatStrings';
import { h, icon } from '../dom';

export type CodeAction = 'copy' | 'insert' | 'open';
export type CodeActionHandler = (action: CodeAction, code: string, language: string) => void;

function actions(): Array<{ action: CodeAction; icon: string; label: string }> {
  return [
    { action: 'copy', icon: 'copy', label: l10n.t('Copy') },
    { action: 'insert', icon: 'insert', label: l10n.t('Insert at Cursor') },
    { action: 'open', icon: 'go-to-file', label: openInNewEditorLabel() },
  ];
}

/** Wrap every finished `pre.code-block` under `root` with a toolbar (open fences get none: they change each frame). */
export function decorateCodeBlocks(root: ParentNode): void {
  for (const pre of Array.from(root.querySelectorAll('pre.code-block:not(.code-open)'))) {
    if (pre.parentElement?.classList.contains('code-block-frame')) continue;
    const code = pre.querySelector('code');
    const language = code?.getAttribute('data-lang') ?? '';
    const toolbar = h(
      'div',
      { class: 'code-toolbar', attrs: { role: 'toolbar', 'aria-label': l10n.t('Code block actions') } },
      h('span', { class: 'code-language', text: language }),
      ...actions().map(({ action, icon: iconName, label }) =>
        h(
          'button',
          {
            class: 'icon-button code-action',
            attrs: { type: 'button', 'data-code-action': action, 'aria-label': label, title: label },
          },
          icon(iconName),
        ),
      ),
    );
    // A long line scrolls sideways: the block takes the keyboard focus so arrow keys can scroll it (WCAG 2.1.1),
    // and says what it is when focused.
    pre.setAttribute('tabindex', '0');
    pre.setAttribute('role', 'group');
    pre.setAttribute('aria-label', language ? l10n.t('Code, {0}', language) : l10n.t('Code'));
    const frame = h('div', { class: 'code-block-frame' });
    pre.replaceWith(frame);
    frame.append(toolbar, pre);
  }
}

/** The delegated click listener for the toolbars under one container. Returns true when it handled the click. */
export function handleCodeActionClick(event: Event, onCodeAction: CodeActionHandler): boolean {
  const target = event.target as Element | null;
  const button = target?.closest?.('[data-code-action]');
  if (!button) return false;
  const frame = button.closest('.code-block-frame');
  const code = frame?.querySelector('pre > code');
  if (!code) return false;
  event.preventDefault();
  onCodeAction(button.getAttribute('data-code-action') as CodeAction, code.textContent ?? '', code.getAttribute('data-lang') ?? '');
  return true;
}
