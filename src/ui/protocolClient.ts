/**
 * The webview's side of the protocol: posts typed messages, routes host messages, and pairs
 * request/reply messages by `requestId`. Messages that don't match the protocol are dropped (and logged
 * as a warning), so a malformed message can't break the UI.
 */
import { isHostMessage, type HostMessage, type WebviewMessage } from '../protocol/chatProtocol';
import type { VsCodeApi } from './vscodeApi';

type Pending = { resolve: (result: unknown) => void; reject: (error: Error) => void };

export class ProtocolClient {
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly api: VsCodeApi<unknown>, private readonly onMessage: (message: HostMessage) => void) {
    window.addEventListener('message', this.onWindowMessage);
  }

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /** Post a request built with a fresh id; resolves with the reply's result, rejects with its error. */
  request(build: (requestId: number) => WebviewMessage): Promise<unknown> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.post(build(requestId));
    });
  }

  dispose(): void {
    window.removeEventListener('message', this.onWindowMessage);
    for (const { reject } of this.pending.values()) reject(new Error('disposed'));
    this.pending.clear();
  }

  private readonly onWindowMessage = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (!isHostMessage(data)) {
      console.warn('chat: dropped a malformed host message', typeof data === 'object' && data ? (data as { type?: unknown }).type : typeof data);
      return;
    }
    if (data.type === 'reply') {
      const pending = this.pending.get(data.requestId);
      if (!pending) return;
      this.pending.delete(data.requestId);
      if (data.ok) pending.resolve(data.result);
      else pending.reject(new Error(data.error ?? 'request failed'));
      return;
    }
    this.onMessage(data);
  };
}
