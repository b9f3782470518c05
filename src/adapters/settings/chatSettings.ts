/** The Quick Chat's settings, read on use so a change applies to the next request. */
import type { ChatControllerSettings } from '../../core/chat/chatController';
import { CLINE_BASE_URL } from '../../core/chat/models';
import { setting } from './config';

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
