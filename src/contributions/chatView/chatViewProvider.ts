/**
 * The sidebar's webview view. It only renders what the host tells it: the host holds the truth
 * (src/core/chat/chatController.ts). Nothing is posted before the webview says `ready` (a message posted
 * to a webview that has not loaded its script is lost); every message from it is validated, and an
 * unknown or malformed one is logged and ignored.
 */
import * as vscode from 'vscode';
import { VIEW } from '../../core/commandIds';
import type { Log } from '../../adapters/log';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../protocol/chatProtocol';
import { chatHtml } from './chatHtml';

export interface ChatViewHandler {
  /** The webview (re)loaded and can take messages: send it the whole state once. */
  onReady(): void | Promise<void>;
  onMessage(message: Exclude<WebviewMessage, { type: 'ready' }>): void | Promise<void>;
}

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly viewDisposables: vscode.Disposable[] = [];
  private handler: ChatViewHandler | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {}

  setHandler(handler: ChatViewHandler): void {
    this.handler = handler;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    view.webview.html = chatHtml({
      cspSource: view.webview.cspSource,
      nonce: nonce(),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      highlighterUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'highlight.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.css')).toString(),
      codiconsUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
      // The webview has no vscode.l10n: it gets the display language and the same bundle as the host.
      language: vscode.env.language,
      title: vscode.l10n.t('Cline Chat'),
      noscript: vscode.l10n.t('The chat needs JavaScript.'),
      bundle: vscode.l10n.bundle,
    });
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  /** Posts to the webview if it is ready; otherwise drops it (the next `ready` resends the state). */
  post(message: HostMessage): boolean {
    if (!this.view || !this.ready) return false;
    void this.view.webview.postMessage(message);
    return true;
  }

  /** Reveals the view (loading it if needed). */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(false);
    else await vscode.commands.executeCommand(`${VIEW.chat}.focus`);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      const type =
        typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 50) : typeof raw;
      this.log.warn(`ignored a webview message (${type}): ${parsed.error}`);
      return;
    }
    try {
      if (parsed.message.type === 'ready') {
        this.ready = true;
        await this.handler?.onReady();
      } else {
        await this.handler?.onMessage(parsed.message);
      }
    } catch (err) {
      this.log.error(
        `handling webview message ${parsed.message.type} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    }
  }

  private disposeView(): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposeView();
  }
}
