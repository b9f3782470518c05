/**
 * The text input of our commands: a QuickPick that takes free text and offers the recent prompts.
 * - Typing shows one row per action ("Start new task", "Send to current task"...); Enter runs the first.
 * - Picking a recent prompt copies it into the input to edit (never sends it unseen: starting a task
 *   clears Cline's current one).
 * - A kept draft pre-fills the input. A multi-line draft cannot live in a one-line box, so it gets a row of
 *   its own that resends it verbatim.
 * - Dismissing the input with text in it keeps that text as the draft, so nothing typed is lost.
 */
import * as vscode from 'vscode';

export interface PromptAction {
  id: string;
  /** Shown next to the typed text, e.g. "$(play) Start new task". */
  description: string;
  detail?: string;
}

export interface PromptInputOptions {
  title: string;
  placeholder: string;
  /** At least one; the first is what Enter does. */
  actions: readonly PromptAction[];
  /** A kept draft. */
  draft?: string;
  history: readonly string[];
  /** Removes a prompt from the history (the row's × button). */
  forget?(text: string): Thenable<void> | void;
  /** Called with whatever was typed when the input closes without an answer. */
  keepDraft?(text: string): Thenable<void> | void;
}

export interface PromptInputResult {
  text: string;
  action: string;
}

type Row = vscode.QuickPickItem &
  ({ role: 'action'; action: string } | { role: 'history'; text: string } | { role: 'draft'; text: string });

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ⏎ ');
}

export function askForPrompt(options: PromptInputOptions): Promise<PromptInputResult | undefined> {
  const pick = vscode.window.createQuickPick<Row>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = false;
  const multilineDraft = options.draft?.includes('\n') ? options.draft : undefined;
  let history = [...options.history];
  const forgetButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('close'), tooltip: vscode.l10n.t('Remove from history') };

  const rows = (value: string): Row[] => {
    const typed = value.trim();
    const out: Row[] = [];
    if (typed) {
      for (const a of options.actions) {
        // The label is the typed text itself, so the filter always keeps this row and ranks it first.
        out.push({ role: 'action', action: a.id, label: value, description: a.description, detail: a.detail, alwaysShow: true });
      }
    }
    if (multilineDraft !== undefined) {
      out.push({
        role: 'draft',
        text: multilineDraft,
        label: `$(history) ${vscode.l10n.t('Resend your last prompt')}`,
        description: vscode.l10n.t('{0} lines; it did not reach Cline', multilineDraft.split('\n').length),
        detail: oneLine(multilineDraft).slice(0, 200),
        alwaysShow: true,
      });
    }
    const recent = history.filter((h) => h !== typed);
    if (recent.length > 0) {
      out.push({
        role: 'history',
        text: '',
        label: vscode.l10n.t('recent — pick one to edit it'),
        kind: vscode.QuickPickItemKind.Separator,
      });
      for (const h of recent) out.push({ role: 'history', text: h, label: oneLine(h), buttons: options.forget ? [forgetButton] : [] });
    }
    return out;
  };

  return new Promise((resolve) => {
    let answered = false;
    const disposables: vscode.Disposable[] = [];
    const finish = (result: PromptInputResult | undefined): void => {
      answered = result !== undefined;
      resolve(result);
      pick.hide();
    };
    disposables.push(
      pick.onDidChangeValue((value) => (pick.items = rows(value))),
      pick.onDidAccept(() => {
        const row = pick.activeItems[0];
        const value = pick.value;
        if (!row) {
          if (value.trim()) finish({ text: value.trim(), action: options.actions[0].id });
          return;
        }
        if (row.role === 'action') finish({ text: value.trim(), action: row.action });
        else if (row.role === 'draft') finish({ text: row.text, action: options.actions[0].id });
        else if (row.text) {
          // A recent prompt goes into the box for a look and an edit; Enter again sends it.
          pick.value = row.text;
          pick.items = rows(row.text);
        }
      }),
      pick.onDidTriggerItemButton(async ({ item }) => {
        if (item.role !== 'history' || !options.forget) return;
        const forgotten = item.text;
        await options.forget(forgotten);
        history = history.filter((h) => h !== forgotten);
        pick.items = rows(pick.value);
      }),
      pick.onDidHide(() => {
        if (!answered && pick.value.trim()) void options.keepDraft?.(pick.value);
        if (!answered) resolve(undefined);
        for (const d of disposables) d.dispose();
        pick.dispose();
      }),
    );
    const initial = multilineDraft === undefined ? (options.draft ?? '') : '';
    pick.value = initial;
    pick.items = rows(initial);
    pick.show();
  });
}
