/**
 * The Quick Chat's commands: open, new chat, models, the API key, Ask in Chat. Registered by the always-loaded
 * part (wiring/chatFeatures.ts); their bodies live here, in the chat's lazily loaded part.
 */
import * as vscode from 'vscode';
import type { Log } from '../../adapters/log';
import { type ApiKeyStore, promptForApiKey } from '../../adapters/chat/apiKeyStore';
import { chipFromEditor } from '../../adapters/editor/editorChip';
import type { ChatController } from '../../core/chat/chatController';
import { CMD } from '../../core/commandIds';
import type { ChatViewProvider } from '../chatView/chatViewProvider';

export interface ChatCommandServices {
  provider: ChatViewProvider;
  controller: ChatController;
  keys: ApiKeyStore;
  log: Log;
  /** Forgets the cached model catalog, so Refresh Model List really asks the server. */
  clearCatalogCache(): Thenable<void>;
}

export function chatCommandHandlers({
  provider,
  controller,
  keys,
  log,
  clearCatalogCache,
}: ChatCommandServices): Record<string, (...args: never[]) => unknown> {
  return {
    [CMD.openChat]: () => provider.reveal(),
    [CMD.newChat]: async () => {
      await provider.reveal();
      await controller.newChat();
    },
    [CMD.refreshModels]: async () => {
      await clearCatalogCache();
      await controller.refreshModels();
    },
    [CMD.setApiKey]: async (key?: unknown) => {
      // From code (tests, other extensions) the key may be passed in; from the UI a password box asks.
      const stored = typeof key === 'string' && key.trim() ? (await keys.set(key), true) : await promptForApiKey(keys);
      if (stored) {
        log.info('API key stored in SecretStorage');
        await controller.apiKeyChanged();
      }
    },
    [CMD.clearApiKey]: async () => {
      await keys.clear();
      log.info('API key removed from SecretStorage');
      await controller.apiKeyChanged();
      void vscode.window.showInformationMessage(
        (await keys.has())
          ? vscode.l10n.t('Cline Companion: API key cleared. CLINE_API_KEY from the environment is still used.')
          : vscode.l10n.t('Cline Companion: API key cleared.'),
      );
    },
    [CMD.askInChat]: async (uri?: vscode.Uri, range?: vscode.Range) => {
      const chip = await chipFromEditor(uri, range);
      if (!chip) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Cline Companion: select some code first, then Ask in Chat.'));
        return;
      }
      await provider.reveal();
      controller.attachChip(chip);
    },
  };
}
