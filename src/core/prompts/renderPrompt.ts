/**
 * Template + context → the prompt text sent to Cline.
 *
 * Placeholders are replaced in a single pass, so text that comes from the user's code or input and
 * happens to contain `{{...}}` is never expanded a second time.
 */

import { contextBlock, DEFAULT_MAX_INLINE_BYTES, displayPath, formatLines } from './contextBlock';
import type { PromptContext, PromptDiagnostic, WorkspacePromptContext } from './promptContext';
import type { PromptTemplate } from './promptTemplate';

export interface RenderOptions {
  /** The value for `{{input}}`, asked from the user by the caller. */
  input?: string;
  maxInlineBytes?: number;
}

export interface RenderedPrompt {
  text: string;
  /** Things the caller should log: unknown placeholders, left in the text as written. */
  warnings: string[];
  /** The template uses `{{input}}` and no input was given: ask the user, then render again. */
  needsInput: boolean;
}

const PLACEHOLDERS = ['code', 'selection', 'file', 'language', 'symbol', 'lines', 'diagnostics', 'todo', 'input', 'changes'] as const;
type PlaceholderName = (typeof PLACEHOLDERS)[number];
/** The placeholders that have a value without an editor target. */
const WORKSPACE_PLACEHOLDERS = new Set<string>(['input', 'changes'] satisfies PlaceholderName[]);

const KNOWN = new Set<string>(PLACEHOLDERS);

/** Says that there were no changes to read; a caller that reads them first never lets this reach Cline. */
const NO_CHANGES = '(no changes in the working tree)';

/** `{{name}}`, spaces allowed inside the braces. Anything else in braces is plain text. */
const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

function placeholderNames(prompt: string): Set<string> {
  const names = new Set<string>();
  for (const match of prompt.matchAll(PLACEHOLDER_PATTERN)) names.add(match[1]);
  return names;
}

export function templateNeedsInput(template: Pick<PromptTemplate, 'prompt'>): boolean {
  return placeholderNames(template.prompt).has('input');
}

/** The template uses `{{changes}}`: read the working-tree changes (from Git) before rendering. */
export function templateNeedsChanges(template: Pick<PromptTemplate, 'prompt'>): boolean {
  return placeholderNames(template.prompt).has('changes');
}

function formatDiagnostic(d: PromptDiagnostic): string {
  let origin = '';
  if (d.source !== undefined && d.code !== undefined) origin = ` ${d.source}(${d.code})`;
  else if (d.source !== undefined) origin = ` ${d.source}`;
  else if (d.code !== undefined) origin = ` ${d.code}`;
  // Continuation lines are indented so a multi-line message stays inside its list item.
  const message = d.message.trim().replace(/\r?\n/g, '\n  ');
  return `- Line ${d.line}, ${d.severity}${origin}: ${message}`;
}

/** The diagnostics inside the target range, one per line, in line order. */
function formatDiagnostics(ctx: PromptContext): string {
  const inRange = (ctx.diagnostics ?? [])
    .filter((d) => d.line >= ctx.range.startLine && d.line <= ctx.range.endLine)
    .sort((a, b) => a.line - b.line);
  if (inRange.length === 0) return '(no problems reported in this range)';
  return inRange.map(formatDiagnostic).join('\n');
}

function formatSymbol(ctx: PromptContext): string {
  // Without a symbol the sentence still has to read well: "Refactor the code at lines 3-9 in ...".
  if (ctx.symbol === undefined) return `the code at lines ${formatLines(ctx.range)}`;
  return `\`${ctx.symbol.name}\` (${ctx.symbol.kind})`;
}

function formatTodo(ctx: PromptContext): string {
  if (ctx.todo === undefined) return '(no TODO comment)';
  const { tag, text, line } = ctx.todo;
  return text.trim() === '' ? `${tag} (line ${line})` : `${tag} (line ${line}): ${text.trim()}`;
}

function isEditorContext(ctx: PromptContext | WorkspacePromptContext): ctx is PromptContext {
  return 'file' in ctx;
}

/**
 * Renders `template` for an editor target (`PromptContext`), or for the workspace alone
 * (`WorkspacePromptContext`, templates of scope `workspace`): there the editor's placeholders have no value and
 * are left as written with a warning, and no context block is appended.
 */
export function renderPrompt(
  template: PromptTemplate,
  target: PromptContext | WorkspacePromptContext,
  opts: RenderOptions = {},
): RenderedPrompt {
  const maxInlineBytes = opts.maxInlineBytes ?? DEFAULT_MAX_INLINE_BYTES;
  const warnings: string[] = [];
  const reported = new Set<string>();
  const needsInput = opts.input === undefined && templateNeedsInput(template);
  const ctx = isEditorContext(target) ? target : undefined;
  const warnOnce = (name: string, warning: string): void => {
    if (reported.has(name)) return;
    reported.add(name);
    warnings.push(warning);
  };

  // Computed on demand: the context block may scan megabytes of code.
  const value = (name: PlaceholderName): string | undefined => {
    if (name === 'input') return opts.input; // undefined: kept as written, and `needsInput` tells the caller to ask.
    if (name === 'changes') return target.changes ?? NO_CHANGES;
    if (ctx === undefined) return undefined;
    switch (name) {
      case 'code':
        return contextBlock(ctx, { maxInlineBytes });
      case 'selection':
        // No selection (a lens or a command on the symbol): the target code is what the user meant.
        return ctx.selection ?? ctx.code;
      case 'file':
        return displayPath(ctx.file);
      case 'language':
        return ctx.file.languageId;
      case 'symbol':
        return formatSymbol(ctx);
      case 'lines':
        return formatLines(ctx.range);
      case 'diagnostics':
        return formatDiagnostics(ctx);
      case 'todo':
        return formatTodo(ctx);
    }
  };

  const cache = new Map<string, string | undefined>();
  let text = template.prompt.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
    if (!KNOWN.has(name)) {
      warnOnce(name, `Unknown placeholder {{${name}}} in template "${template.id}" was left as written.`);
      return whole;
    }
    if (ctx === undefined && !WORKSPACE_PLACEHOLDERS.has(name)) {
      warnOnce(name, `Placeholder {{${name}}} in template "${template.id}" needs code in the editor; it was left as written.`);
      return whole;
    }
    if (!cache.has(name)) cache.set(name, value(name as PlaceholderName));
    return cache.get(name) ?? whole;
  });

  // Cline must always learn where the code is, even from a template that forgot to ask for it.
  if (ctx !== undefined && !placeholderNames(template.prompt).has('code')) {
    text = `${text.trimEnd()}\n\n${contextBlock(ctx, { maxInlineBytes })}`;
  }
  return { text, warnings, needsInput };
}
