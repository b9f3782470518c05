/**
 * The chat webview's HTML. Pure: the provider passes the URIs (already `asWebviewUri`'d), the webview's
 * `cspSource` and a fresh nonce.
 *
 * The CSP is the security boundary for model output: only our nonce'd bundle runs, styles and fonts come
 * only from the extension's own files, and no image, frame, fetch or inline style/script is allowed.
 * Because `style-src` has no 'unsafe-inline', `style=""` attributes and `<style>` elements are ignored:
 * all CSS lives in media/chat.css (CSSOM writes from our script, `el.style.x = …`, are still allowed).
 *
 * Localisation: the page's `lang` is VS Code's display language, and the host's translations (VS Code's bundle
 * for that language, `vscode.l10n.bundle`: one bundle for host and webview) ride along as a JSON block, which
 * the browser never runs (so the CSP needs no change); src/ui/locale.ts reads it before the app draws. Every
 * `<` in it is written `\u003c`, so no translation can close the block.
 *
 * The syntax highlighter (dist/highlight.js) is not in the page: its URI rides on the bundle's `<script>` as
 * `data-highlighter`, and the bundle adds it, with its own nonce, when the first code block needs it
 * (src/ui/markdown/highlight.ts). So the CSP needs no change for it either.
 */
import { L10N_BUNDLE_ID } from '../../protocol/chatStrings';

export interface ChatHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce per render (base64/alphanumeric). */
  nonce: string;
  /** URI of dist/webview.js. */
  scriptUri: string;
  /**
   * URI of dist/highlight.js, the syntax highlighter the chat bundle loads only when a code block first needs
   * it: written on the bundle's `<script>` as `data-highlighter`, and loaded with the same nonce.
   */
  highlighterUri: string;
  /** URI of media/chat.css. */
  styleUri: string;
  /** URI of dist/codicons/codicon.css. */
  codiconsUri: string;
  /** `vscode.env.language`: the page's `lang` (numbers and dates are written in it). */
  language: string;
  /** The page's title and what shows without JavaScript, already translated (`vscode.l10n.t`). */
  title: string;
  noscript: string;
  /** `vscode.l10n.bundle`: the translations, message → text; undefined in English (the source text). */
  bundle?: Readonly<Record<string, string>>;
}

/** The exact Content-Security-Policy of the chat view. */
export function chatCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource}; font-src ${cspSource}; img-src ${cspSource}`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text content of an element (the title, noscript). */
function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The translations as a JSON data block: `<` as `\u003c` (JSON.parse reads it back as `<`), so `</script>` cannot occur. */
function bundleBlock(bundle: Readonly<Record<string, string>> | undefined): string {
  if (!bundle || Object.keys(bundle).length === 0) return '';
  const json = JSON.stringify(bundle).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${L10N_BUNDLE_ID}">${json}</script>\n`;
}

export function chatHtml({
  cspSource,
  nonce,
  scriptUri,
  highlighterUri,
  styleUri,
  codiconsUri,
  language,
  title,
  noscript,
  bundle,
}: ChatHtmlOptions): string {
  const a = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="${a(language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(chatCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${a(codiconsUri)}">
<link rel="stylesheet" href="${a(styleUri)}">
<title>${escapeText(title)}</title>
</head>
<body>
<div id="app" class="app"></div>
<noscript>${escapeText(noscript)}</noscript>
${bundleBlock(bundle)}<script nonce="${a(nonce)}" src="${a(scriptUri)}" data-highlighter="${a(highlighterUri)}"></script>
</body>
</html>`;
}
