/** Entry of the chat webview bundle (dist/webview.js): start the app and say `ready` to the host. */
import { ChatApp } from './app';
import { configureL10n } from './locale';
import { readHighlighterSource } from './markdown/highlight';
import { PersistedState } from './persistedState';
import { ProtocolClient } from './protocolClient';
import { vscodeApi } from './vscodeApi';

function start(): void {
  // The translations first: nothing may be drawn (or say a word) in English before them.
  configureL10n();
  const api = vscodeApi<unknown>();
  const persisted = new PersistedState(api);
  const root = document.getElementById('app') ?? document.body;
  // Host messages arrive as events, after `app` exists.
  const client = new ProtocolClient(api, (message) => app.handle(message));
  const app = new ChatApp(root, client, persisted);
  client.post({ type: 'ready' });
}

// Now, while this script runs: later `document.currentScript` is null.
readHighlighterSource();

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
