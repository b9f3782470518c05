/** Host messages and data for the webview app tests. */
import { realisticAnswer } from './sampleMarkdown';
import type {
  ChatMessage,
  Conversation,
  ConversationSummary,
  HostMessage,
  HostMessageOf,
  ModelInfo,
} from '../../src/protocol/chatProtocol';

export const MODELS: ModelInfo[] = [
  { id: 'anthropic/claude-sonnet-4', name: 'Claude Sonnet 4' },
  { id: 'openai/gpt-4o', name: 'GPT-4o' },
  { id: 'x-ai/grok-code-fast-1', name: 'Grok Code Fast', free: true },
  { id: 'qwen/qwen3-coder', name: 'Qwen3 Coder', free: true },
];

export const SUMMARIES: ConversationSummary[] = [
  { id: 'c1', title: 'Regex help', model: 'openai/gpt-4o', updatedAt: Date.UTC(2026, 0, 3), messageCount: 2 },
  { id: 'c2', title: 'Python palindrome', model: 'anthropic/claude-sonnet-4', updatedAt: Date.UTC(2026, 0, 2), messageCount: 2 },
  { id: 'c3', title: 'Git undo', model: 'anthropic/claude-sonnet-4', updatedAt: Date.UTC(2026, 0, 1), messageCount: 4 },
];

let nextId = 1;
export function message(role: 'user' | 'assistant', content: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { id: `m${nextId++}`, role, content, createdAt: 1_700_000_000_000 + nextId, ...extra };
}

/**
 * A long conversation's messages: `count` questions, each answered by ~`answerChars` of realistic markdown
 * starting with "Answer marker {i}." (so each answer can be found), seeded by `seed + i`.
 */
export function questionsAndAnswers(count: number, answerChars: number, seed: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => [
    message('user', `Question ${i}`),
    message('assistant', `Answer marker ${i}.\n\n${realisticAnswer(answerChars, seed + i)}`, { status: 'done' }),
  ]).flat();
}

export function conversation(id: string, messages: ChatMessage[], extra: Partial<Conversation> = {}): Conversation {
  const summary = SUMMARIES.find((s) => s.id === id);
  return {
    id,
    title: summary?.title ?? 'Chat',
    model: summary?.model ?? 'anthropic/claude-sonnet-4',
    createdAt: 1,
    updatedAt: 2,
    messages,
    ...extra,
  };
}

export function init(extra: Partial<HostMessageOf<'init'>> = {}): HostMessage {
  return {
    type: 'init',
    conversations: SUMMARIES,
    active: null,
    models: MODELS,
    defaultModel: 'anthropic/claude-sonnet-4',
    hasApiKey: true,
    keyRequired: true,
    chips: [],
    workspace: { trusted: true, tools: true, hasFolder: true },
    ...extra,
  };
}

/** The messages a host sends for a whole answer: start, the content in deltas, end. */
export function answerStream(
  conversationId: string,
  content: string,
  options: {
    chunk?: number;
    reasoning?: string;
    userText?: string;
    usage?: HostMessageOf<'streamEnd'>['usage'];
  } = {},
): { start: HostMessage; deltas: HostMessage[]; end: HostMessage; messageId: string } {
  const answer = message('assistant', '', { status: 'streaming', model: 'anthropic/claude-sonnet-4' });
  const chunk = options.chunk ?? 7;
  const deltas: HostMessage[] = [];
  if (options.reasoning) deltas.push({ type: 'streamDelta', conversationId, messageId: answer.id, reasoning: options.reasoning });
  for (let i = 0; i < content.length; i += chunk) {
    deltas.push({ type: 'streamDelta', conversationId, messageId: answer.id, content: content.slice(i, i + chunk) });
  }
  return {
    messageId: answer.id,
    start: {
      type: 'streamStart',
      conversationId,
      message: answer,
      userMessage: options.userText !== undefined ? message('user', options.userText) : undefined,
    },
    deltas,
    end: { type: 'streamEnd', conversationId, messageId: answer.id, status: 'done', usage: options.usage },
  };
}
