/**
 * The webview's side of the protocol: posts typed messages, routes host messages, and pairs requests
 * with their replies by `requestId` (the request table is REQUESTS in the protocol). Messages that don't
 * match the protocol are dropped (and logged as a warning), so a malformed message can't break the UI.
 */
import * as l10n from '@vscode/l10n';
import {
  isHostMessage,
  isRequestResult,
  REQUESTS,
  type HostMessage,
  type RequestMessage,
  type RequestMethod,
  type RequestParams,
  type RequestResult,
  type WebviewMessage,
} from '../protocol/chatProtocol';
import type { VsCodeApi } from './vscodeApi';

/**
 * How long a request waits for its reply. The host answers every request, but it can be stuck (a slow
 * disk, a busy extension host): after this the user is told instead of waiting on nothing.
 */
export const REQUEST_TIMEOUT_MS = 10_000;

type Pending = {
  method: RequestMethod;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
};

export class ProtocolClient {
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly api: VsCodeApi<unknown>,
    private readonly onMessage: (message: HostMessage) => void,
  ) {
    window.addEventListener('message', this.onWindowMessage);
  }

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /**
   * Ask the host. Resolves with the reply's result (checked against the request table); rejects with an
   * Error whose message is for the user: the host's error, or that no (readable) answer came in time.
   */
  request<M extends RequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
    const requestId = this.nextRequestId++;
    const { failure } = REQUESTS[method];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(failure(l10n.t('the extension did not answer within {0} seconds.', REQUEST_TIMEOUT_MS / 1000))));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(requestId, { method, resolve: resolve as (result: unknown) => void, reject, timer });
      // A request message is the method as its type, the id and the params (see REQUESTS).
      this.post({ type: method, requestId, ...params } as RequestMessage);
    });
  }

  private readonly onWindowMessage = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (!isHostMessage(data)) {
      console.warn(
        'chat: dropped a malformed host message',
        typeof data === 'object' && data ? (data as { type?: unknown }).type : typeof data,
      );
      return;
    }
    if (data.type === 'reply') {
      const pending = this.pending.get(data.requestId);
      if (!pending) return; // answered after its timeout: the user was told already
      this.pending.delete(data.requestId);
      clearTimeout(pending.timer);
      if (!data.ok) pending.reject(new Error(data.error));
      else if (isRequestResult(pending.method, data.result)) pending.resolve(data.result);
      else pending.reject(new Error(REQUESTS[pending.method].failure(l10n.t("the extension's answer could not be read."))));
      return;
    }
    this.onMessage(data);
  };
}
