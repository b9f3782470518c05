/**
 * The contract between the chat's rounds loop (core/chat) and the read-only workspace tools (core/tools).
 * The loop knows nothing of files: it asks a {@link ToolRunner} for the definitions to send, and for each
 * call the model makes, `prepare`s it (validation, confinement, protection) and then runs it, or not,
 * depending on the user's approval.
 */

/** The tools' names: an interface that models and tests rely on (issue 10), never renamed. */
export const TOOL_NAMES = ['read_file', 'list_files', 'search_text', 'get_problems', 'get_symbols'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** One function tool as the chat-completions API takes it in `tools`. */
export interface ToolDefinition {
  type: 'function';
  function: { name: ToolName; description: string; parameters: Record<string, unknown> };
}

/** A complete tool call of an answer. */
export interface ToolCallInput {
  id: string;
  name: string;
  /** The JSON text the model wrote (may be anything: it is validated by `prepare`). */
  arguments: string;
}

/** A part of the workspace a tool call read, for "Continue in Cline" (which names what was read, not its contents). */
export interface ToolRead {
  /** Workspace-relative, `/`-separated (with several folders, the folder's name first). */
  path: string;
  startLine?: number;
  endLine?: number;
}

/** What a tool call gave. `output` goes to the model as the tool message; `summary` is shown to the user. */
export interface ToolOutcome {
  /** `refused`: outside the workspace, protected/ignored/binary file, bad arguments; `failed`: an error while reading. */
  status: 'done' | 'refused' | 'failed';
  /** Exactly what is sent back to the model (plain text). */
  output: string;
  /** One line for the user: paths, line ranges, sizes, counts ("src/app.ts lines 1-40 of 120, 3.2 KB"). */
  summary: string;
  /** The output was cut at a limit (the output says so too). */
  truncated?: boolean;
  reads?: ToolRead[];
}

/** A call checked before it runs: either answered at once (`ok: false`), or ready to run once approved. */
export type PreparedCall =
  | { ok: false; outcome: ToolOutcome }
  | {
      ok: true;
      name: ToolName;
      /**
       * Set when the call reads a protected file (`chat.tools.protectedFiles`): it never runs without an
       * explicit Allow of this call, whatever the approval mode or an earlier "Allow for This Conversation".
       */
      protectedPath?: string;
      run(signal: AbortSignal): Promise<ToolOutcome>;
    };

export interface ToolRunner {
  /** The tools to offer in a request (empty: send no `tools`). */
  definitions(): ToolDefinition[];
  /** Validates the arguments and confines paths; never throws (a problem becomes a `refused` outcome). */
  prepare(call: ToolCallInput): Promise<PreparedCall>;
}

/** `auto`: read-only calls inside the workspace run at once; `ask`: every call waits for Allow or Deny. */
export type ToolApprovalMode = 'auto' | 'ask';
