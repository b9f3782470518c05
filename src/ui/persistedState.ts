/**
 * What must survive the view being hidden or reloaded: the text being typed and its `@` mentions, the
 * scroll position and which conversation is open. Kept with VS Code's `getState/setState` (per webview,
 * no disk, no host).
 */
import { isMention, type Mention } from '../protocol/chatProtocol';
import type { VsCodeApi } from './vscodeApi';

export interface ViewState {
  draft: string;
  /** The mention chips of the draft (read by the host only when it is sent). */
  mentions: Mention[];
  scrollTop: number;
  conversationId: string | null;
}

const EMPTY: ViewState = { draft: '', mentions: [], scrollTop: 0, conversationId: null };

function sanitizeState(raw: unknown): ViewState {
  if (typeof raw !== 'object' || raw === null) return { ...EMPTY, mentions: [] };
  const r = raw as Partial<Record<keyof ViewState, unknown>>;
  return {
    draft: typeof r.draft === 'string' ? r.draft : '',
    mentions: Array.isArray(r.mentions) ? r.mentions.filter(isMention) : [],
    scrollTop: typeof r.scrollTop === 'number' && Number.isFinite(r.scrollTop) ? r.scrollTop : 0,
    conversationId: typeof r.conversationId === 'string' ? r.conversationId : null,
  };
}

export class PersistedState {
  private state: ViewState;

  constructor(private readonly api: VsCodeApi<unknown>) {
    this.state = sanitizeState(api.getState());
  }

  get(): Readonly<ViewState> {
    return this.state;
  }

  /** Merge and save at once (setState is cheap and synchronous; a debounce could lose the last keystrokes). */
  update(patch: Partial<ViewState>): void {
    this.state = { ...this.state, ...patch };
    this.api.setState(this.state);
  }
}
