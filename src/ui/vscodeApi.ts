/**
 * The VS Code webview API, as the page sees it. `acquireVsCodeApi` is injected by VS Code (and by the
 * browser tests' stub) and may be called only once per page.
 */
export interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): State;
}

declare global {
  function acquireVsCodeApi<State = unknown>(): VsCodeApi<State>;
}

let api: VsCodeApi<unknown> | undefined;

/** The page's one VS Code API object. */
export function vscodeApi<State>(): VsCodeApi<State> {
  api ??= acquireVsCodeApi<unknown>();
  return api as VsCodeApi<State>;
}
