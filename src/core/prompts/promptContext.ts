/**
 * The plain-data picture of "what the user is pointing at" that every prompt is built from.
 * An editor adapter (which does touch `vscode`) fills it in; everything in `prompts/` only reads it,
 * so prompt building is testable without an editor.
 */

export type DiagnosticSeverityName = 'error' | 'warning' | 'information' | 'hint';

export interface PromptFile {
  /** Path relative to its own workspace folder, with `/` separators. For an untitled document: its name ("Untitled-1"). */
  relativePath: string;
  /** Name of the workspace folder holding the file; undefined when the file lies outside every folder. */
  workspaceFolderName?: string;
  /** True when the workspace has more than one folder: paths then carry the folder name. */
  multiRoot: boolean;
  languageId: string;
  /** Not on disk at all: Cline cannot read it, so its text is always inlined. */
  isUntitled: boolean;
  /** Has unsaved edits: the file on disk differs, so its text is always inlined. */
  isDirty: boolean;
  /** Used only for files outside every workspace folder, where a relative path means nothing. */
  absolutePath?: string;
}

/** 1-based, inclusive on both ends, as people (and Cline) read line numbers. */
export interface PromptRange {
  startLine: number;
  endLine: number;
}

export interface PromptDiagnostic {
  severity: DiagnosticSeverityName;
  message: string;
  code?: string | number;
  /** 1-based. */
  line: number;
  source?: string;
}

export interface PromptTodo {
  tag: string;
  text: string;
  /** 1-based. */
  line: number;
}

export interface PromptSymbol {
  name: string;
  /** A readable kind name: "function", "method", "class"... */
  kind: string;
}

/** What a prompt may use besides the editor. Filled only when the template asks for it (it costs a Git call). */
export interface WorkspacePromptContext {
  /** The working-tree changes, formatted by `formatChanges` (`{{changes}}`). */
  changes?: string;
}

export interface PromptContext extends WorkspacePromptContext {
  file: PromptFile;
  range: PromptRange;
  /** The target code: the text of `range`. */
  code: string;
  /** The raw selection, when the user had one (may equal `code`). */
  selection?: string;
  symbol?: PromptSymbol;
  diagnostics?: PromptDiagnostic[];
  todo?: PromptTodo;
}
