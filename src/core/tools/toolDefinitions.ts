/**
 * The five read-only workspace tools as the model sees them (`tools` of a chat-completions request), and
 * the validation of the arguments a model writes for them.
 *
 * The names and parameters are an interface (issue 10): models and tests rely on them, so they are never
 * renamed. The model is an untrusted writer: `parseToolArguments` never throws, and every problem becomes
 * one sentence the model can act on (a tool result), not a crash of the rounds loop.
 */
import picomatch from 'picomatch';
import * as v from 'valibot';
import { TOOL_NAMES, type ToolDefinition, type ToolName } from './toolTypes';
// The confinement's own bound, so a path the arguments accept is never refused for its length after.
import { MAX_PATH_LENGTH as MAX_PATH_CHARS } from './workspacePaths';

/** Longest search query: a question for a search, not a document. */
const MAX_QUERY_CHARS = 1000;
/** Longest glob argument. */
const MAX_GLOB_CHARS = 1000;
/** `search_text` matches when the model asks for none, and the most it may ask for (more is cut to this). */
export const DEFAULT_SEARCH_RESULTS = 50;
export const MAX_SEARCH_RESULTS = 200;
/** Longest arguments text parsed at all: the five tools' arguments fit in a fraction of this. */
const MAX_ARGUMENTS_CHARS = 64 * 1024;

const ONLY_READS =
  'Read-only: it never changes, runs or fetches anything. Paths are relative to the workspace folder (with several folders, the first segment names the folder), use "/" and never leave the workspace.';

export const tools: readonly ToolDefinition[] = Object.freeze([
  {
    type: 'function',
    function: {
      name: 'read_file',
      description: `Read a text file of the user's workspace. Returns its lines numbered ("  12| text") with the total line count; long files are cut at 2000 lines or 100 KB with a note that says how to read on (ask for a line range). ${ONLY_READS}`,
      parameters: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'The file, workspace-relative, e.g. "src/app.ts".' },
          startLine: { type: 'integer', minimum: 1, description: 'First line to read, 1-based (default 1).' },
          endLine: { type: 'integer', minimum: 1, description: 'Last line to read, 1-based and inclusive (default: the end).' },
        },
        required: ['path'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'list_files',
      description: `List the files and folders of a workspace folder (folders end with "/"). Ignored and excluded files are left out; long listings are cut with a note. ${ONLY_READS}`,
      parameters: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'The folder to list, workspace-relative (default: the workspace root).' },
          glob: {
            type: 'string',
            description:
              'Only entries matching this glob, e.g. "*.ts" (a glob without "/" matches file names at any depth) or "src/**/*.test.ts" (relative to the listed folder).',
          },
          recursive: {
            type: 'boolean',
            description: 'List subfolders too (default: false, or true when a glob is given).',
          },
        },
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'search_text',
      description: `Search the text of the workspace's files. Returns "path:line: text" for each matching line, with a line of context around it ("path-line- text"); capped. Case-insensitive when the query has no capital letter, case-sensitive otherwise. Ignored, excluded and binary files are skipped. ${ONLY_READS}`,
      parameters: {
        type: 'object',
        properties: {
          query: { type: 'string', description: 'The text to find (literally, unless isRegex is true).' },
          isRegex: { type: 'boolean', description: 'Treat query as a regular expression (default false).' },
          glob: {
            type: 'string',
            description: 'Only files matching this glob, e.g. "*.py" (any depth) or "src/**/*.ts" (from the workspace root).',
          },
          maxResults: {
            type: 'integer',
            minimum: 1,
            maximum: MAX_SEARCH_RESULTS,
            description: `Most matching lines to return (default ${DEFAULT_SEARCH_RESULTS}, at most ${MAX_SEARCH_RESULTS}).`,
          },
        },
        required: ['query'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'get_problems',
      description: `The errors and warnings VS Code currently reports (compiler, linter) with path, line and message. ${ONLY_READS}`,
      parameters: {
        type: 'object',
        properties: {
          path: {
            type: 'string',
            description: 'Only the problems of this file or folder, workspace-relative (default: the whole workspace).',
          },
        },
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'get_symbols',
      description: `The outline of a source file from its language support: classes, functions, methods and the like, each with its kind, name and line range. ${ONLY_READS}`,
      parameters: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'The file, workspace-relative.' },
        },
        required: ['path'],
        additionalProperties: false,
      },
    },
  },
] satisfies ToolDefinition[]);

// ---- argument validation ----

/**
 * An optional argument: absent or `null` (models in strict function-calling mode send `null` for what they
 * leave out), both meaning "not given".
 */
const optional = <T extends v.GenericSchema>(schema: T) => v.nullish(schema);

const pathArgument = (name: string) =>
  v.pipe(
    v.string(`"${name}" must be a string (a workspace-relative path)`),
    v.nonEmpty(`"${name}" must not be empty`),
    v.maxLength(MAX_PATH_CHARS, `"${name}" is longer than ${MAX_PATH_CHARS} characters`),
  );
const lineArgument = (name: string) =>
  v.pipe(
    v.number(`"${name}" must be a whole number (1-based line)`),
    v.integer(`"${name}" must be a whole number (1-based line)`),
    v.minValue(1, `"${name}" must be 1 or more (lines are 1-based)`),
  );
const globArgument = v.pipe(
  v.string('"glob" must be a string'),
  v.maxLength(MAX_GLOB_CHARS, `"glob" is longer than ${MAX_GLOB_CHARS} characters`),
);
const booleanArgument = (name: string) => v.boolean(`"${name}" must be true or false`);

const ARGUMENT_SCHEMAS = {
  read_file: v.pipe(
    v.object({ path: pathArgument('path'), startLine: optional(lineArgument('startLine')), endLine: optional(lineArgument('endLine')) }),
    v.check((a) => a.startLine == null || a.endLine == null || a.endLine >= a.startLine, '"endLine" must not be before "startLine"'),
  ),
  list_files: v.object({
    path: optional(pathArgument('path')),
    glob: optional(globArgument),
    recursive: optional(booleanArgument('recursive')),
  }),
  search_text: v.object({
    query: v.pipe(
      v.string('"query" must be a string'),
      v.nonEmpty('"query" must not be empty'),
      v.maxLength(MAX_QUERY_CHARS, `"query" is longer than ${MAX_QUERY_CHARS} characters`),
    ),
    isRegex: optional(booleanArgument('isRegex')),
    glob: optional(globArgument),
    maxResults: optional(
      v.pipe(
        v.number('"maxResults" must be a whole number'),
        v.integer('"maxResults" must be a whole number'),
        v.minValue(1, '"maxResults" must be 1 or more'),
      ),
    ),
  }),
  get_problems: v.object({ path: optional(pathArgument('path')) }),
  get_symbols: v.object({ path: pathArgument('path') }),
} satisfies Record<ToolName, v.GenericSchema>;

export interface ReadFileArgs {
  path: string;
  startLine?: number;
  endLine?: number;
}
export interface ListFilesArgs {
  path?: string;
  glob?: string;
  recursive?: boolean;
}
export interface SearchTextArgs {
  query: string;
  isRegex: boolean;
  glob?: string;
  /** Always set: the model's number, or the default, never above MAX_SEARCH_RESULTS. */
  maxResults: number;
}
export interface GetProblemsArgs {
  path?: string;
}
interface GetSymbolsArgs {
  path: string;
}

/** A call whose arguments were checked: the name picks the type of `args`. */
type ParsedToolCall =
  | { name: 'read_file'; args: ReadFileArgs }
  | { name: 'list_files'; args: ListFilesArgs }
  | { name: 'search_text'; args: SearchTextArgs }
  | { name: 'get_problems'; args: GetProblemsArgs }
  | { name: 'get_symbols'; args: GetSymbolsArgs };

export type ParsedArguments = { ok: true; call: ParsedToolCall } | { ok: false; error: string };

function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

/**
 * The typed arguments of a call, or the text to send back to the model as the tool result. Never throws:
 * whatever the model wrote (not JSON, an array, a number where a path goes, a megabyte of query) gets a
 * sentence naming the problem and the tool's parameters, so the model can correct its next call.
 */
export function parseToolArguments(name: string, json: string): ParsedArguments {
  if (!isToolName(name)) {
    return { ok: false, error: `Unknown tool "${clip(name, 100)}". The tools are: ${TOOL_NAMES.join(', ')}.` };
  }
  const fail = (problem: string): ParsedArguments => ({
    ok: false,
    error: `Invalid arguments for ${name}: ${problem}. Expected ${signature(name)}.`,
  });
  if (typeof json !== 'string') return fail('the arguments are not a JSON text');
  if (json.length > MAX_ARGUMENTS_CHARS) return fail(`the arguments are longer than ${MAX_ARGUMENTS_CHARS} characters`);
  let value: unknown;
  try {
    // Models send "" (or whitespace) for a call without arguments.
    value = json.trim() === '' ? {} : JSON.parse(json);
  } catch {
    return fail('the arguments are not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('the arguments must be a JSON object');
  }
  const result = v.safeParse(ARGUMENT_SCHEMAS[name], value);
  if (!result.success) return fail(describeIssue(result.issues[0]));
  return { ok: true, call: typedCall(name, withoutNulls(result.output as Record<string, unknown>)) };
}

/** "read_file {path, startLine?, endLine?}": the parameters, as the error texts name them. */
function signature(name: ToolName): string {
  const { parameters } = tools.find((t) => t.function.name === name)!.function;
  const properties = Object.keys(parameters.properties as object);
  const required = (parameters.required as string[] | undefined) ?? [];
  return `{${properties.map((p) => (required.includes(p) ? p : `${p}?`)).join(', ')}}`;
}

/** One sentence for the first problem: a missing argument is named as such, others by their own message. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const key = issue.path?.map((item) => String(item.key)).join('.');
  // Optional arguments take null, so a null that fails is a required one left out.
  if (key !== undefined && issue.input == null) return `"${key}" is required`;
  return issue.message;
}

function withoutNulls(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value != null));
}

function typedCall(name: ToolName, args: Record<string, unknown>): ParsedToolCall {
  if (name === 'search_text') {
    const requested = (args.maxResults as number | undefined) ?? DEFAULT_SEARCH_RESULTS;
    return {
      name,
      args: {
        ...(args as Omit<SearchTextArgs, 'isRegex' | 'maxResults'>),
        isRegex: args.isRegex === true,
        maxResults: Math.min(requested, MAX_SEARCH_RESULTS),
      },
    };
  }
  return { name, args } as ParsedToolCall;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * What a `glob` argument of list_files and search_text means, written once: a glob without "/" matches an
 * entry's name at any depth ("*.ts"); one with "/" matches its path relative to the folder searched
 * ("src/**\/*.ts"). Dotfiles match like any other file (ignores and protection are the filter's job).
 */
export function globArgumentMatcher(glob: string): (relativePath: string) => boolean {
  const pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  const matcher = picomatch(pattern, { dot: true, basename: !pattern.includes('/') });
  return (relativePath) => matcher(relativePath);
}
