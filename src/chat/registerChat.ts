/**
 * Wires the sidebar quick chat: the webview view, the controller that holds the truth, the
 * conversation store, the key, the model catalog and the chat commands. Nothing here does I/O at
 * activation: the store and the catalog are touched when the view first loads.
 */
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Log } from '../log';
import type { ClineFeatures } from '../cline/registerClineFeatures';
import { onSettingsChange, setting } from '../config';
import { ChatViewProvider, CHAT_VIEW_ID } from '../webview/chatViewProvider';
import { EditorActions } from '../webview/editorActions';
import { ChatController, type ChatControllerSettings } from './chatController';
import { streamChat } from './client';
import { ApiKeyStore, promptForApiKey } from './keys';
import { CLINE_BASE_URL, FALLBACK_MODELS, ModelCatalog, type CatalogCacheEntry } from './models';
import { HistoryStore, createThrottledSaver } from './history';
import { chipFromEditor } from './editorChip';

const CATALOG_CACHE_KEY = 'clineCompanion.modelCatalog';
const LAST_ACTIVE_FILE = 'last-conversation.txt';

/**
 * Which conversation was open, per workspace. A file rather than workspaceState: the web workbench
 * flushes state lazily, and a reload in the middle of an answer must still find the conversation.
 */
function lastActiveFile(file: string): { get(): string | undefined; set(id: string | undefined): void } {
  let current: string | undefined;
  let loaded = false;
  return {
    get() {
      if (!loaded) {
        loaded = true;
        try {
          current = fs.readFileSync(file, 'utf8').trim() || undefined;
        } catch {
          current = undefined; // never written yet
        }
      }
      return current;
    },
    set(id) {
      if (id === current) return;
      current = id;
      loaded = true;
      void fs.promises.mkdir(path.dirname(file), { recursive: true }).then(() => fs.promises.writeFile(file, id ?? '')).catch(() => undefined);
    },
  };
}

export function chatSettings(): ChatControllerSettings {
  const temperature = setting<number | null>('chat.temperature', null);
  return {
    baseUrl: setting('chat.baseUrl', CLINE_BASE_URL).trim() || CLINE_BASE_URL,
    model: setting('chat.model', 'anthropic/claude-sonnet-4-6'),
    temperature: typeof temperature === 'number' ? temperature : undefined,
    systemPrompt: setting('chat.systemPrompt', ''),
    idleTimeoutMs: Math.max(1, setting('chat.idleTimeoutSeconds', 60)) * 1000,
    maxConversations: Math.max(1, setting('chat.maxConversations', 200)),
  };
}

export interface ChatFeatures {
  provider: ChatViewProvider;
  controller: ChatController;
  keys: ApiKeyStore;
}

export function registerChat(context: vscode.ExtensionContext, log: Log, cline: ClineFeatures): ChatFeatures {
  const provider = new ChatViewProvider(context.extensionUri, log);
  const keys = new ApiKeyStore(context.secrets);
  const actions = new EditorActions();
  let corruptionReported = false;
  const store = new HistoryStore(path.join(context.globalStorageUri.fsPath, 'chat'), {
    onCorrupt: (file, error) => {
      log.warn(`chat history: moved aside unreadable ${file} (${String(error)})`);
      if (corruptionReported) return;
      corruptionReported = true;
      void vscode.window.showWarningMessage(
        'Cline Companion: a chat history file was unreadable and has been set aside (renamed *.corrupt). Everything else loaded.',
        'Show Log',
      ).then((choice) => choice && log.show());
    },
  });
  const catalog = new ModelCatalog({
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    cache: {
      get: () => context.globalState.get<CatalogCacheEntry>(CATALOG_CACHE_KEY),
      set: async (value) => { await context.globalState.update(CATALOG_CACHE_KEY, value); },
    },
  });

  const controller = new ChatController({
    post: (m) => provider.post(m),
    store,
    createSaver: () => createThrottledSaver((c) => store.save(c), 1000),
    stream: streamChat,
    settings: chatSettings,
    apiKey: () => keys.get(),
    models: async () => catalog.load(chatSettings().baseUrl, await keys.get()),
    initialModels: () => {
      const cached = context.globalState.get<CatalogCacheEntry>(CATALOG_CACHE_KEY);
      return cached?.models?.length ? cached.models : FALLBACK_MODELS.map((m) => ({ ...m }));
    },
    actions: {
      copy: (text) => actions.copy(text),
      insertAtCursor: (code) => actions.insertAtCursor(code),
      openInEditor: (code, language) => actions.openInEditor(code, language),
      openLink: (href) => actions.openLink(href),
      setApiKey: async () => { await vscode.commands.executeCommand('clineCompanion.setApiKey'); },
      continueInCline: (prompt) => cline.startTask(prompt, { source: 'chat' }),
    },
    log,
    lastActive: lastActiveFile(path.join((context.storageUri ?? context.globalStorageUri).fsPath, LAST_ACTIVE_FILE)),
    newId: () => randomUUID(),
    now: () => Date.now(),
  });
  provider.setHandler(controller);

  context.subscriptions.push(
    provider,
    keys,
    actions,
    { dispose: () => controller.stopAll() },
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider),
    keys.onDidChange(() => void controller.apiKeyChanged()),
    onSettingsChange('chat.baseUrl', () => void controller.refreshModels()),
    vscode.commands.registerCommand('clineCompanion.openChat', () => provider.reveal()),
    vscode.commands.registerCommand('clineCompanion.newChat', async () => {
      await provider.reveal();
      await controller.newChat();
    }),
    vscode.commands.registerCommand('clineCompanion.refreshModels', async () => {
      await context.globalState.update(CATALOG_CACHE_KEY, undefined);
      await controller.refreshModels();
    }),
    vscode.commands.registerCommand('clineCompanion.setApiKey', async (key?: unknown) => {
      // From code (tests, other extensions) the key may be passed in; from the UI a password box asks.
      const stored = typeof key === 'string' && key.trim() ? (await keys.set(key), true) : await promptForApiKey(keys);
      if (stored) {
        log.info('API key stored in SecretStorage');
        await controller.apiKeyChanged();
      }
    }),
    vscode.commands.registerCommand('clineCompanion.clearApiKey', async () => {
      await keys.clear();
      log.info('API key removed from SecretStorage');
      await controller.apiKeyChanged();
      const env = (await keys.has()) ? ' CLINE_API_KEY from the environment is still used.' : '';
      void vscode.window.showInformationMessage(`Cline Companion: API key cleared.${env}`);
    }),
    vscode.commands.registerCommand('clineCompanion.askInChat', async (uri?: vscode.Uri, range?: vscode.Range) => {
      const chip = await chipFromEditor(uri, range);
      if (!chip) {
        void vscode.window.showInformationMessage('Cline Companion: select some code first, then Ask in Chat.');
        return;
      }
      await provider.reveal();
      controller.attachChip(chip);
    }),
  );
  return { provider, controller, keys };
}
