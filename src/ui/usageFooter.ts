/**
 * Token and cost display: the footer under each answer and the running total of a conversation.
 */
import * as l10n from '@vscode/l10n';
import type { ChatMessage, Usage } from '../protocol/chatProtocol';
import { h } from './dom';
import { formatCost, formatNumber } from './locale';

/** "1,234 in · 56 out · 1,000 cached · $0.0012" (the cost only when the server reported one), in the page's language. */
export function usageText(usage: Usage): string {
  const tokens = l10n.t(
    '{0} in · {1} out · {2} cached',
    formatNumber(usage.promptTokens),
    formatNumber(usage.completionTokens),
    formatNumber(usage.cachedTokens),
  );
  return usage.cost === undefined ? tokens : l10n.t('{0} · {1}', tokens, formatCost(usage.cost));
}

/** Sum of the usage of all answers; the cost is summed over the answers that reported one. */
export function totalUsage(messages: readonly ChatMessage[]): Usage | undefined {
  let total: Usage | undefined;
  for (const message of messages) {
    const usage = message.usage;
    if (!usage) continue;
    total ??= { promptTokens: 0, completionTokens: 0, cachedTokens: 0 };
    total.promptTokens += usage.promptTokens;
    total.completionTokens += usage.completionTokens;
    total.cachedTokens += usage.cachedTokens;
    if (usage.cost !== undefined) total.cost = (total.cost ?? 0) + usage.cost;
  }
  return total;
}

/** The footer element under one answer. */
export function usageFooter(usage: Usage): HTMLElement {
  return h(
    'div',
    { class: 'usage-footer' },
    // Said, not shown: what the numbers are (an aria-label on a plain div is not read).
    h('span', { class: 'visually-hidden', text: `${l10n.t('Tokens and cost:')} ` }),
    h('span', { class: 'usage-numbers', text: usageText(usage) }),
  );
}
