/**
 * One workspace tool call of an answer, as the user sees it: a collapsed `<details>` whose summary names
 * the tool, what it asked for and where it is ("read_file src/app.ts lines 1-40 — done"), and which opens
 * on the arguments and on exactly what was sent back to the model. Everything here is text (textContent,
 * never HTML): the arguments come from the model and the output from the user's files.
 * A call waiting for approval also shows Allow, Allow for This Conversation and Deny.
 */
import * as l10n from '@vscode/l10n';
import type { ToolCallState, ToolCallView, ToolDecision } from '../protocol/chatProtocol';
import { h, icon } from './dom';
import { formatNumber } from './locale';

export interface ToolCallHooks {
  /** The user answered a waiting call (its buttons are disabled until the host's next update of it). */
  onDecision(callId: string, decision: ToolDecision): void;
}

/** Where a call is, including before the host gave it a state: its arguments still streaming, or an old stored call. */
type ShownState = ToolCallState | 'preparing' | 'requested';

/** The icon of each state. */
const STATE_ICON: Readonly<Record<ShownState, string>> = {
  preparing: 'loading codicon-modifier-spin',
  requested: 'tools',
  waiting: 'shield',
  running: 'loading codicon-modifier-spin',
  done: 'check',
  refused: 'circle-slash',
  denied: 'close',
  failed: 'error',
  cancelled: 'debug-stop',
};

/** The words of each state: what a screen reader says (the icon is hidden from it). */
function stateWords(state: ShownState): string {
  switch (state) {
    case 'preparing':
      return l10n.t('preparing');
    case 'requested':
      return l10n.t('requested');
    case 'waiting':
      return l10n.t('waiting for approval');
    case 'running':
      return l10n.t('running');
    case 'done':
      return l10n.t('done');
    case 'refused':
      return l10n.t('refused');
    case 'denied':
      return l10n.t('denied');
    case 'failed':
      return l10n.t('failed');
    case 'cancelled':
      return l10n.t('cancelled');
  }
}

/** The approval buttons, in their order (Allow first: it takes the focus). */
function decisions(): Array<{ decision: ToolDecision; label: string; primary: boolean }> {
  return [
    { decision: 'allow', label: l10n.t('Allow'), primary: true },
    { decision: 'allowConversation', label: l10n.t('Allow for This Conversation'), primary: false },
    { decision: 'deny', label: l10n.t('Deny'), primary: false },
  ];
}

/** Longest "what it asked for" in the summary line; the arguments themselves are in full below it. */
const MAX_BRIEF_CHARS = 80;

export class ToolCallItem {
  readonly element: HTMLElement;
  private readonly details: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly args: Text;
  private readonly result: HTMLElement;
  private readonly approval: HTMLElement;
  private call: ToolCallView;
  /** Opened by us because the call waits (so the arguments show next to the buttons); closed again after. */
  private openedForApproval = false;

  constructor(
    call: Readonly<ToolCallView>,
    streaming: boolean,
    private readonly hooks: ToolCallHooks,
  ) {
    this.call = { ...call };
    this.summary = h('summary', { class: 'tool-call-summary' });
    this.args = document.createTextNode('');
    this.result = h('div', { class: 'tool-call-result' });
    this.details = h(
      'details',
      { class: 'tool-call-details' },
      this.summary,
      h(
        'div',
        { class: 'tool-call-body' },
        h('div', { class: 'tool-call-label', text: l10n.t('Arguments') }),
        h('pre', { class: 'tool-call-arguments' }, h('code', {}, this.args)),
        this.result,
      ),
    );
    this.approval = h('div', { class: 'tool-call-approval', attrs: { role: 'group', hidden: true } });
    this.element = h('div', { class: 'tool-call' }, this.details, this.approval);
    this.render(streaming);
  }

  get state(): ToolCallState | undefined {
    return this.call.state;
  }

  /** The Allow button of a waiting call. */
  get allowButton(): HTMLButtonElement | null {
    return this.approval.hidden ? null : this.approval.querySelector('button');
  }

  /** While the arguments stream in: a name (replaces when given) and more argument text. */
  appendFragment(fragment: Readonly<ToolCallView>): void {
    if (fragment.name) this.call.name = fragment.name;
    if (fragment.id) this.call.id = fragment.id;
    this.call.arguments += fragment.arguments;
    this.args.appendData(fragment.arguments);
    // What it asks for shows as soon as the arguments parse (small: a path, a query).
    this.renderSummary(true);
  }

  /** The whole call as it is now (a state change, or the end of its message). */
  update(call: Readonly<ToolCallView>, streaming: boolean): void {
    this.call = { ...call };
    this.render(streaming);
  }

  private render(streaming: boolean): void {
    const call = this.call;
    // Arguments are complete once the call has a state or its message ended: indent them then.
    const complete = call.state !== undefined || !streaming;
    this.args.data = complete ? prettyArguments(call.arguments) : call.arguments;
    this.renderSummary(streaming);
    this.renderResult();
    this.renderApproval();
  }

  private renderSummary(streaming: boolean): void {
    const call = this.call;
    const state: ShownState = call.state ?? (streaming ? 'preparing' : 'requested');
    const brief = call.summary?.trim() || argumentBrief(call.name, call.arguments);
    this.element.className = `tool-call state-${state}`;
    // Spaces as text, so the accessible name reads "read_file src/app.ts lines 1-40 — done".
    const chevron = icon('chevron-right');
    chevron.classList.add('tool-call-chevron');
    this.summary.replaceChildren(
      chevron,
      icon(STATE_ICON[state]),
      h('span', { class: 'tool-call-name', text: call.name }),
      brief ? ' ' : '',
      brief ? h('span', { class: 'tool-call-brief', text: oneLine(brief, MAX_BRIEF_CHARS) }) : '',
      ' — ',
      h('span', { class: 'tool-call-state', text: stateWords(state) }),
    );
  }

  /** What went back to the model, exactly, with its size: the user sees what left the machine. */
  private renderResult(): void {
    const { output, summary } = this.call;
    if (output === undefined) {
      this.result.replaceChildren();
      return;
    }
    this.result.replaceChildren(
      // The summary line shows it shortened; in full here when it did not fit.
      summary && oneLine(summary, MAX_BRIEF_CHARS) !== summary ? h('p', { class: 'tool-call-result-summary', text: summary }) : '',
      h('div', {
        class: 'tool-call-label',
        text:
          output.length === 1
            ? l10n.t('Sent to the model (1 character)')
            : l10n.t('Sent to the model ({0} characters)', formatNumber(output.length)),
      }),
      // Focusable so a long output can be scrolled with the keyboard.
      h('pre', {
        class: 'tool-call-output',
        text: output,
        attrs: { tabindex: 0, role: 'region', 'aria-label': l10n.t('Result of {0}', this.call.name) },
      }),
    );
  }

  private renderApproval(): void {
    const { state, id, name } = this.call;
    const waiting = state === 'waiting' && !!id;
    if (waiting && !this.details.open) {
      this.details.open = true;
      this.openedForApproval = true;
    } else if (!waiting && this.openedForApproval) {
      this.details.open = false;
      this.openedForApproval = false;
    }
    this.approval.hidden = !waiting;
    if (!waiting || !id) {
      this.approval.replaceChildren();
      return;
    }
    this.approval.setAttribute('aria-label', l10n.t('{0} waits for your approval', name));
    const buttons = decisions().map(({ decision, label, primary }) =>
      h('button', {
        class: primary ? 'button primary' : 'button',
        text: label,
        attrs: { type: 'button' },
        on: { click: () => this.decide(id, decision, buttons) },
      }),
    );
    this.approval.replaceChildren(
      h('span', { class: 'tool-call-approval-text', text: l10n.t('Run it and send the result to the model?') }),
      h('span', { class: 'tool-call-approval-buttons' }, ...buttons),
    );
  }

  private decide(id: string, decision: ToolDecision, buttons: HTMLButtonElement[]): void {
    for (const button of buttons) button.disabled = true;
    // The focused button is now disabled: keep the keyboard at this call rather than lose it to the page.
    this.summary.focus();
    this.hooks.onDecision(id, decision);
  }
}

/** Tool arguments are JSON text: indent them once complete, keep them as sent if they don't parse. */
export function prettyArguments(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    return args;
  }
}

/** What a call asks for, in a few words, from its arguments (the workspace tools' parameters; others: nothing). */
export function argumentBrief(name: string, args: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return '';
  }
  if (typeof parsed !== 'object' || parsed === null) return '';
  const a = parsed as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const value = a[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const parts: Array<string | undefined> = [];
  switch (name) {
    case 'read_file': {
      const start = text('startLine');
      const end = text('endLine');
      parts.push(text('path'), lineRange(start, end));
      break;
    }
    case 'list_files':
      parts.push(text('path') ?? '.', text('glob'), a.recursive === true ? l10n.t('(recursive)') : undefined);
      break;
    case 'search_text': {
      const query = text('query');
      const glob = text('glob');
      parts.push(query !== undefined ? JSON.stringify(query) : undefined, glob ? l10n.t('in {0}', glob) : undefined);
      break;
    }
    case 'get_problems':
      parts.push(text('path') ?? l10n.t('whole workspace'));
      break;
    case 'get_symbols':
      parts.push(text('path'));
      break;
  }
  return parts.filter((part) => part !== undefined && part !== '').join(' ');
}

/** `lines 1-40`, `lines 10-end`, `lines 1-5` (from read_file's startLine and endLine), or undefined for the whole file. */
function lineRange(start: string | undefined, end: string | undefined): string | undefined {
  if (start && end) return l10n.t('lines {0}-{1}', start, end);
  if (start) return l10n.t('lines {0}-end', start);
  if (end) return l10n.t('lines 1-{0}', end);
  return undefined;
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
