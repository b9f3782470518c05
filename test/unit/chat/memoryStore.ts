import type { ConversationStore } from '../../../src/core/chat/chatController';
import type { Conversation, ConversationSummary } from '../../../src/protocol/chatProtocol';

/** The conversation store in memory; `load` and `save` copy, as the files do. */
export class MemoryStore implements ConversationStore {
  readonly items = new Map<string, Conversation>();
  async list(): Promise<ConversationSummary[]> {
    return [...this.items.values()].map((c) => ({
      id: c.id,
      title: c.title,
      model: c.model,
      updatedAt: c.updatedAt,
      messageCount: c.messages.length,
    }));
  }
  async load(id: string) {
    const c = this.items.get(id);
    return c && structuredClone(c);
  }
  async save(c: Conversation) {
    this.items.set(c.id, structuredClone(c));
  }
  async rename(id: string, title: string) {
    const c = this.items.get(id);
    if (c) c.title = title;
  }
  async delete(id: string) {
    this.items.delete(id);
  }
  async search(q: string) {
    return (await this.list()).filter((s) => s.title.toLowerCase().includes(q.toLowerCase()));
  }
  async prune() {
    return [];
  }
}
