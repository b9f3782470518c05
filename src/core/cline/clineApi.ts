/**
 * What we know about Cline (`saoudrizwan.claude-dev`): its id, its view, and the typed mirror of the API
 * its `activate()` returns. Only `src/cline/` may use these names; the rest of the extension goes
 * through the bridge. Pure: no `vscode` import, so the checks are unit-testable.
 */

export const CLINE_EXTENSION_ID = 'saoudrizwan.claude-dev';
/** The command that reveals Cline's sidebar view (VS Code creates `<viewId>.focus` for every view). */
export const CLINE_VIEW_FOCUS_COMMAND = 'claude-dev.SidebarProvider.focus';
/** The view container Cline contributes; the fallback when the focus command is missing. */
export const CLINE_VIEW_CONTAINER_COMMAND = 'workbench.view.extension.claude-dev-ActivityBar';

/** Mirror of upstream's `ClineAPI` (cline/cline src/exports/cline.d.ts). Every method is fire-and-forget. */
export interface ClineAPI {
  /** Clears the current task (no confirmation) and starts a new one. Resolves once it has started. */
  startNewTask(task?: string, images?: string[]): Promise<void>;
  /** Answers whatever Cline waits for; dropped silently when no task is open. */
  sendMessage(message?: string, images?: string[]): Promise<void>;
  /** "Yes": approve, save, run, resume. */
  pressPrimaryButton(): Promise<void>;
  /** "No": reject, cancel. */
  pressSecondaryButton(): Promise<void>;
}

export type ClineMethod = keyof ClineAPI;

export const CLINE_METHODS: readonly ClineMethod[] = ['startNewTask', 'sendMessage', 'pressPrimaryButton', 'pressSecondaryButton'];

/**
 * The methods `exports` lacks (all four when it is not an object). Checked before every call, not once:
 * Cline can be updated while the window is open and the new version's exports replace the old ones.
 */
export function missingClineMethods(exports: unknown): ClineMethod[] {
  if (typeof exports !== 'object' || exports === null) return [...CLINE_METHODS];
  const api = exports as Record<string, unknown>;
  return CLINE_METHODS.filter((m) => typeof api[m] !== 'function');
}
