/**
 * How an error looks: ONE table maps each `ErrorView.kind` to its words and its action, so every place
 * that shows an error says the same thing. Each view shows the HTTP status, the server's message and the
 * request id (with a Copy button, for support), and a Retry button when retrying can help.
 */
import type { ErrorKind, ErrorView, MessageStatus } from '../protocol/chatProtocol';
import { NO_API_KEY_TEXT, SET_API_KEY_LABEL } from '../protocol/chatStrings';
import { h, icon } from './dom';

const ADD_CREDITS_URL = 'https://app.cline.bot';

type ErrorAction = 'setApiKey' | 'addCredits';

interface ErrorCopy {
  title: string;
  hint: string;
  action?: ErrorAction;
}

const ERROR_COPY: Readonly<Record<ErrorKind, ErrorCopy>> = {
  unauthorized: { title: 'Invalid API key', hint: 'The Cline API did not accept your API key. Set a valid key.', action: 'setApiKey' },
  noApiKey: { title: 'No API key', hint: NO_API_KEY_TEXT, action: 'setApiKey' },
  payment: { title: 'Out of credits', hint: 'Your Cline account has no credits left for this request.', action: 'addCredits' },
  forbidden: { title: 'Access denied', hint: 'This API key may not use this model or resource. Check its permissions.' },
  notFound: {
    title: 'Model not found',
    hint: 'Check the model id: it has the form provider/model, for example anthropic/claude-sonnet-4.',
  },
  rateLimited: { title: 'Rate limited', hint: 'Too many requests. Wait a moment, then retry.' },
  server: { title: 'Server error', hint: 'The Cline API or the model provider had a problem. Retry in a moment.' },
  network: { title: 'Network error', hint: 'Could not reach the Cline API. Check your connection, the base URL setting, or your proxy.' },
  midstream: { title: 'The answer stopped with an error', hint: 'The provider reported an error while streaming the answer.' },
  timeout: { title: 'Timed out', hint: 'The answer stopped arriving. Retry, or try another model.' },
  aborted: { title: 'Cancelled', hint: 'The request was cancelled.' },
  badResponse: { title: 'Unexpected response', hint: 'The server sent a response the chat could not read.' },
};

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
  const copy = ERROR_COPY[error.kind] ?? ERROR_COPY.badResponse;
  const facts: Node[] = [];
  if (error.status !== undefined) facts.push(h('span', { class: 'error-status', text: `HTTP ${error.status}` }));
  if (error.code) facts.push(h('span', { class: 'error-code', text: `Code: ${error.code}` }));

  const buttons: Node[] = [];
  if (copy.action === 'setApiKey') {
    buttons.push(
      h('button', {
        class: 'button primary',
        text: SET_API_KEY_LABEL,
        attrs: { type: 'button' },
        on: { click: () => actions.setApiKey() },
      }),
    );
  } else if (copy.action === 'addCredits') {
    buttons.push(
      h('a', {
        class: 'button primary link-button',
        text: 'Add Credits',
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
      h('button', { class: 'button', attrs: { type: 'button' }, on: { click: () => actions.retry() } }, icon('refresh'), ' Retry'),
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
          h('span', { text: 'Request ID: ' }),
          h('code', { class: 'request-id', text: error.requestId }),
          h(
            'button',
            {
              class: 'icon-button',
              attrs: { type: 'button', 'aria-label': 'Copy request ID', title: 'Copy request ID' },
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
  const copy = ERROR_COPY[error.kind] ?? ERROR_COPY.badResponse;
  return `Error: ${copy.title}. ${copy.hint}`;
}

/** A stopped or interrupted answer without an error: a short note and Retry. */
export function renderStatusNote(status: 'stopped' | 'interrupted', retry: (() => void) | undefined): HTMLElement {
  return h(
    'div',
    { class: 'status-note' },
    h('span', { text: status === 'stopped' ? 'Stopped.' : 'Interrupted: the answer did not finish.' }),
    retry ? h('button', { class: 'button', attrs: { type: 'button' }, on: { click: retry } }, icon('refresh'), ' Retry') : null,
  );
}
