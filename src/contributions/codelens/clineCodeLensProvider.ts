/**
 * Our code lenses: one compact row of template actions above functions, methods, constructors and
 * classes (from the language's symbol provider), and "Implement with Cline" on TODO comments (for every
 * allowed language, symbol provider or not).
 *
 * Cost rules:
 *  - `provideCodeLenses` computes ranges only; `resolveCodeLens` fills the command of the visible ones;
 *  - results are cached per document URI and version;
 *  - while a document is being edited, the symbol request waits a short moment and is skipped when VS Code
 *    cancels it for a newer version, so a burst of keystrokes costs one request (the debounce);
 *  - above `maxFileSizeKB` no symbol request is made at all (TODO lenses only);
 *  - every await checks the cancellation token.
 */
import * as vscode from 'vscode';
import type { TemplateCatalog } from '../../adapters/prompts/templateCatalog';
import { CMD, TEMPLATE_COMMANDS } from '../../core/commandIds';
import { documentSymbols } from '../../adapters/editor/documentSymbols';
import { wholeLines } from '../../adapters/editor/editorTarget';
import { computeSymbolLenses, symbolKindName, type SymbolLensPlacement } from '../../core/scanners/symbolLenses';
import { scanTodos, type TodoMatch } from '../../core/scanners/todoScanner';
import { lensLanguageAllowed, readCodeLensSettings } from '../../adapters/settings/codeLensSettings';

/** How long a request for an edited document waits before asking for symbols. */
const EDIT_DEBOUNCE_MS = 300;
/**
 * No symbols can mean "no provider" or "its language server is still starting" (TypeScript takes seconds
 * after a window opens). VS Code would not ask again until an edit, so we ask it to, a few times, backing off.
 */
const EMPTY_SYMBOL_RETRIES_MS = [1500, 3000, 6000, 12000];

/** Short lens titles for the built-in templates (the lens row must stay compact); undefined for the user's own. */
function shortTitle(templateId: string): string | undefined {
  switch (templateId) {
    case 'explain':
      return vscode.l10n.t('Explain');
    case 'writeTests':
      return vscode.l10n.t('Tests');
    case 'refactor':
      return vscode.l10n.t('Refactor');
    case 'document':
      return vscode.l10n.t('Document');
    case 'fix':
      return vscode.l10n.t('Fix');
    case 'optimize':
      return vscode.l10n.t('Optimize');
    case 'implementTodo':
      return vscode.l10n.t('Implement');
    default:
      return undefined;
  }
}

type LensData =
  | { kind: 'symbol'; uri: vscode.Uri; action: string; placement: SymbolLensPlacement; target: vscode.Range }
  | { kind: 'todo'; uri: vscode.Uri; todo: TodoMatch }
  | { kind: 'todoQueue'; uri: vscode.Uri; todo: TodoMatch };

export class ClineLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly data: LensData,
  ) {
    super(range);
  }
}

function delay(ms: number, token: vscode.CancellationToken): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const sub = token.onCancellationRequested(done);
    function done(): void {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}

export class ClineCodeLensProvider implements vscode.CodeLensProvider<ClineLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly cache = new Map<string, { version: number; settings: string; lenses: ClineLens[] }>();
  private readonly subscriptions: vscode.Disposable[];
  /** Documents whose symbol request came back empty: how many refreshes were asked for, per version. */
  private readonly emptyRetries = new Map<string, { version: number; attempts: number; timer?: NodeJS.Timeout }>();

  /**
   * `queueLens`: whether TODOs also get "Add to Queue". Only while Cline's task events are connected: then
   * the queue runs them one after another on its own; without events a lens more is only clutter.
   */
  constructor(
    private readonly templates: TemplateCatalog,
    private readonly queueLens: () => boolean = () => false,
  ) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        this.cache.delete(key);
        clearTimeout(this.emptyRetries.get(key)?.timer);
        this.emptyRetries.delete(key);
      }),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const r of this.emptyRetries.values()) clearTimeout(r.timer);
    this.emptyRetries.clear();
    this.cache.clear();
  }

  private retryLater(key: string, version: number): void {
    const previous = this.emptyRetries.get(key);
    const attempts = previous?.version === version ? previous.attempts : 0;
    if (previous?.timer || attempts >= EMPTY_SYMBOL_RETRIES_MS.length) return;
    const timer = setTimeout(() => {
      this.emptyRetries.set(key, { version, attempts: attempts + 1 });
      this.changed.fire();
    }, EMPTY_SYMBOL_RETRIES_MS[attempts]);
    this.emptyRetries.set(key, { version, attempts, timer });
  }

  /** Settings changed: forget everything and ask VS Code for fresh lenses. */
  refresh(): void {
    this.cache.clear();
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<ClineLens[] | undefined> {
    const settings = readCodeLensSettings(document);
    if (!settings.enabled || !lensLanguageAllowed(settings, document.languageId)) return [];
    const key = document.uri.toString();
    // The settings are part of the key: a change applies even before its change event has cleared the cache.
    const withQueue = this.queueLens();
    const settingsKey = JSON.stringify(settings) + (withQueue ? '+queue' : '');
    const cached = this.cache.get(key);
    if (cached?.version === document.version && cached.settings === settingsKey) return cached.lenses;
    if (cached && cached.version !== document.version) {
      // An older version is cached: the user is typing. Let the burst settle (VS Code cancels this
      // request when the next keystroke makes it stale).
      await delay(EDIT_DEBOUNCE_MS, token);
      if (token.isCancellationRequested) return undefined;
    }
    const version = document.version;
    const text = document.getText();
    const lenses: ClineLens[] = [];
    let cacheable = true;

    const actions = settings.actions.filter((id) => this.templates.get(id) !== undefined);
    // Length in UTF-16 units: close enough to bytes for a size cap, and free.
    if (actions.length > 0 && text.length <= settings.maxFileSizeBytes) {
      const symbols = await documentSymbols(document.uri);
      if (token.isCancellationRequested) return undefined;
      // No symbols may mean "no provider" or "its server is still starting": not cached, and asked again soon.
      if (symbols.length === 0) {
        cacheable = false;
        this.retryLater(key, version);
      }
      const placements = computeSymbolLenses(symbols, {
        kinds: settings.symbolKinds,
        minLines: settings.minLines,
        maxPerFile: settings.maxPerFile,
        actions,
      });
      for (const placement of placements) {
        const at = new vscode.Range(placement.line, 0, placement.line, 0);
        const target = wholeLines(document, placement.range.startLine, placement.range.endLine);
        for (const action of actions) lenses.push(new ClineLens(at, { kind: 'symbol', uri: document.uri, action, placement, target }));
      }
    }

    if (settings.todoEnabled && settings.todoTags.length > 0) {
      const todos = scanTodos(text, { tags: settings.todoTags, languageId: document.languageId }).slice(
        0,
        Math.max(0, settings.maxPerFile),
      );
      for (const todo of todos) {
        const at = new vscode.Range(todo.line, todo.startCharacter, todo.line, todo.startCharacter);
        lenses.push(new ClineLens(at, { kind: 'todo', uri: document.uri, todo }));
        if (withQueue) lenses.push(new ClineLens(at, { kind: 'todoQueue', uri: document.uri, todo }));
      }
    }

    if (cacheable && document.version === version) this.cache.set(key, { version, settings: settingsKey, lenses });
    return lenses;
  }

  resolveCodeLens(lens: ClineLens): ClineLens {
    const { data } = lens;
    if (data.kind === 'todo') {
      lens.command = {
        title: `$(checklist) ${vscode.l10n.t('Implement with Cline')}`,
        tooltip: data.todo.text
          ? vscode.l10n.t('Ask Cline to do what this {0} says: {1}', data.todo.tag, data.todo.text)
          : vscode.l10n.t('Ask Cline to do what this {0} says', data.todo.tag),
        command: CMD.implementTodo,
        arguments: [data.uri, data.todo.line],
      };
      return lens;
    }
    if (data.kind === 'todoQueue') {
      lens.command = {
        title: `$(add) ${vscode.l10n.t('Add to Queue')}`,
        tooltip: vscode.l10n.t('Queue this {0} for Cline: it starts when Cline is idle', data.todo.tag),
        command: CMD.runPrompt,
        arguments: ['implementTodo', data.uri, data.todo.line, { queue: true }],
      };
      return lens;
    }
    const template = this.templates.get(data.action);
    const name = data.placement.symbolPath.join('.');
    const symbol = { name, kind: symbolKindName(data.placement.kind) };
    const icon = template?.icon ?? 'sparkle';
    const title = shortTitle(data.action) ?? template?.title ?? data.action;
    const lines = `${data.target.start.line + 1}-${data.target.end.line + 1}`;
    const builtIn = (TEMPLATE_COMMANDS as Record<string, string>)[data.action];
    lens.command = {
      title: `$(${icon}) ${title}`,
      tooltip: vscode.l10n.t('Cline: {0} — {1} {2} (lines {3})', template?.title ?? title, symbol.kind, name, lines),
      command: builtIn ?? CMD.runPrompt,
      arguments: builtIn ? [data.uri, data.target, { symbol }] : [data.action, data.uri, data.target, { symbol }],
    };
    return lens;
  }
}
