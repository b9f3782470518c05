/**
 * Token and cost display: the footer under each answer and the running total of a conversation.
 */
import type { ChatMessage, Usage } from '../protocol/chatProtocol';
import { h } from './dom';

const tokenFormat = new Intl.NumberFormat('en-US');

/** `$0.0012` below a dollar (answers are cheap, cents would show $0.00), `$1.25` above. */
function formatCost(cost: number): string {
  return `$${cost < 1 ? cost.toFixed(4) : cost.toFixed(2)}`;
}

/** "1,234 in · 56 out · 1,000 cached · $0.0012" (the cost only when the server reported one). */
export function usageText(usage: Usage): string {
  const parts = [
    `${tokenFormat.format(usage.promptTokens)} in`,
    `${tokenFormat.format(usage.completionTokens)} out`,
    `${tokenFormat.format(usage.cachedTokens)} cached`,
  ];
  if (usage.cost !== undefined) parts.push(formatCost(usage.cost));
  return parts.join(' · ');
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
    h('span', { class: 'visually-hidden', text: 'Tokens and cost: ' }),
    h('span', { class: 'usage-numbers', text: usageText(usage) }),
  );
}
