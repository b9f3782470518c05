/**
 * The one wire protocol between the extension host and the chat webview.
 *
 * Both bundles import this module, so every message shape is written once: as a valibot schema, with
 * its TypeScript type inferred from it. The host runs `parseWebviewMessage` on everything the webview
 * posts (the webview is the less trusted side: it renders model output). The webview runs
 * `isHostMessage` on what it receives, so a malformed message is dropped instead of breaking the UI.
 *
 * Only `import * as v` is used, so esbuild keeps just the valibot functions named here.
 */
import * as l10n from '@vscode/l10n';
import * as v from 'valibot';
import { MAX_MODEL_ID_CHARS } from './modelId';

/** Longest text the webview may post (a message, code to insert, text to copy). ~1 MB of UTF-16 units. */
export const MAX_TEXT_CHARS = 1_000_000;
/** Longest id (conversation, chip, request id string); model ids have their own bound (modelId.ts). */
export const MAX_ID_CHARS = 200;
/** Longest short string the webview may post (titles, languages, links, search queries). */
const MAX_SHORT_CHARS = 8_192;

const idString = v.pipe(v.string(), v.maxLength(MAX_ID_CHARS));
const textString = v.pipe(v.string(), v.maxLength(MAX_TEXT_CHARS));
const shortString = v.pipe(v.string(), v.maxLength(MAX_SHORT_CHARS));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** Only bounded here: whether the id can be sent is modelId.ts's rule, applied by the host, which says why it refuses one. */
const modelIdString = v.pipe(v.string(), v.maxLength(MAX_MODEL_ID_CHARS));

// ---- shared shapes ----

const UsageSchema = v.object({
  promptTokens: count,
  completionTokens: count,
  cachedTokens: count,
  /** USD; undefined when the server did not report a cost. */
  cost: v.optional(v.number()),
});
export type Usage = v.InferOutput<typeof UsageSchema>;

const ERROR_KINDS = [
  'unauthorized',
  'payment',
  'forbidden',
  'notFound',
  'rateLimited',
  'server',
  'network',
  'midstream',
  'timeout',
  'aborted',
  'badResponse',
  'noApiKey',
] as const;
const ErrorKindSchema = v.picklist(ERROR_KINDS);
export type ErrorKind = v.InferOutput<typeof ErrorKindSchema>;

/** An error as the UI shows it: words and actions come from one table keyed by kind (src/ui/errorView.ts). */
const ErrorViewSchema = v.object({
  kind: ErrorKindSchema,
  /** HTTP status, when there was one. */
  status: v.optional(v.number()),
  /** Mid-stream error code (`context_length_exceeded`, …) or the server's error code. */
  code: v.optional(v.string()),
  message: v.string(),
  /** The `x-request-id` response header, shown with a Copy button for support. */
  requestId: v.optional(v.string()),
  retryable: v.boolean(),
});
export type ErrorView = v.InferOutput<typeof ErrorViewSchema>;

/**
 * The life of a workspace tool call once its arguments are complete: `waiting` for the user's approval,
 * `running`, then `done`, `refused` (outside the workspace, a protected or ignored file, bad arguments),
 * `denied` (the user said no), `failed` (an error reading) or `cancelled` (Stop).
 */
const TOOL_CALL_STATES = ['waiting', 'running', 'done', 'refused', 'denied', 'failed', 'cancelled'] as const;

/**
 * A tool call of an answer. In `streamDelta` these are fragments keyed by `index`, like content:
 * `arguments` is APPENDED to the call with the same index; `name`/`id` replace when non-empty.
 * In a stored `ChatMessage` they are complete.
 */
const ToolCallViewSchema = v.object({
  index: count,
  id: v.optional(v.string()),
  name: v.string(),
  arguments: v.string(),
  /** Where the call is (absent while its arguments stream in); see TOOL_CALL_STATES. */
  state: v.optional(v.picklist(TOOL_CALL_STATES)),
  /** For the user: what was read or refused (paths, line ranges, sizes), one line. */
  summary: v.optional(v.string()),
  /** Exactly what was sent back to the model as the tool result (shown as text, never as HTML). */
  output: v.optional(v.string()),
});
export type ToolCallView = v.InferOutput<typeof ToolCallViewSchema>;
export type ToolCallState = (typeof TOOL_CALL_STATES)[number];

/** The user's answer to a tool call waiting for approval (the buttons Allow, Allow for This Conversation, Deny). */
const TOOL_DECISIONS = ['allow', 'allowConversation', 'deny'] as const;
export type ToolDecision = (typeof TOOL_DECISIONS)[number];

/**
 * What the user can mention with `@` in the composer. The host reads a mention when the message is sent, so
 * it is current: `file` (a workspace-relative path), `folder` (a listing), `selection` (the active editor's),
 * `problems` (the active file's diagnostics), `problemsWorkspace` (all), `changes` (the working-tree diff).
 */
const MENTION_KINDS = ['file', 'folder', 'selection', 'problems', 'problemsWorkspace', 'changes'] as const;
const MentionSchema = v.object({
  kind: v.picklist(MENTION_KINDS),
  /** Workspace-relative, `/`-separated; only for `file` and `folder` (the host confines it to the workspace). */
  path: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  /** As shown on the chip and in the list, e.g. `@src/app.ts`, `@problems`. */
  label: v.pipe(v.string(), v.maxLength(4096)),
});
export type Mention = v.InferOutput<typeof MentionSchema>;
/** A suggestion of the `@` list: a mention plus a second line (a folder, a description). */
const MentionSuggestionSchema = v.object({ ...MentionSchema.entries, detail: v.optional(v.string()) });
export type MentionSuggestion = v.InferOutput<typeof MentionSuggestionSchema>;
/** Most mentions one message may carry. */
export const MAX_MENTIONS = 50;

/** Whether the workspace tools and file mentions can be used, and why not (Restricted Mode, the setting). */
const WorkspaceStateSchema = v.object({
  /** False in Restricted Mode (an untrusted workspace): no tools, no file mentions. */
  trusted: v.boolean(),
  /** `chat.tools.enabled` and trusted. */
  tools: v.boolean(),
  /** At least one workspace folder is open (mentions of files and folders need one). */
  hasFolder: v.boolean(),
});
export type WorkspaceState = v.InferOutput<typeof WorkspaceStateSchema>;

const MessageStatusSchema = v.picklist(['streaming', 'done', 'stopped', 'error', 'interrupted']);
export type MessageStatus = v.InferOutput<typeof MessageStatusSchema>;

const ContextChipSchema = v.object({
  id: v.string(),
  /** `path:lines`, as shown on the chip. */
  label: v.string(),
  language: v.string(),
  code: v.string(),
  /** Where it came from: an `@` mention's kind; absent for a snippet attached with Ask in Chat. */
  mention: v.optional(v.picklist(MENTION_KINDS)),
  /** What the size budget cut or why it is empty (`cut: 120 KB of 300 KB`), shown on the chip and sent with it. */
  note: v.optional(v.string()),
});
export type ContextChip = v.InferOutput<typeof ContextChipSchema>;

const ChatMessageSchema = v.object({
  id: v.string(),
  role: v.picklist(['user', 'assistant']),
  content: v.string(),
  reasoning: v.optional(v.string()),
  toolCalls: v.optional(v.array(ToolCallViewSchema)),
  usage: v.optional(UsageSchema),
  status: v.optional(MessageStatusSchema),
  error: v.optional(ErrorViewSchema),
  model: v.optional(v.string()),
  context: v.optional(v.array(ContextChipSchema)),
  /** Quiet notes shown under a message (e.g. "This model does not take tools: answered without them"). */
  notes: v.optional(v.array(v.string())),
  createdAt: v.number(),
});
export type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;

export const ConversationSummarySchema = v.object({
  id: v.string(),
  title: v.string(),
  model: v.string(),
  updatedAt: v.number(),
  messageCount: count,
});
export type ConversationSummary = v.InferOutput<typeof ConversationSummarySchema>;

export const ConversationSchema = v.object({
  id: v.string(),
  title: v.string(),
  model: v.string(),
  createdAt: v.number(),
  updatedAt: v.number(),
  messages: v.array(ChatMessageSchema),
});
export type Conversation = v.InferOutput<typeof ConversationSchema>;

const ModelInfoSchema = v.object({
  id: v.string(),
  name: v.string(),
  free: v.optional(v.boolean()),
  contextLength: v.optional(v.number()),
  /**
   * Whether the model takes `tools` (the catalog lists `tools` in its `supported_parameters`); absent when
   * the catalog does not say (a custom base URL, the fallback list): then tools are sent, and a server that
   * refuses them is asked again without.
   */
  supportsTools: v.optional(v.boolean()),
});
export type ModelInfo = v.InferOutput<typeof ModelInfoSchema>;

// ---- requests: the webview asks, the host answers once with a `reply` carrying the same requestId ----

/**
 * Every request the webview can make, as method → params → result: the webview posts
 * `{ type: method, requestId, ...params }`; the host answers exactly once with
 * `{ type: 'reply', requestId, ok: true, result }`, or `{ ok: false, error }` when it failed (`error` is
 * shown to the user: it is `failure(reason)`). The view stops waiting after a while (protocolClient.ts).
 * `failure` is a function so that it says its sentence in the display language at the time it is used.
 */
export const REQUESTS = {
  /** Conversations whose title or messages contain `query` (the history panel's search). */
  search: {
    params: v.object({ query: shortString }),
    result: v.array(ConversationSummarySchema),
    failure: (reason: string): string => l10n.t('Searching the conversations failed: {0}', reason),
  },
  /** The `@` list: files, folders and the special mentions matching `query` (what follows the `@`). */
  mentions: {
    params: v.object({ query: shortString }),
    result: v.array(MentionSuggestionSchema),
    failure: (reason: string): string => l10n.t('Listing the workspace files failed: {0}', reason),
  },
} as const;
export type RequestMethod = keyof typeof REQUESTS;
export type RequestParams<M extends RequestMethod> = v.InferOutput<(typeof REQUESTS)[M]['params']>;
export type RequestResult<M extends RequestMethod> = v.InferOutput<(typeof REQUESTS)[M]['result']>;

// ---- host → webview ----

const HostMessageSchema = v.variant('type', [
  v.object({
    type: v.literal('init'),
    conversations: v.array(ConversationSummarySchema),
    active: v.nullable(ConversationSchema),
    models: v.array(ModelInfoSchema),
    defaultModel: v.string(),
    hasApiKey: v.boolean(),
    /** Whether the server needs a key before the chat asks (the Cline API); local servers usually take none. */
    keyRequired: v.boolean(),
    chips: v.array(ContextChipSchema),
    workspace: WorkspaceStateSchema,
  }),
  /** The workspace was trusted, folders opened or closed, or `chat.tools.enabled` changed. */
  v.object({ type: v.literal('workspace'), workspace: WorkspaceStateSchema }),
  v.object({ type: v.literal('conversations'), conversations: v.array(ConversationSummarySchema) }),
  /** Open (or refresh) this conversation in the view. */
  v.object({ type: v.literal('conversation'), conversation: ConversationSchema }),
  v.object({
    type: v.literal('streamStart'),
    conversationId: v.string(),
    /** The assistant message being streamed (status `streaming`, usually empty content). */
    message: ChatMessageSchema,
    /**
     * ADDED: the user turn the host recorded for this answer (absent on retry). Lets the view show it
     * (and learn the id of a conversation the `send` created) without a separate `conversation` message.
     */
    userMessage: v.optional(ChatMessageSchema),
  }),
  v.object({
    type: v.literal('streamDelta'),
    conversationId: v.string(),
    messageId: v.string(),
    /** Text appended to the answer. */
    content: v.optional(v.string()),
    /** Text appended to the reasoning. */
    reasoning: v.optional(v.string()),
    /** Tool call fragments, see ToolCallViewSchema. */
    toolCalls: v.optional(v.array(ToolCallViewSchema)),
  }),
  v.object({
    type: v.literal('streamEnd'),
    conversationId: v.string(),
    messageId: v.string(),
    status: MessageStatusSchema,
    usage: v.optional(UsageSchema),
    error: v.optional(ErrorViewSchema),
    /**
     * True when this message ended with tool calls and the answer goes on: the host runs the calls, then
     * streams the next round as a new assistant message (another `streamStart`). The view stays busy.
     * The `streamEnd` of such a message comes once its calls have run (each message has exactly one): while
     * they wait for approval or run, the message is still `streaming` and `toolCall` messages update them.
     */
    continues: v.optional(v.boolean()),
  }),
  /** A tool call of a streamed or finished message changed state (waiting, running, done, …): replaces the call with this index. */
  v.object({ type: v.literal('toolCall'), conversationId: v.string(), messageId: v.string(), call: ToolCallViewSchema }),
  /** A quiet note was added to a message (it is also in the stored message's `notes`). */
  v.object({ type: v.literal('note'), conversationId: v.string(), messageId: v.string(), text: v.string() }),
  v.object({ type: v.literal('models'), models: v.array(ModelInfoSchema), source: v.picklist(['catalog', 'fallback']) }),
  /** The key was set or cleared, or the base URL changed. */
  v.object({ type: v.literal('apiKey'), hasApiKey: v.boolean(), keyRequired: v.boolean() }),
  /** The host did not use the model the view chose (`reason`, from modelId.ts) and asks with `using` instead. */
  v.object({ type: v.literal('modelRefused'), model: v.string(), reason: v.string(), using: v.string() }),
  v.object({ type: v.literal('chips'), chips: v.array(ContextChipSchema) }),
  v.object({ type: v.literal('focusInput') }),
  /** The answer to a request (see REQUESTS); `result` is checked against the request's result schema. */
  v.variant('ok', [
    v.object({ type: v.literal('reply'), requestId: v.number(), ok: v.literal(true), result: v.unknown() }),
    v.object({ type: v.literal('reply'), requestId: v.number(), ok: v.literal(false), error: v.string() }),
  ]),
]);
export type HostMessage = v.InferOutput<typeof HostMessageSchema>;
type HostMessageType = HostMessage['type'];
/** The host message with the given `type`. */
export type HostMessageOf<T extends HostMessageType> = Extract<HostMessage, { type: T }>;

// ---- webview → host (bounded: the host must not trust sizes coming from a page that renders model output) ----

const requestId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

const WebviewMessageSchema = v.variant('type', [
  v.object({ type: v.literal('ready') }),
  v.object({
    type: v.literal('send'),
    conversationId: v.nullable(idString),
    text: textString,
    model: modelIdString,
    /** The `@` mentions of the composer's chips, read by the host now. */
    mentions: v.optional(v.pipe(v.array(MentionSchema), v.maxLength(MAX_MENTIONS))),
  }),
  /** The user's answer to a tool call in state `waiting`. */
  v.object({
    type: v.literal('toolApproval'),
    conversationId: idString,
    messageId: idString,
    callId: idString,
    decision: v.picklist(TOOL_DECISIONS),
  }),
  v.object({ type: v.literal('stop'), conversationId: idString }),
  v.object({ type: v.literal('retry'), conversationId: idString }),
  v.object({ type: v.literal('newChat') }),
  v.object({ type: v.literal('openConversation'), id: idString }),
  v.object({ type: v.literal('renameConversation'), id: idString, title: shortString }),
  v.object({ type: v.literal('deleteConversation'), id: idString }),
  v.object({ type: v.literal('setModel'), conversationId: v.nullable(idString), model: modelIdString }),
  v.object({ type: v.literal('removeChip'), id: idString }),
  v.object({ type: v.literal('copy'), text: textString }),
  v.object({ type: v.literal('insertAtCursor'), code: textString }),
  v.object({ type: v.literal('openInEditor'), code: textString, language: v.pipe(v.string(), v.maxLength(MAX_ID_CHARS)) }),
  /** Only "is a bounded string" here: the host checks the link policy (linkPolicy.ts), asks, or says why not. */
  v.object({ type: v.literal('openLink'), href: shortString }),
  v.object({ type: v.literal('setApiKey') }),
  /** Opens the Get Started walkthrough (the empty state links it). */
  v.object({ type: v.literal('openWalkthrough') }),
  v.object({ type: v.literal('continueInCline'), conversationId: idString }),
  v.object({ type: v.literal('search'), requestId, ...REQUESTS.search.params.entries }),
  v.object({ type: v.literal('mentions'), requestId, ...REQUESTS.mentions.params.entries }),
]);
export type WebviewMessage = v.InferOutput<typeof WebviewMessageSchema>;
/** A request as the webview posts it. */
export type RequestMessage = Extract<WebviewMessage, { type: RequestMethod }>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

const WEBVIEW_MESSAGE_TYPES: ReadonlySet<string> = new Set(WebviewMessageSchema.options.map((o) => o.entries.type.literal));

/**
 * Validate one message posted by the webview. Unknown keys are stripped from the returned message.
 * The error says which field failed, for the host's log; it never echoes the (possibly huge) value.
 */
export function parseWebviewMessage(raw: unknown): ParseResult<WebviewMessage> {
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: 'message is not an object' };
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !WEBVIEW_MESSAGE_TYPES.has(type)) {
    return { ok: false, error: `unknown message type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}` };
  }
  const result = v.safeParse(WebviewMessageSchema, raw);
  if (result.success) return { ok: true, message: result.output };
  const issue = result.issues[0];
  const path = v.getDotPath(issue) ?? '(message)';
  return { ok: false, error: `${type}: invalid ${path}: expected ${issue.expected ?? issue.kind}` };
}

/** True when `raw` is a well-formed host message (the webview drops anything else). */
export function isHostMessage(raw: unknown): raw is HostMessage {
  return v.is(HostMessageSchema, raw);
}

/** True when `raw` is a well-formed webview message (`parseWebviewMessage` also says why not). */
export function isWebviewMessage(raw: unknown): raw is WebviewMessage {
  return v.is(WebviewMessageSchema, raw);
}

/** True when `raw` is a valid result of a `method` request. */
export function isRequestResult<M extends RequestMethod>(method: M, raw: unknown): raw is RequestResult<M> {
  return v.is(REQUESTS[method].result, raw);
}

/** True when `raw` is a well-formed mention (the webview checks the draft it kept across a reload). */
export function isMention(raw: unknown): raw is Mention {
  return v.is(MentionSchema, raw);
}

/** True when this webview message is a request (the host must reply to it). */
export function isRequest(message: WebviewMessage): message is RequestMessage {
  return Object.hasOwn(REQUESTS, message.type);
}
