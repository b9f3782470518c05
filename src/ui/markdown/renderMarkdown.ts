/**
 * Markdown tokens → sanitised DOM. One configured `Marked` instance (never the global one), with a
 * renderer made for untrusted model output:
 * - raw HTML is shown as text, not interpreted;
 * - images are never loaded: they become a text placeholder `[image: alt](url)`;
 * - fenced code gets our code-block markup, highlighted only once the fence is closed (or the answer ended);
 * - task-list checkboxes are text, so no form control reaches the DOM.
 * The HTML then goes through DOMPurify (sanitize.ts) before anything touches the DOM.
 */
import * as l10n from '@vscode/l10n';
import { Lexer, Marked, type Links, type Token, type Tokens, type TokensList } from 'marked';
import { highlightCode, knownLanguage } from './highlight';
import { sanitizeToFragment } from './sanitize';

export type { Links, Token, TokensList };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** Does this fenced-code token's raw source end with its closing fence? (Indented code has none to wait for.) */
export function isFenceClosed(raw: string): boolean {
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
  if (!open) return true;
  // marked may append the following blank line to the token's raw: ignore trailing newlines.
  const body = raw.replace(/\n+$/, '');
  const lastNewline = body.lastIndexOf('\n');
  if (lastNewline < 0) return false; // still on the opening line
  const fence = open[1];
  const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  return close.test(body.slice(lastNewline + 1));
}

/** Render-time switches, set per call (the renderer is shared). */
const renderState = { final: false };

/** The fence's info string → a safe language id for data attributes and "Open in New Editor". */
function fenceLanguage(lang: string | undefined): string {
  const first = (lang ?? '').trim().split(/\s+/)[0] ?? '';
  return /^[\w+#.-]{1,40}$/.test(first) ? first.toLowerCase() : '';
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html({ text, block }: Tokens.HTML | Tokens.Tag) {
      // Model text is not trusted markup: show it as written.
      return block ? `<p class="md-raw">${escapeHtml(text.replace(/\n+$/, ''))}</p>\n` : escapeHtml(text);
    },
    image({ href, text }: Tokens.Image) {
      // Images are not loaded (the CSP allows none from the web): their alt text and address, as text.
      return `<span class="md-image">${escapeHtml(l10n.t('[image: {0}]', text))}(${escapeHtml(href ?? '')})</span>`;
    },
    checkbox({ checked }: Tokens.Checkbox) {
      return `<span class="md-task">${checked ? '☑' : '☐'}</span> `;
    },
    code({ text, lang, raw, codeBlockStyle }: Tokens.Code) {
      const language = fenceLanguage(lang);
      const closed = codeBlockStyle === 'indented' || isFenceClosed(raw);
      const highlighted = closed || renderState.final ? highlightCode(text, language) : undefined;
      const classes = ['hljs', ...(knownLanguage(language) ? [`language-${language}`] : [])].join(' ');
      const preClass = closed || renderState.final ? 'code-block' : 'code-block code-open';
      return `<pre class="${preClass}"><code class="${classes}" data-lang="${escapeHtml(language)}">${highlighted ?? escapeHtml(text)}</code></pre>\n`;
    },
  },
});

/** The lexer options of our Marked instance (gfm on). */
const lexerOptions = marked.defaults;

/**
 * Lex markdown. `knownLinks` are reference definitions seen earlier in the same answer (when only its
 * tail is lexed), so `[text][ref]` keeps resolving.
 */
export function lexMarkdown(src: string, knownLinks?: Links): TokensList {
  const lexer = new Lexer({ ...lexerOptions });
  if (knownLinks) Object.assign(lexer.tokens.links, knownLinks);
  return lexer.lex(src);
}

/** Render block tokens to a sanitised fragment. `final`: the answer is complete (highlight unclosed fences too). */
export function renderTokens(tokens: Token[], final: boolean): DocumentFragment {
  renderState.final = final;
  try {
    return sanitizeToFragment(marked.parser(tokens));
  } finally {
    renderState.final = false;
  }
}

/** Whole-text render (the naive path, used for comparison and for short non-streamed text). */
export function renderMarkdown(src: string): DocumentFragment {
  return renderTokens(lexMarkdown(src), true);
}
