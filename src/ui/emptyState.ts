/**
 * What an empty conversation shows: a greeting, a few example questions (clicking one sends it), and what to
 * do next when new: the Get Started walkthrough and the API key.
 */
import * as l10n from '@vscode/l10n';
import { setApiKeyLabel } from '../protocol/chatStrings';
import { h, icon } from './dom';

/**
 * Questions the user can ask with one click, in their language: what is sent is what they read (the model
 * answers in the language it is asked in). The regular expression is a placeholder, so a translation cannot
 * break it (and `{3}` would read as one).
 */
function exampleQuestions(): string[] {
  return [
    l10n.t('Explain the difference between let, const and var in JavaScript'),
    l10n.t('Write a Python function that checks whether a string is a palindrome'),
    l10n.t('How do I undo the last git commit but keep my changes?'),
    l10n.t('What does the regular expression {0} match?', '^\\d{3}-\\d{4}$'),
  ];
}

export interface EmptyStateHooks {
  onAsk(question: string): void;
  onSetApiKey(): void;
  onOpenWalkthrough(): void;
}

export function renderEmptyState(hooks: EmptyStateHooks): HTMLElement {
  const action = (iconName: string, label: string, onClick: () => void): HTMLButtonElement =>
    h('button', { class: 'button', attrs: { type: 'button' }, on: { click: onClick } }, icon(iconName), h('span', { text: label }));
  return h(
    'div',
    { class: 'empty-state' },
    h('div', { class: 'empty-icon' }, icon('comment-discussion')),
    h('h2', { text: l10n.t('Ask Cline') }),
    h('p', { text: l10n.t('Quick questions, answered in the sidebar. Try one of these:') }),
    h(
      'ul',
      { class: 'examples', attrs: { 'aria-label': l10n.t('Example questions') } },
      ...exampleQuestions().map((question) =>
        h(
          'li',
          {},
          h('button', {
            class: 'example-question',
            text: question,
            attrs: { type: 'button' },
            on: { click: () => hooks.onAsk(question) },
          }),
        ),
      ),
    ),
    h(
      'div',
      { class: 'empty-actions' },
      action('rocket', l10n.t('Get Started'), hooks.onOpenWalkthrough),
      action('key', setApiKeyLabel(), hooks.onSetApiKey),
    ),
  );
}
