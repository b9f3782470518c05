/**
 * Composition root of the Quick Chat's lazily loaded part (dist/chat.js): the view provider, the controller
 * that holds the truth, the conversation store, the key, the model catalog and the bodies of the chat
 * commands. wiring/chatFeatures.ts loads it when the chat view first resolves or a chat command runs, so a
 * window that never opens the chat never loads the REST client, the history or the protocol schemas.
 * Everything it needs from the always-loaded part is passed in.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { configureCoreL10n } from '../adapters/coreL10n';
import type { Log } from '../adapters/log';
import { ApiKeyStore } from '../adapters/chat/apiKeyStore';
import { EditorActions } from '../adapters/editor/editorActions';
import { chatSettings } from '../adapters/settings/chatSettings';
import { onSettingsChange } from '../adapters/settings/config';
import { chatCommandHandlers } from '../contributions/chat/chatCommands';
import { CMD, CONTEXT_KEY } from '../core/commandIds';
import { ChatViewProvider } from '../contributions/chatView/chatViewProvider';
import { ChatController } from '../core/chat/chatController';
import { streamChat } from '../core/chat/client';
import { HistoryStore } from '../core/chat/history';
import { lastActiveFile } from '../core/chat/lastActiveFile';
import { FALLBACK_MODELS, ModelCatalog, type CatalogCacheEntry } from '../core/chat/models';
import { createThrottledSaver } from '../core/chat/throttledSaver';
import { systemClock } from '../core/clock';
import { createChatWorkspace, type ChatWorkspace } from './chatWorkspace';

const CATALOG_CACHE_KEY = 'clineCompanion.modelCatalog';
const LAST_ACTIVE_FILE = 'last-conversation.txt';

export interface ChatFeatures {
  provider: ChatViewProvider;
  controller: ChatController;
  keys: ApiKeyStore;
  /** The chat commands' bodies, by command id. */
  commands: Record<string, (...args: never[]) => unknown>;
  /** The workspace tools and `@` mentions. */
  workspace: ChatWorkspace;
}

export function createChat(context: vscode.ExtensionContext, log: Log, startClineTask: (prompt: string) => Promise<boolean>): ChatFeatures {
  // This bundle's own copy of @vscode/l10n, for the words of the chat's core (errors, notes, tool summaries).
  configureCoreL10n();
  const provider = new ChatViewProvider(context.extensionUri, log);
  const keys = new ApiKeyStore(context.secrets);
  const actions = new EditorActions();
  const { workspace, disposable: workspaceParts } = createChatWorkspace((state) => provider.post({ type: 'workspace', workspace: state }));
  // The one clock of the chat: the store, the streaming saver, the controller and its sessions.
  const clock = systemClock;
  let corruptionReported = false;
  const store = new HistoryStore(path.join(context.globalStorageUri.fsPath, 'chat'), {
    clock,
    onCorrupt: (file, error) => {
      log.warn(`chat history: moved aside unreadable ${file} (${String(error)})`);
      if (corruptionReported) return;
      corruptionReported = true;
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t(
            'Cline Companion: a chat history file was unreadable and has been set aside (renamed *.corrupt). Everything else loaded.',
          ),
          vscode.l10n.t('Show Log'),
        )
        .then((choice) => choice && log.show());
    },
  });
  const catalog = new ModelCatalog({
    fetch: (input, init) => fetch(input, init),
    now: () => clock.now(),
    cache: {
      get: () => context.globalState.get<CatalogCacheEntry>(CATALOG_CACHE_KEY),
      set: async (value) => {
        await context.globalState.update(CATALOG_CACHE_KEY, value);
      },
    },
  });

  let answered = false;
  const controller = new ChatController({
    post: (m) => {
      provider.post(m);
      // The walkthrough's "Ask a first question" step is done once an answer has finished.
      if (!answered && m.type === 'streamEnd' && m.status === 'done' && !m.continues) {
        answered = true;
        void vscode.commands.executeCommand('setContext', CONTEXT_KEY.chatAnswered, true);
      }
    },
    store,
    createSaver: () => createThrottledSaver((c) => store.save(c), 1000, { clock }),
    stream: streamChat,
    settings: chatSettings,
    apiKey: () => keys.get(),
    models: async () => catalog.load(chatSettings().baseUrl, await keys.get()),
    initialModels: () => {
      const cached = context.globalState.get<CatalogCacheEntry>(CATALOG_CACHE_KEY);
      return cached?.models?.length ? cached.models : FALLBACK_MODELS.map((m) => ({ ...m }));
    },
    workspaceState: () => workspace.state(),
    suggestMentions: (query) => workspace.suggestMentions(query),
    resolveMentions: (mentions) => workspace.readMentions(mentions),
    tools: () => workspace.toolsNow(),
    actions: {
      copy: (text) => actions.copy(text),
      insertAtCursor: (code) => actions.insertAtCursor(code),
      openInEditor: (code, language) => actions.openInEditor(code, language),
      openLink: (href) => actions.openLink(href),
      setApiKey: async () => {
        await vscode.commands.executeCommand(CMD.setApiKey);
      },
      openWalkthrough: async () => {
        await vscode.commands.executeCommand(CMD.openWalkthrough);
      },
      continueInCline: startClineTask,
    },
    log,
    lastActive: lastActiveFile(path.join((context.storageUri ?? context.globalStorageUri).fsPath, LAST_ACTIVE_FILE)),
    newId: () => randomUUID(),
    clock,
  });
  provider.setHandler(controller);

  context.subscriptions.push(
    provider,
    keys,
    actions,
    workspaceParts,
    { dispose: () => controller.stopAll() },
    keys.onDidChange(() => void controller.apiKeyChanged()),
    onSettingsChange('chat.baseUrl', () => {
      void controller.refreshModels();
      void controller.apiKeyChanged();
    }),
  );
  const commands = chatCommandHandlers({
    provider,
    controller,
    keys,
    log,
    clearCatalogCache: () => context.globalState.update(CATALOG_CACHE_KEY, undefined),
  });
  return { provider, controller, keys, commands, workspace };
}
