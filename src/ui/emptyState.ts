/**
 * What an empty conversation shows: a greeting, a few example questions (clicking one sends it), and what to
 * do next when new: the Get Started walkthrough and the API key.
 */
import { h, icon } from './dom';

const EXAMPLE_QUESTIONS: readonly string[] = [
  'Explain the difference between let, const and var in JavaScript',
  'Write a Python function that checks whether a string is a palindrome',
  'How do I undo the last git commit but keep my changes?',
  'What does the regular expression ^\\d{3}-\\d{4}$ match?',
];

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
    h('h2', { text: 'Ask Cline' }),
    h('p', { text: 'Quick questions, answered in the sidebar. Try one of these:' }),
    h(
      'ul',
      { class: 'examples', attrs: { 'aria-label': 'Example questions' } },
      ...EXAMPLE_QUESTIONS.map((question) =>
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
      action('rocket', 'Get Started', hooks.onOpenWalkthrough),
      action('key', 'Set API Key', hooks.onSetApiKey),
    ),
  );
}
