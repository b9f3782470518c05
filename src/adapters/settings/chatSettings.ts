/** The Quick Chat's settings, read on use so a change applies to the next request. */
import type { ChatControllerSettings } from '../../core/chat/chatController';
import { SETTING_DEFAULTS } from '../../core/settingDefaults';
import { setting } from './config';

/** The model is passed on as set: the controller decides whether it can be sent (and says so when not). */
export function chatSettings(): ChatControllerSettings {
  const temperature = setting('chat.temperature');
  return {
    baseUrl: setting('chat.baseUrl').trim() || SETTING_DEFAULTS['chat.baseUrl'],
    model: setting('chat.model'),
    temperature: typeof temperature === 'number' ? temperature : undefined,
    systemPrompt: setting('chat.systemPrompt'),
    idleTimeoutMs: Math.max(1, setting('chat.idleTimeoutSeconds')) * 1000,
    maxConversations: Math.max(1, setting('chat.maxConversations')),
  };
}
