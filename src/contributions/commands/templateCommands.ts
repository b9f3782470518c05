/**
 * Template commands: explain, refactor, write tests, document, fix, optimize, implement TODO, run any
 * template, ask about a file. Each one works out its target (from its arguments, else the editor: the
 * selection, the symbol at the cursor, the TODO, the problems, the file), renders the template and starts
 * a Cline task with it.
 *
 * Arguments from code: `(uri?, range?, options?)`, where `options` is `{ input?, symbol? }`:
 * `input` answers `{{input}}` without asking; `symbol` names the target (`{name, kind}`) without a
 * symbol lookup (the lenses pass it).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { clineSettings } from '../../adapters/settings/clineSettings';
import { readCodeLensSettings } from '../../adapters/settings/codeLensSettings';
import type { TodoMatch } from '../../core/scanners/todoScanner';
import {
  coveredLines,
  fileTarget,
  problemTarget,
  problemsAt,
  promptContextFor,
  selectionTarget,
  symbolKindSet,
  symbolTargetAt,
  todosIn,
  todoTarget,
  type EditorTarget,
} from '../../adapters/editor/editorTarget';
import {
  renderPrompt,
  templateNeedsChanges,
  templateNeedsInput,
  type PromptContext,
  type PromptSymbol,
  type PromptTemplate,
  type WorkspacePromptContext,
} from '../../core/prompts';
import { CMD, TEMPLATE_COMMANDS } from '../../core/commandIds';
import { toOptions, toRange, toText, toUri } from './commandArgs';
import { cancelled, type CommandResult } from '../../core/commandResult';
import { dispatchForCommand, type CommandServices } from './commandServices';
import { askForPrompt } from './promptInput';
import { changesForPrompt } from './changesForPrompt';

interface TemplateCommandOptions {
  /** The answer to `{{input}}`: no question is asked. */
  input?: string;
  /** Add the task to the queue instead of starting it now. */
  queue?: boolean;
  /** What the range is, when the caller knows (saves a symbol lookup). */
  symbol?: PromptSymbol;
}

/**
 * A question about a whole file; not a built-in template because it needs the file, not a selection. The title
 * is the user's language; the prompt goes to Cline and stays English like every prompt.
 */
const askAboutFileTemplate = (): PromptTemplate => ({
  id: 'askAboutFile',
  title: vscode.l10n.t('Ask About File'),
  icon: 'question',
  scope: 'file',
  prompt: '{{input}}\n\nThis is about {{file}}:\n\n{{code}}',
});

type Resolved = { target: EditorTarget } | { result: CommandResult };

const SYMBOL_PLACEHOLDER = /\{\{\s*symbol\s*\}\}/;

function noTargetResult(message: string): CommandResult {
  void vscode.window.showInformationMessage(message);
  return { ok: false, reason: 'noTarget', message };
}

function noTarget(message: string): Resolved {
  return { result: noTargetResult(message) };
}

async function documentFor(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  if (!uri) return vscode.window.activeTextEditor?.document;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ?? (await vscode.workspace.openTextDocument(uri));
}

/** The editor showing `document`, when there is one (for its selection and cursor). */
function editorFor(document: vscode.TextDocument): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active?.document === document) return active;
  return vscode.window.visibleTextEditors.find((e) => e.document === document);
}

function todoLabel(todo: TodoMatch): vscode.QuickPickItem & { todo: TodoMatch } {
  return {
    label: `$(checklist) ${todo.tag}${todo.text ? `: ${todo.text}` : ''}`,
    description: vscode.l10n.t('line {0}', todo.line + 1),
    todo,
  };
}

async function resolveTodo(
  document: vscode.TextDocument,
  range: vscode.Range | undefined,
  editor: vscode.TextEditor | undefined,
  kinds: ReadonlySet<number>,
): Promise<Resolved> {
  const todos = todosIn(document, readCodeLensSettings(document).todoTags);
  const lines = range
    ? coveredLines(range)
    : editor
      ? { startLine: editor.selection.active.line, endLine: editor.selection.active.line }
      : undefined;
  const here = lines && todos.find((t) => t.line >= lines.startLine && t.line <= lines.endLine);
  if (here) return { target: await todoTarget(document, here, kinds) };
  if (range) {
    return noTarget(
      vscode.l10n.t('There is no TODO comment at line {0} of {1}.', range.start.line + 1, path.posix.basename(document.uri.path)),
    );
  }
  if (todos.length === 0) return noTarget(vscode.l10n.t('No TODO comments in {0}.', path.posix.basename(document.uri.path)));
  const picked =
    todos.length === 1
      ? todoLabel(todos[0])
      : await vscode.window.showQuickPick(todos.map(todoLabel), {
          title: vscode.l10n.t('Implement which TODO with Cline?'),
          matchOnDescription: true,
        });
  if (!picked) return { result: cancelled };
  return { target: await todoTarget(document, picked.todo, kinds) };
}

async function resolveProblems(
  document: vscode.TextDocument,
  range: vscode.Range | undefined,
  editor: vscode.TextEditor | undefined,
  kinds: ReadonlySet<number>,
): Promise<Resolved> {
  if (range) return { target: await problemTarget(document, range, kinds) };
  if (editor && !editor.selection.isEmpty) return { target: selectionTarget(document, editor.selection) };
  const line = editor?.selection.active.line;
  const atCursor = line === undefined ? [] : problemsAt(document, line);
  if (atCursor.length > 0) {
    const span = atCursor.map((d) => d.range).reduce((a, b) => a.union(b));
    return { target: await problemTarget(document, span, kinds) };
  }
  if (problemsAt(document).length > 0) return { target: fileTarget(document) };
  return noTarget(
    vscode.l10n.t(
      'No errors or warnings in {0}. Select the code to fix, or describe the problem with "Start Cline Task".',
      path.posix.basename(document.uri.path),
    ),
  );
}

/** Selection, else the symbol at the cursor, else the whole file. An explicit range wins over all. */
async function resolveCode(
  template: PromptTemplate,
  document: vscode.TextDocument,
  range: vscode.Range | undefined,
  editor: vscode.TextEditor | undefined,
  kinds: ReadonlySet<number>,
  options: Partial<TemplateCommandOptions>,
): Promise<Resolved> {
  if (range && !range.isEmpty) {
    const target: EditorTarget = { document, range };
    if (options.symbol) target.symbol = options.symbol;
    // A symbol request can wait seconds for a cold language server: only when the template names the symbol.
    else if (SYMBOL_PLACEHOLDER.test(template.prompt)) {
      // Name the symbol when the range is one (a lens or an outline passing a symbol's range).
      const around = await symbolTargetAt(document, range.start.line, kinds);
      const lines = coveredLines(range);
      if (around && around.range.start.line === lines.startLine && around.range.end.line === lines.endLine) target.symbol = around.symbol;
    }
    return { target };
  }
  if (!range && editor && !editor.selection.isEmpty) return { target: selectionTarget(document, editor.selection) };
  const line = range?.start.line ?? editor?.selection.active.line;
  if (line !== undefined) {
    const symbol = await symbolTargetAt(document, line, kinds);
    if (symbol) return { target: symbol };
  }
  return { target: fileTarget(document) };
}

async function resolveTarget(
  template: PromptTemplate,
  uri: vscode.Uri | undefined,
  range: vscode.Range | undefined,
  options: Partial<TemplateCommandOptions>,
): Promise<Resolved> {
  let document: vscode.TextDocument | undefined;
  try {
    document = await documentFor(uri);
  } catch (thrown) {
    const why = thrown instanceof Error ? thrown.message : String(thrown);
    const message = uri
      ? vscode.l10n.t('Cannot open {0} as text: {1}', path.posix.basename(uri.path), why)
      : vscode.l10n.t('Cannot open the file as text: {0}', why);
    void vscode.window.showErrorMessage(message);
    return { result: { ok: false, reason: 'invalidInput', message } };
  }
  if (!document) return noTarget(vscode.l10n.t('Open a file first: "{0}" works on the code in the editor.', template.title));
  const editor = editorFor(document);
  const kinds = symbolKindSet(readCodeLensSettings(document).symbolKinds);
  switch (template.scope) {
    case 'todo':
      return resolveTodo(document, range, editor, kinds);
    case 'diagnostic':
      return resolveProblems(document, range, editor, kinds);
    case 'file':
      return { target: fileTarget(document) };
    default:
      return resolveCode(template, document, range, editor, kinds, options);
  }
}

/** `where`: what the template acts on, for the input's title (the file's name, or the workspace's). */
async function askForInput(services: CommandServices, template: PromptTemplate, where: string): Promise<string | undefined> {
  const { memory } = services;
  const key = `input:${template.id}` as const;
  const answer = await askForPrompt({
    title: `${template.title} — ${where}`,
    placeholder: vscode.l10n.t('What should Cline know or do? (fills {{input}} in "{0}")', template.title),
    actions: [{ id: 'run', description: `$(play) ${vscode.l10n.t('{0} with Cline', template.title)}` }],
    draft: memory.draft(key),
    history: memory.history(),
    forget: (text) => memory.forget(text),
    keepDraft: (text) => memory.setDraft(key, text),
  });
  if (answer) await memory.setDraft(key, undefined);
  return answer?.text;
}

/** The prompt a template makes for its target, asking for `{{input}}` when needed; or why there is none. */
async function renderTemplate(
  services: CommandServices,
  template: PromptTemplate,
  uriArg: unknown,
  rangeArg: unknown,
  optionsArg: unknown,
): Promise<{ text: string; typed: boolean; input?: string } | { result: CommandResult }> {
  const options = toOptions<TemplateCommandOptions>(optionsArg);
  // A `workspace` template (Review Changes) acts on no editor target.
  let target: EditorTarget | undefined;
  if (template.scope !== 'workspace') {
    const resolved = await resolveTarget(template, toUri(uriArg), toRange(rangeArg), options);
    if ('result' in resolved) return resolved;
    target = resolved.target;
  }
  const workspace: WorkspacePromptContext = {};
  if (templateNeedsChanges(template)) {
    const changes = await changesForPrompt(`"${template.title}"`, clineSettings.maxInlineBytes());
    if ('result' in changes) return changes;
    workspace.changes = changes.text;
  }
  let input = toText(options.input);
  const typed = input === undefined && templateNeedsInput(template);
  if (typed) {
    const where = target ? path.posix.basename(target.document.uri.path) : (vscode.workspace.name ?? vscode.l10n.t('workspace'));
    input = await askForInput(services, template, where);
    if (input === undefined) return { result: cancelled };
  }
  const context: PromptContext | WorkspacePromptContext = target ? { ...promptContextFor(target), ...workspace } : workspace;
  const rendered = renderPrompt(template, context, { input, maxInlineBytes: clineSettings.maxInlineBytes() });
  for (const warning of rendered.warnings) services.log.warn(warning);
  return { text: rendered.text, typed, input };
}

/**
 * Runs a template on its target now, or (`queue: true` in the options) adds the task to the queue, which
 * starts it when Cline is idle.
 */
async function runTemplate(
  services: CommandServices,
  template: PromptTemplate,
  uriArg: unknown,
  rangeArg: unknown,
  optionsArg: unknown,
  source: string,
): Promise<CommandResult> {
  const rendered = await renderTemplate(services, template, uriArg, rangeArg, optionsArg);
  if ('result' in rendered) return rendered.result;
  const { text, typed, input } = rendered;
  if (toOptions<TemplateCommandOptions>(optionsArg).queue === true) {
    await services.tasks.enqueue(text);
    if (typed && input !== undefined) await services.memory.remember(input);
    return { ok: true, prompt: text };
  }
  return dispatchForCommand(services, {
    method: 'startNewTask',
    text,
    source,
    keep: typed && input !== undefined ? { key: `input:${template.id}`, text: input } : undefined,
    remember: typed ? input : undefined,
  });
}

/** "Queue All TODOs in File": one queued task per TODO comment, each with the prompt of Implement TODO. */
async function queueTodos(services: CommandServices, uriArg: unknown): Promise<CommandResult> {
  const template = services.templates.get('implementTodo');
  if (!template) throw new Error('built-in template implementTodo is missing');
  let document: vscode.TextDocument | undefined;
  try {
    document = await documentFor(toUri(uriArg));
  } catch (thrown) {
    const message = vscode.l10n.t('Cannot open the file as text: {0}', thrown instanceof Error ? thrown.message : String(thrown));
    void vscode.window.showErrorMessage(message);
    return { ok: false, reason: 'invalidInput', message };
  }
  if (!document) {
    return noTargetResult(
      vscode.l10n.t('Open a file first: "Queue All TODOs in File" queues the TODO comments of the file in the editor.'),
    );
  }
  const todos = todosIn(document, readCodeLensSettings(document).todoTags);
  const name = path.posix.basename(document.uri.path);
  if (todos.length === 0) return noTargetResult(vscode.l10n.t('No TODO comments in {0}.', name));
  const kinds = symbolKindSet(readCodeLensSettings(document).symbolKinds);
  const prompts: string[] = [];
  for (const todo of todos) {
    const rendered = renderPrompt(template, promptContextFor(await todoTarget(document, todo, kinds)), {
      maxInlineBytes: clineSettings.maxInlineBytes(),
    });
    prompts.push(rendered.text);
  }
  for (const text of prompts) await services.tasks.enqueue(text);
  const queued =
    prompts.length === 1
      ? vscode.l10n.t('Queued 1 TODO of {0} for Cline.', name)
      : vscode.l10n.t('Queued {0} TODOs of {1} for Cline.', prompts.length, name);
  void vscode.window.showInformationMessage(
    services.tasks.connected
      ? queued
      : `${queued} ${vscode.l10n.t('Task events are not connected, so start each one from the Cline Tasks view (Start Next).')}`,
  );
  return { ok: true };
}

type TemplatePickItem = vscode.QuickPickItem & { template?: PromptTemplate; addTemplate?: true };

/** What a template acts on, for the picker (a function: the translations load with the extension, not with this module). */
function scopeHint(scope: PromptTemplate['scope']): string {
  switch (scope) {
    case 'diagnostic':
      return vscode.l10n.t('problems here');
    case 'todo':
      return vscode.l10n.t('a TODO comment');
    case 'file':
      return vscode.l10n.t('the whole file');
    case 'workspace':
      return vscode.l10n.t('the uncommitted changes');
    default:
      return vscode.l10n.t('selection, symbol or file');
  }
}

/** The template picker. Enter runs now (queues, when `queueing`: "Add to Queue…"); the item's "Add to Queue" button queues. */
async function pickTemplate(
  services: CommandServices,
  queueing: boolean,
): Promise<{ template: PromptTemplate; queue: boolean } | undefined> {
  const addToQueue: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('add'),
    tooltip: vscode.l10n.t('Add to Queue (starts when Cline is idle)'),
  };
  const item = (t: PromptTemplate): TemplatePickItem => ({
    label: `$(${t.icon ?? 'sparkle'}) ${t.title}`,
    description: scopeHint(t.scope),
    template: t,
    buttons: [addToQueue],
  });
  const user = services.templates.userTemplates();
  const items: TemplatePickItem[] = [
    ...services.templates.builtIn().map(item),
    { label: vscode.l10n.t('your templates'), kind: vscode.QuickPickItemKind.Separator },
    ...user.map(item),
    {
      label: `$(add) ${vscode.l10n.t('Add a template…')}`,
      description: vscode.l10n.t('clineCompanion.prompts in settings.json'),
      addTemplate: true,
    },
  ];
  const picker = vscode.window.createQuickPick<TemplatePickItem>();
  picker.title = queueing ? vscode.l10n.t('Add a Prompt Template to the Queue') : vscode.l10n.t('Run a Prompt Template with Cline');
  picker.placeholder = queueing
    ? vscode.l10n.t('Template to queue for the selection, the symbol at the cursor or the file (starts when Cline is idle)')
    : vscode.l10n.t('Template to run on the selection, the symbol at the cursor or the file (+ adds it to the queue)');
  picker.matchOnDescription = true;
  picker.items = items;
  const choice = await new Promise<{ item: TemplatePickItem; queue: boolean } | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems[0] ? { item: picker.selectedItems[0], queue: false } : undefined));
    picker.onDidTriggerItemButton((e) => resolve({ item: e.item, queue: true }));
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  if (choice?.item.addTemplate) {
    await vscode.commands.executeCommand('workbench.action.openSettingsJson', {
      revealSetting: { key: 'clineCompanion.prompts', edit: true },
    });
    return undefined;
  }
  return choice?.item.template ? { template: choice.item.template, queue: choice.queue } : undefined;
}

async function runPrompt(
  services: CommandServices,
  idArg: unknown,
  uriArg: unknown,
  rangeArg: unknown,
  optionsArg: unknown,
): Promise<CommandResult> {
  const id = toText(idArg);
  let template: PromptTemplate | undefined;
  if (id !== undefined) {
    template = services.templates.get(id);
    if (!template) {
      const message = vscode.l10n.t(
        'There is no prompt template "{0}". Built-in: {1}; yours are in clineCompanion.prompts.',
        id,
        services.templates
          .builtIn()
          .map((t) => t.id)
          .join(', '),
      );
      void vscode.window.showErrorMessage(message);
      return { ok: false, reason: 'invalidInput', message };
    }
  } else {
    const picked = await pickTemplate(services, toOptions<TemplateCommandOptions>(optionsArg).queue === true);
    if (!picked) return cancelled;
    template = picked.template;
    if (picked.queue) optionsArg = { ...toOptions<TemplateCommandOptions>(optionsArg), queue: true };
  }
  return runTemplate(services, template, uriArg, rangeArg, optionsArg, `runPrompt:${template.id}`);
}

/** "Ask Cline About File": a question (asked, or passed as the 2nd argument) about a whole file. */
async function askAboutFile(services: CommandServices, uriArg: unknown, questionArg: unknown): Promise<CommandResult> {
  const uri = toUri(uriArg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return noTargetResult(vscode.l10n.t('Open a file, or right-click one in the Explorer, to ask Cline about it.'));
  // The explorer passes (clicked, selected[]): the second argument is then no question.
  const question = toText(questionArg);
  return runTemplate(services, askAboutFileTemplate(), uri, undefined, question === undefined ? {} : { input: question }, 'askAboutFile');
}

export function registerTemplateCommands(services: CommandServices): vscode.Disposable[] {
  const disposables = Object.entries(TEMPLATE_COMMANDS).map(([id, command]) =>
    vscode.commands.registerCommand(command, (uri?: unknown, range?: unknown, options?: unknown) => {
      const template = services.templates.get(id);
      if (!template) throw new Error(`built-in template ${id} is missing`);
      return runTemplate(services, template, uri, range, options, id);
    }),
  );
  disposables.push(
    vscode.commands.registerCommand(CMD.runPrompt, (id?: unknown, uri?: unknown, range?: unknown, options?: unknown) =>
      runPrompt(services, id, uri, range, options),
    ),
    vscode.commands.registerCommand(CMD.askAboutFile, (uri?: unknown, question?: unknown) => askAboutFile(services, uri, question)),
    vscode.commands.registerCommand(CMD.queueTodos, (uri?: unknown) => queueTodos(services, uri)),
  );
  return disposables;
}
