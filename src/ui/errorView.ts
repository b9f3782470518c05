/**
 * How an error looks: ONE table maps each `ErrorView.kind` to its words and its action, so every place
 * that shows an error says the same thing. Each view shows the HTTP status, the server's message and the
 * request id (with a Copy button, for support), and a Retry button when retrying can help.
 */
import * as l10n from '@vscode/l10n';
import type { ErrorKind, ErrorView, MessageStatus } from '../protocol/chatProtocol';
import { noApiKeyText, setApiKeyLabel } from '../protocol/chatStrings';
import { h, icon } from './dom';

const ADD_CREDITS_URL = 'https://app.cline.bot';

type ErrorAction = 'setApiKey' | 'addCredits';

interface ErrorCopy {
  title: string;
  hint: string;
  action?: ErrorAction;
}

/** The words of each kind, in the display language (a function: the translations load after this module). */
function errorCopy(kind: ErrorKind): ErrorCopy {
  switch (kind) {
    case 'unauthorized':
      return {
        title: l10n.t('Invalid API key'),
        hint: l10n.t('The Cline API did not accept your API key. Set a valid key.'),
        action: 'setApiKey',
      };
    case 'noApiKey':
      return { title: l10n.t('No API key'), hint: noApiKeyText(), action: 'setApiKey' };
    case 'payment':
      return {
        title: l10n.t('Out of credits'),
        hint: l10n.t('Your Cline account has no credits left for this request.'),
        action: 'addCredits',
      };
    case 'forbidden':
      return { title: l10n.t('Access denied'), hint: l10n.t('This API key may not use this model or resource. Check its permissions.') };
    case 'notFound':
      return {
        title: l10n.t('Model not found'),
        hint: l10n.t('Check the model id: it has the form provider/model, for example anthropic/claude-sonnet-4.'),
      };
    case 'rateLimited':
      return { title: l10n.t('Rate limited'), hint: l10n.t('Too many requests. Wait a moment, then retry.') };
    case 'server':
      return { title: l10n.t('Server error'), hint: l10n.t('The Cline API or the model provider had a problem. Retry in a moment.') };
    case 'network':
      return {
        title: l10n.t('Network error'),
        hint: l10n.t('Could not reach the Cline API. Check your connection, the base URL setting, or your proxy.'),
      };
    case 'midstream':
      return {
        title: l10n.t('The answer stopped with an error'),
        hint: l10n.t('The provider reported an error while streaming the answer.'),
      };
    case 'timeout':
      return { title: l10n.t('Timed out'), hint: l10n.t('The answer stopped arriving. Retry, or try another model.') };
    case 'aborted':
      return { title: l10n.t('Cancelled'), hint: l10n.t('The request was cancelled.') };
    case 'badResponse':
    default:
      // A kind this view does not know (the schema lets none through, but stored data is old): the generic words.
      return { title: l10n.t('Unexpected response'), hint: l10n.t('The server sent a response the chat could not read.') };
  }
}

export interface ErrorViewActions {
  setApiKey(): void;
  openLink(href: string): void;
  copy(text: string): void;
  retry(): void;
}

/** Can retrying this answer help? */
export function canRetry(status: MessageStatus | undefined, error: ErrorView | undefined): boolean {
  if (status === 'stopped' || status === 'interrupted') return true;
  return !!error && (error.retryable || error.kind === 'midstream');
}

export function renderErrorView(error: ErrorView, actions: ErrorViewActions, retry: boolean): HTMLElement {
  const copy = errorCopy(error.kind);
  const facts: Node[] = [];
  if (error.status !== undefined) facts.push(h('span', { class: 'error-status', text: l10n.t('HTTP {0}', error.status) }));
  if (error.code) facts.push(h('span', { class: 'error-code', text: l10n.t('Code: {0}', error.code) }));

  const buttons: Node[] = [];
  if (copy.action === 'setApiKey') {
    buttons.push(
      h('button', {
        class: 'button primary',
        text: setApiKeyLabel(),
        attrs: { type: 'button' },
        on: { click: () => actions.setApiKey() },
      }),
    );
  } else if (copy.action === 'addCredits') {
    buttons.push(
      h('a', {
        class: 'button primary link-button',
        text: l10n.t('Add Credits'),
        attrs: { href: ADD_CREDITS_URL },
        on: {
          click: (event) => {
            event.preventDefault();
            actions.openLink(ADD_CREDITS_URL);
          },
        },
      }),
    );
  }
  if (retry) {
    buttons.push(
      h(
        'button',
        { class: 'button', attrs: { type: 'button' }, on: { click: () => actions.retry() } },
        icon('refresh'),
        ` ${l10n.t('Retry')}`,
      ),
    );
  }

  return h(
    'div',
    // No role="alert": the view is drawn again for every reopened conversation. The message list announces
    // an error once, when it happens (errorAnnouncement).
    { class: `error-view error-${error.kind}` },
    h('h3', { class: 'error-title' }, icon('error'), h('span', { text: copy.title })),
    h('p', { class: 'error-hint', text: copy.hint }),
    facts.length ? h('div', { class: 'error-facts' }, ...facts) : null,
    // The host's message can be the hint's own words (noApiKey): say them once.
    error.message && error.message !== copy.hint ? h('p', { class: 'error-message', text: error.message }) : null,
    error.requestId
      ? h(
          'div',
          { class: 'error-request-id' },
          h('span', { text: `${l10n.t('Request ID:')} ` }),
          h('code', { class: 'request-id', text: error.requestId }),
          h(
            'button',
            {
              class: 'icon-button',
              attrs: { type: 'button', 'aria-label': l10n.t('Copy request ID'), title: l10n.t('Copy request ID') },
              on: { click: () => actions.copy(error.requestId ?? '') },
            },
            icon('copy'),
          ),
        )
      : null,
    buttons.length ? h('div', { class: 'error-actions' }, ...buttons) : null,
  );
}

/** What a screen reader is told when an answer ends with this error (once: the view itself is not an alert). */
export function errorAnnouncement(error: ErrorView): string {
  const copy = errorCopy(error.kind);
  return l10n.t('Error: {0}. {1}', copy.title, copy.hint);
}

/** A stopped or interrupted answer without an error: a short note and Retry. */
export function renderStatusNote(status: 'stopped' | 'interrupted', retry: (() => void) | undefined): HTMLElement {
  return h(
    'div',
    { class: 'status-note' },
    h('span', { text: status === 'stopped' ? l10n.t('Stopped.') : l10n.t('Interrupted: the answer did not finish.') }),
    retry
      ? h('button', { class: 'button', attrs: { type: 'button' }, on: { click: retry } }, icon('refresh'), ` ${l10n.t('Retry')}`)
      : null,
  );
}
