/**
 * Which links in the chat open: ONE rule for both bundles. The webview's sanitiser keeps an `href` only
 * when this allows it (so what looks clickable is what the host will open), and the host's `openLink`
 * opens only what this allows (the webview renders model output, so the host checks again).
 *
 * - `http:` and `https:` open in the browser through VS Code's `openExternal`, which asks before a domain
 *   the user has not trusted.
 * - `mailto:` opens the mail app after the host asks (VS Code opens mail links without asking, and a
 *   model can prefill the recipient, subject and body).
 * - Anything else (`javascript:`, `data:`, `file:`, `command:`, `vscode:`, relative paths…) is not a link:
 *   the sanitiser drops its `href`, and the host refuses it and says why.
 */
import * as l10n from '@vscode/l10n';

const OPENABLE_SCHEMES = ['http:', 'https:', 'mailto:'] as const;
type OpenableScheme = (typeof OPENABLE_SCHEMES)[number];

export type LinkCheck =
  | { ok: true; scheme: OpenableScheme; /** The parsed, normalised URL to open. */ url: string }
  | { ok: false; /** For the user: what was not opened and why. */ message: string };

/** How much of a refused link the refusal quotes (a link may be up to 8 KB). */
const QUOTED_CHARS = 80;

function isOpenableScheme(scheme: string): scheme is OpenableScheme {
  return (OPENABLE_SCHEMES as readonly string[]).includes(scheme);
}

/** Decide whether `href` may be opened. */
export function checkLink(href: string): LinkCheck {
  const text = href.trim();
  // The scheme as written must be allowed (a browser reads "java\tscript:" as javascript:, so a scheme
  // broken by tabs or control characters is not), and the URL parser must agree.
  const written = /^[a-z][a-z\d+.-]*:/i.exec(text)?.[0].toLowerCase();
  if (written && isOpenableScheme(written)) {
    try {
      const url = new URL(text);
      if (url.protocol === written) return { ok: true, scheme: written, url: url.href };
    } catch {
      // not a URL: refused below
    }
  }
  const quoted = href.length > QUOTED_CHARS ? `${href.slice(0, QUOTED_CHARS - 1)}…` : href;
  return {
    ok: false,
    message: l10n.t('Cline Companion did not open “{0}”: only http, https and mailto links open from the chat.', quoted),
  };
}

/** True when `href` is a link the host opens (the sanitiser keeps its `href`). */
export function isOpenableLink(href: string): boolean {
  return checkLink(href).ok;
}
