/**
 * Light-bulb actions: "Fix with Cline" (a QuickFix) on errors and warnings, and "Explain with Cline" /
 * "Refactor with Cline" (refactor actions) on a selection. Runs on every cursor move, so it only looks at
 * what VS Code hands it: no symbol request, no file read. The commands do the real work when picked.
 *
 * Beside Cline's own actions (Cline registers "Fix with Cline", "Explain with Cline", "Improve with Cline" and
 * "Add to Cline" for every language; src/core/cline/clineOwnCodeActions.ts), the same titles twice would be
 * two entries that look alike and do nearly the same. So then ours leave out those Cline has, offer what Cline
 * lacks instead (the other code templates, built-in and the user's, and Add to Queue), and every title of ours
 * says "(Cline Companion)". `codeActions.showAll` shows every action of ours, with or without Cline's.
 */
import * as vscode from 'vscode';
import type { TemplateCatalog } from '../../adapters/prompts/templateCatalog';
import { codeActionSettings } from '../../adapters/settings/codeActionSettings';
import { CLINE_OWN_ACTION_COMMANDS, type DuplicatedAction } from '../../core/cline/clineOwnCodeActions';
import { CMD } from '../../core/commandIds';
import type { PromptTemplate } from '../../core/prompts';

const FIX_KIND = vscode.CodeActionKind.QuickFix.append('cline');
const EXPLAIN_KIND = vscode.CodeActionKind.Refactor.append('cline').append('explain');
const REFACTOR_KIND = vscode.CodeActionKind.RefactorRewrite.append('cline');
/** The other code templates (Write Tests, Document, Optimize, the user's). */
const TEMPLATE_KIND = vscode.CodeActionKind.Refactor.append('cline').append('template');
const QUEUE_KIND = vscode.CodeActionKind.Refactor.append('cline').append('queue');

/** Template scopes that act on a selection (the others act on problems, a TODO or the whole file). */
const CODE_SCOPES: ReadonlySet<string> = new Set(['selection', 'symbol']);

/** What the provider needs to know about Cline's own actions; may wait for the first check. */
export interface ClineOwnActions {
  current(): ReadonlySet<DuplicatedAction> | Promise<ReadonlySet<DuplicatedAction>>;
}

/**
 * Alone, our titles read like the commands ("Write Tests with Cline"). Beside Cline's own, whose titles all end
 * in "with Cline", ours say whose they are, the verb first so the menu still reads by what it does.
 */
function titled(name: string, besideCline: boolean): string {
  return besideCline ? vscode.l10n.t('{0} (Cline Companion)', name) : vscode.l10n.t('{0} with Cline', name);
}

class ClineCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [FIX_KIND, EXPLAIN_KIND, REFACTOR_KIND, TEMPLATE_KIND, QUEUE_KIND],
  };

  constructor(
    private readonly templates: TemplateCatalog,
    private readonly clineActions: ClineOwnActions,
  ) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] | Promise<vscode.CodeAction[]> {
    if (!codeActionSettings.enabled()) return [];
    const offered = this.clineActions.current();
    return offered instanceof Promise
      ? offered.then((o) => this.actions(document, range, context, o))
      : this.actions(document, range, context, offered);
  }

  private actions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
    clineOffers: ReadonlySet<DuplicatedAction>,
  ): vscode.CodeAction[] {
    const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind) || kind.contains(context.only);
    const showAll = codeActionSettings.showAll();
    const besideCline = clineOffers.size > 0;
    const ours = (action: DuplicatedAction): boolean => showAll || !clineOffers.has(action);
    const actions: vscode.CodeAction[] = [];

    const problems = context.diagnostics.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    if (problems.length > 0 && ours('fix') && wants(FIX_KIND)) {
      // Whole titles for our own actions (word order differs between languages); `titled` only for templates.
      const title =
        problems.length === 1
          ? besideCline
            ? vscode.l10n.t('Fix (Cline Companion)')
            : vscode.l10n.t('Fix with Cline')
          : besideCline
            ? vscode.l10n.t('Fix {0} problems (Cline Companion)', problems.length)
            : vscode.l10n.t('Fix {0} problems with Cline', problems.length);
      const fix = new vscode.CodeAction(title, FIX_KIND);
      fix.diagnostics = problems;
      const span = problems.map((d) => d.range).reduce((a, b) => a.union(b));
      fix.command = { command: CMD.fix, title: fix.title, arguments: [document.uri, span] };
      actions.push(fix);
    }

    if (range.isEmpty) return actions;
    if (ours('explain') && wants(EXPLAIN_KIND)) {
      const explain = new vscode.CodeAction(
        besideCline ? vscode.l10n.t('Explain (Cline Companion)') : vscode.l10n.t('Explain with Cline'),
        EXPLAIN_KIND,
      );
      explain.command = { command: CMD.explain, title: explain.title, arguments: [document.uri, range] };
      actions.push(explain);
    }
    if (ours('refactor') && wants(REFACTOR_KIND)) {
      const refactor = new vscode.CodeAction(
        besideCline ? vscode.l10n.t('Refactor (Cline Companion)') : vscode.l10n.t('Refactor with Cline'),
        REFACTOR_KIND,
      );
      refactor.command = { command: CMD.refactor, title: refactor.title, arguments: [document.uri, range] };
      actions.push(refactor);
    }
    // Alone, the light bulb stays as short as it always was; the rest is in the menus and the palette.
    if (!besideCline && !showAll) return actions;
    if (wants(TEMPLATE_KIND)) {
      for (const template of this.templates.all().filter(isOtherCodeTemplate)) {
        const action = new vscode.CodeAction(titled(template.title, besideCline), TEMPLATE_KIND);
        action.command = { command: CMD.runPrompt, title: action.title, arguments: [template.id, document.uri, range] };
        actions.push(action);
      }
    }
    if (wants(QUEUE_KIND)) {
      // runPrompt without a template id asks which one; `queue` makes the pick a queued task.
      const queue = new vscode.CodeAction(
        besideCline ? vscode.l10n.t('Add to Queue… (Cline Companion)') : vscode.l10n.t('Add to Queue for Cline…'),
        QUEUE_KIND,
      );
      queue.command = { command: CMD.runPrompt, title: queue.title, arguments: [null, document.uri, range, { queue: true }] };
      actions.push(queue);
    }
    return actions;
  }
}

/** A template for selected code that is not one of the actions above (Fix, Explain, Refactor). */
function isOtherCodeTemplate(template: PromptTemplate): boolean {
  return CODE_SCOPES.has(template.scope ?? 'selection') && !Object.hasOwn(CLINE_OWN_ACTION_COMMANDS, template.id);
}

export function registerCodeActions(templates: TemplateCatalog, clineActions: ClineOwnActions): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    [{ scheme: 'file' }, { scheme: 'untitled' }],
    new ClineCodeActionProvider(templates, clineActions),
    ClineCodeActionProvider.metadata,
  );
}
