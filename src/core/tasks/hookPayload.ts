/**
 * Cline's hook payloads (one JSON object per event, on the hook script's stdin) turned into one
 * normalised `TaskEvent`. Both builds of Cline 4.1.x are first-class:
 *  - "next" (SDK-based): PreToolUse comes *before* the approval prompt; tool parameters are JSON strings.
 *  - "legacy": the approval prompt is a `Notification` of event `user_attention` from an ask source; PreToolUse
 *    comes *after* the approval; a rejected tool has only a PostToolUse.
 * Unknown events and fields are tolerated: an unknown event becomes `{ kind: 'unknown' }`, never an error.
 * Pure: no `vscode`, no I/O.
 */
import { isRecord } from '../isRecord';

/** Hook events Cline runs scripts for, and that our forwarders are installed for. */
export const FORWARDED_HOOK_EVENTS = [
  'TaskStart',
  'TaskResume',
  'UserPromptSubmit',
  'PreToolUse',
  'PostToolUse',
  'TaskComplete',
  'TaskCancel',
  'Notification',
] as const;

/** Largest payload we read. Cline puts whole prompts and results in payloads; 1 MB ones must still work. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

export interface ToolRequest {
  /** The tool's name as Cline gives it (`run_commands`, `execute_command`, `read_file`, …). */
  name: string;
  /** Parameters; values that Cline sent as JSON strings (the next build) are decoded. */
  parameters: Record<string, unknown>;
}

interface EventBase {
  /** Cline's task id (`conv_…` in next, a number-like id in legacy); stable across the turns of one task. */
  taskId: string;
  /** When Cline fired the hook (ms since the epoch); `receivedAt` of the transport when missing. */
  at: number;
  /** Which build's shape this payload has, when the payload tells (`undefined`: can't tell). */
  build?: 'next' | 'legacy';
}

export type TaskEvent =
  | (EventBase & { kind: 'taskStart'; /** The user's prompt, unwrapped from `<user_input …>`. */ prompt?: string })
  | (EventBase & { kind: 'resumed' })
  | (EventBase & { kind: 'promptSubmit'; prompt?: string })
  | (EventBase & { kind: 'toolRequested'; tool: ToolRequest })
  | (EventBase & { kind: 'toolFinished'; tool: ToolRequest; /** Legacy: the user rejected it. */ denied: boolean })
  | (EventBase & { kind: 'completed'; result?: string })
  | (EventBase & { kind: 'cancelled'; status?: string })
  | (EventBase & {
      kind: 'attention';
      /** `user_attention`, `task_complete`, … */
      event: string;
      source?: string;
      message?: string;
      /** True only for the ask sources that mean an approval waits (a command, a tool, …). */
      approvalWaits: boolean;
    })
  | (EventBase & { kind: 'unknown'; hookName: string });

export type ParseResult = { ok: true; event: TaskEvent } | { ok: false; error: string };

/**
 * Legacy `user_attention` sources that mean "Cline waits for Approve/Reject". It also fires for
 * `completion_result`, `resume_task`, `resume_completed_task` and `followup` (a question), which are not approvals.
 */
const APPROVAL_SOURCES = new Set(['command', 'command_output', 'tool', 'browser_action_launch', 'use_mcp_server']);

/** The legacy build's text of a tool result the user rejected. */
const DENIED_RESULT = 'The user denied this operation.';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `<user_input mode="act">text</user_input>` → `text`; anything else unchanged. */
export function unwrapUserInput(text: string): string {
  const match = /^\s*<user_input\b[^>]*>([\s\S]*?)<\/user_input>\s*$/.exec(text);
  return (match ? match[1] : text).trim();
}

/** Next sends parameter values as JSON strings (`"[\"npm test\"]"`): decode arrays and objects, keep other strings. */
function decodeParameters(raw: unknown): Record<string, unknown> {
  if (!isRecord(raw)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all: keep the text
      }
    }
    out[key] = value;
  }
  return out;
}

function tool(raw: unknown): ToolRequest {
  const record = isRecord(raw) ? raw : {};
  return { name: str(record.toolName) ?? str(record.tool) ?? 'unknown tool', parameters: decodeParameters(record.parameters) };
}

/** Parses one payload as the forwarder delivered it. Never throws. */
export function parseHookPayload(text: string, receivedAt: number): ParseResult {
  if (text.length > MAX_PAYLOAD_BYTES) return { ok: false, error: `payload too large (${text.length} characters)` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (thrown) {
    return { ok: false, error: `not JSON (${thrown instanceof Error ? thrown.message : String(thrown)})` };
  }
  if (!isRecord(raw)) return { ok: false, error: 'not a JSON object' };
  const hookName = str(raw.hookName);
  if (!hookName) return { ok: false, error: 'no hookName' };
  const body = (key: string): Record<string, unknown> => (isRecord(raw[key]) ? raw[key] : {});
  const meta = (key: string): Record<string, unknown> =>
    isRecord(body(key).taskMetadata) ? (body(key).taskMetadata as Record<string, unknown>) : {};
  const key = hookName.charAt(0).toLowerCase() + hookName.slice(1);
  const taskId = str(raw.taskId) ?? str(meta(key).taskId) ?? (typeof raw.taskId === 'number' ? String(raw.taskId) : undefined);
  if (!taskId) return { ok: false, error: `${hookName} without a taskId` };
  const stamp = Number(raw.timestamp);
  const base: EventBase = { taskId, at: Number.isFinite(stamp) && stamp > 0 ? stamp : receivedAt };
  // Legacy's task metadata carries a `command` field next to the result; next's does not.
  if ('command' in meta(key)) base.build = 'legacy';

  switch (hookName) {
    case 'TaskStart': {
      const initial = str(meta('taskStart').initialTask);
      return { ok: true, event: { ...base, kind: 'taskStart', prompt: initial === undefined ? undefined : unwrapUserInput(initial) } };
    }
    case 'TaskResume':
      return { ok: true, event: { ...base, kind: 'resumed' } };
    case 'UserPromptSubmit': {
      const prompt = str(body('userPromptSubmit').prompt);
      return { ok: true, event: { ...base, kind: 'promptSubmit', prompt: prompt === undefined ? undefined : unwrapUserInput(prompt) } };
    }
    case 'PreToolUse':
      return { ok: true, event: { ...base, kind: 'toolRequested', tool: tool(body('preToolUse')) } };
    case 'PostToolUse': {
      const post = body('postToolUse');
      const denied = str(post.result)?.trim() === DENIED_RESULT || post.success === undefined;
      return { ok: true, event: { ...base, kind: 'toolFinished', tool: tool(post), denied } };
    }
    case 'TaskComplete':
      return { ok: true, event: { ...base, kind: 'completed', result: str(meta('taskComplete').result) } };
    case 'TaskCancel':
      return { ok: true, event: { ...base, kind: 'cancelled', status: str(meta('taskCancel').completionStatus) } };
    case 'Notification': {
      // Only the legacy build sends notifications.
      const note = body('notification');
      const event = str(note.event) ?? 'unknown';
      const source = str(note.source);
      const approvalWaits =
        event === 'user_attention' && str(note.sourceType) === 'ask' && source !== undefined && APPROVAL_SOURCES.has(source);
      return { ok: true, event: { ...base, build: 'legacy', kind: 'attention', event, source, message: str(note.message), approvalWaits } };
    }
    default:
      return { ok: true, event: { ...base, kind: 'unknown', hookName } };
  }
}
