/**
 * The always-loaded side of the Quick Chat: it registers the chat view and the chat commands, and nothing
 * else. The chat itself (REST client, history, model catalog, view provider, protocol schemas) is
 * dist/chat.js (wiring/chatChunk.ts), required when the view first resolves or a chat command runs.
 */
import * as vscode from 'vscode';
import type { Log } from '../adapters/log';
import { CMD, VIEW } from '../core/commandIds';
import type { ChatFeatures } from './chatChunk';

const CHAT_COMMANDS = [CMD.openChat, CMD.newChat, CMD.askInChat, CMD.setApiKey, CMD.clearApiKey, CMD.refreshModels] as const;

/** Loads dist/chat.js, next to dist/extension.js. Kept out of the main bundle by esbuild.js (external). */
function requireChatChunk(): typeof import('./chatChunk') {
  return require('./chat.js') as typeof import('./chatChunk');
}

export interface ChatLoader {
  /** The chat, loaded on first call. */
  load(): ChatFeatures;
}

export function registerChat(context: vscode.ExtensionContext, log: Log, startClineTask: (prompt: string) => Promise<boolean>): ChatLoader {
  let chat: ChatFeatures | undefined;
  const load = (): ChatFeatures => {
    if (chat) return chat;
    const started = performance.now();
    chat = requireChatChunk().createChat(context, log, startClineTask);
    log.debug(`chat: loaded in ${(performance.now() - started).toFixed(1)} ms`);
    return chat;
  };
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(VIEW.chat, {
      resolveWebviewView: (view) => load().provider.resolveWebviewView(view),
    }),
    ...CHAT_COMMANDS.map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => (load().commands[id] as (...a: unknown[]) => unknown)(...args)),
    ),
  );
  return { load };
}
