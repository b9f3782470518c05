/**
 * Syntax highlighting for the markdown renderer, with the highlighter loaded lazily: highlight.js and its
 * languages (~100 KB) are a second bundle, dist/highlight.js, which the page gets only when the first code block
 * in a known language is to be highlighted. Until it has arrived (or if it never does), code is shown plain,
 * escaped, exactly as a block in an unknown language; when it arrives, the blocks already shown plain are
 * highlighted in place (newest first, in slices), through the same sanitiser as a render.
 *
 * The page says where the bundle is: the host writes its URI into our own `<script>` (`data-highlighter`), and the
 * added `<script>` carries our nonce, read from `document.currentScript` at start-up (browsers hide the nonce
 * attribute but keep the property), so the CSP stays `script-src 'nonce-…'` only.
 */
import { HIGHLIGHT_LANGUAGES, type Highlighter } from './highlighterContract';
import { sanitizeToFragment } from './sanitize';

/** Highlighting is linear but slow per byte; past this a block is shown plain so one answer can't stall the view. */
const MAX_HIGHLIGHT_CHARS = 100_000;
/** Highlighting blocks already shown yields to the browser after this much work (a frame is ~16 ms). */
const SLICE_MS = 8;

/** Every name and alias of the curated languages. */
const LANGUAGE_NAMES: ReadonlySet<string> = new Set(Object.entries(HIGHLIGHT_LANGUAGES).flat(2));

/** The language name for a fence's info string (`ts`, `TypeScript`, `c++` …), or undefined. The same before and after loading. */
export function knownLanguage(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const name = lang.toLowerCase();
  return LANGUAGE_NAMES.has(name) ? name : undefined;
}

/**
 * Highlighted HTML (escaped text in `<span class="hljs-…">`), or undefined: the language is unknown, the code too
 * long, or the highlighter not here (yet). The first call that wants it starts loading it.
 */
export function highlightCode(code: string, lang: string | undefined): string | undefined {
  const language = knownLanguage(lang);
  if (!language || code.length > MAX_HIGHLIGHT_CHARS) return undefined;
  if (!loader.highlighter) loader.start();
  return loader.highlighter?.highlight(code, language);
}

/** Where dist/highlight.js is, and the nonce the `<script>` that loads it must carry. */
interface HighlighterSource {
  src: string;
  nonce: string;
}

const loader = {
  source: undefined as HighlighterSource | undefined,
  state: 'idle' as 'idle' | 'loading' | 'ready' | 'failed',
  highlighter: undefined as Highlighter | undefined,
  waiting: [] as Array<(loaded: boolean) => void>,

  start(): void {
    if (this.state !== 'idle') return;
    const source = this.source;
    if (!source) return this.fail('its address is not in the page');
    this.state = 'loading';
    const script = document.createElement('script');
    script.nonce = source.nonce;
    script.src = source.src;
    script.addEventListener('load', () => {
      const highlighter = window.clineCompanionHighlighter;
      if (!highlighter) return this.fail('it ran but left no highlighter');
      this.state = 'ready';
      this.highlighter = highlighter;
      highlightShownCode();
      this.settle(true);
    });
    script.addEventListener('error', () => this.fail('it did not load'));
    document.head.append(script);
  },

  fail(reason: string): void {
    this.state = 'failed';
    console.warn(`chat: the syntax highlighter (dist/highlight.js) is not available: ${reason}; code is shown plain`);
    this.settle(false);
  },

  settle(loaded: boolean): void {
    for (const resolve of this.waiting.splice(0)) resolve(loaded);
  },
};

/**
 * Read, while the bundle's own script runs (call it at the top of the entry, not later: `currentScript` is then
 * null), where the highlighter is and the nonce to load it with.
 */
export function readHighlighterSource(script: HTMLOrSVGScriptElement | null = document.currentScript): void {
  const src = script instanceof HTMLScriptElement ? script.dataset.highlighter : undefined;
  if (script && src) loader.source = { src, nonce: script.nonce ?? '' };
}

/** Load the highlighter now (if not yet asked for): resolves true once it is here, false if it cannot load. For tests and benches. */
export function loadHighlighter(): Promise<boolean> {
  if (loader.state === 'ready') return Promise.resolve(true);
  const settled = new Promise<boolean>((resolve) => loader.waiting.push(resolve));
  if (loader.state === 'failed') loader.settle(false);
  else loader.start();
  return settled;
}

/**
 * Highlight the finished code blocks the page shows plain because they were rendered before the highlighter
 * arrived (finished answers, a restored conversation, the closed blocks of one still streaming). An open fence
 * stays as it is: it is highlighted when it closes. Newest first, a slice at a time, so a long conversation
 * doesn't freeze the view; a block gone or replaced meanwhile is skipped.
 */
function highlightShownCode(): void {
  const blocks = Array.from(document.querySelectorAll<HTMLElement>('.markdown-body pre.code-block:not(.code-open) > code'));
  const slice = (): void => {
    const start = performance.now();
    while (blocks.length && performance.now() - start < SLICE_MS) {
      const code = blocks.pop()!;
      if (!code.isConnected || code.firstElementChild) continue;
      const html = highlightCode(code.textContent ?? '', code.dataset.lang);
      if (html !== undefined) code.replaceChildren(sanitizeToFragment(html));
    }
    if (blocks.length) setTimeout(slice, 0);
  };
  slice();
}
