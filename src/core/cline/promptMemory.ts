/**
 * So that no typed prompt is ever lost: the drafts (text that failed to reach Cline, or that the user
 * typed and then dismissed) and a short history of what was sent. Both live in a key-value store
 * (`ExtensionContext.globalState` in the product), so they survive the "Reload Window" that enabling
 * Cline may need. Pure apart from that store, which tests replace with a Map.
 */

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/**
 * Which input a draft belongs to: the text of "Start Cline Task" (`task`), of "Send Message" (`message`),
 * or the `{{input}}` answer of one template (`input:<templateId>`).
 */
export type DraftKey = 'task' | 'message' | `input:${string}`;

const HISTORY_KEY = 'clineCompanion.promptHistory';
const DRAFTS_KEY = 'clineCompanion.promptDrafts';
/** One prompt longer than this is not worth a history slot (it was pasted, and is too long to pick from a list). */
const MAX_HISTORY_ENTRY_CHARS = 10_000;

export class PromptMemory {
  constructor(
    private readonly store: KeyValueStore,
    /** How many prompts the history keeps; 0 turns it off (and clears it on the next write). */
    private readonly historySize: () => number,
  ) {}

  /** Most recent first. */
  history(): string[] {
    const limit = Math.max(0, Math.floor(this.historySize()));
    const saved = this.store.get<unknown>(HISTORY_KEY);
    if (!Array.isArray(saved) || limit === 0) return [];
    return saved.filter((s): s is string => typeof s === 'string').slice(0, limit);
  }

  /** Puts `text` at the top of the history (moving it there when it was already in it). */
  async remember(text: string): Promise<void> {
    const trimmed = text.trim();
    const limit = Math.max(0, Math.floor(this.historySize()));
    if (limit === 0) {
      if (this.store.get(HISTORY_KEY) !== undefined) await this.store.update(HISTORY_KEY, undefined);
      return;
    }
    if (trimmed === '' || trimmed.length > MAX_HISTORY_ENTRY_CHARS) return;
    const next = [trimmed, ...this.history().filter((h) => h !== trimmed)].slice(0, limit);
    await this.store.update(HISTORY_KEY, next);
  }

  async forget(text: string): Promise<void> {
    await this.store.update(
      HISTORY_KEY,
      this.history().filter((h) => h !== text),
    );
  }

  draft(key: DraftKey): string | undefined {
    const drafts = this.drafts();
    const value = drafts[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  /** Keeps `text` for the next time the `key` input opens; empty or undefined removes the draft. */
  async setDraft(key: DraftKey, text: string | undefined): Promise<void> {
    const drafts = this.drafts();
    if (text === undefined || text.trim() === '') {
      if (!(key in drafts)) return;
      delete drafts[key];
    } else {
      if (drafts[key] === text) return;
      drafts[key] = text;
    }
    await this.store.update(DRAFTS_KEY, drafts);
  }

  /** Removes the draft only when it still holds `text` (a newer draft typed meanwhile survives). */
  async clearDraftIf(key: DraftKey, text: string): Promise<void> {
    if (this.draft(key) === text) await this.setDraft(key, undefined);
  }

  private drafts(): Record<string, string> {
    const saved = this.store.get<unknown>(DRAFTS_KEY);
    return saved && typeof saved === 'object' && !Array.isArray(saved) ? { ...(saved as Record<string, string>) } : {};
  }
}
