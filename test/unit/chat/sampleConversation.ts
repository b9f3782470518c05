import type { Conversation } from '../../../src/protocol/chatProtocol';

/** A finished two-message conversation, as the store and the controller save it. */
export function conversation(id: string, updatedAt: number, extra: Partial<Conversation> = {}): Conversation {
  return {
    id,
    title: `Conversation ${id}`,
    model: 'anthropic/claude-sonnet-4',
    createdAt: updatedAt - 1,
    updatedAt,
    messages: [
      { id: `${id}-u`, role: 'user', content: `Question about ${id}`, createdAt: updatedAt - 1 },
      { id: `${id}-a`, role: 'assistant', content: 'An answer.', status: 'done', createdAt: updatedAt },
    ],
    ...extra,
  };
}
