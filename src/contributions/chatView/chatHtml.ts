/**
 * The chat webview's HTML. Pure: the provider passes the URIs (already `asWebviewUri`'d), the webview's
 * `cspSource` and a fresh nonce.
 *
 * The CSP is the security boundary for model output: only our nonce'd bundle runs, styles and fonts come
 * only from the extension's own files, and no image, frame, fetch or inline style/script is allowed.
 * Because `style-src` has no 'unsafe-inline', `style=""` attributes and `<style>` elements are ignored:
 * all CSS lives in media/chat.css (CSSOM writes from our script, `el.style.x = …`, are still allowed).
 */
export interface ChatHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce per render (base64/alphanumeric). */
  nonce: string;
  /** URI of dist/webview.js. */
  scriptUri: string;
  /** URI of media/chat.css. */
  styleUri: string;
  /** URI of dist/codicons/codicon.css. */
  codiconsUri: string;
}

/** The exact Content-Security-Policy of the chat view. */
export function chatCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource}; font-src ${cspSource}; img-src ${cspSource}`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function chatHtml({ cspSource, nonce, scriptUri, styleUri, codiconsUri }: ChatHtmlOptions): string {
  const a = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(chatCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${a(codiconsUri)}">
<link rel="stylesheet" href="${a(styleUri)}">
<title>Cline Chat</title>
</head>
<body>
<div id="app" class="app"></div>
<noscript>The chat needs JavaScript.</noscript>
<script nonce="${a(nonce)}" src="${a(scriptUri)}"></script>
</body>
</html>`;
}
