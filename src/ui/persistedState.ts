/**
 * What must survive the view being hidden or reloaded: the text being typed, the scroll position and
 * which conversation is open. Kept with VS Code's `getState/setState` (per webview, no disk, no host).
 */
import type { VsCodeApi } from './vscodeApi';

export interface ViewState {
  draft: string;
  scrollTop: number;
  conversationId: string | null;
}

const EMPTY: ViewState = { draft: '', scrollTop: 0, conversationId: null };

function sanitizeState(raw: unknown): ViewState {
  if (typeof raw !== 'object' || raw === null) return { ...EMPTY };
  const r = raw as Partial<Record<keyof ViewState, unknown>>;
  return {
    draft: typeof r.draft === 'string' ? r.draft : '',
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
