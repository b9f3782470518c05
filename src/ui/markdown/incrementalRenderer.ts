/**
 * Incremental markdown rendering for streamed answers.
 *
 * Re-rendering a whole answer on every delta is quadratic: a 200 KB answer in 10,000 deltas re-parses,
 * re-highlights and re-sanitises megabytes and freezes the view. Instead:
 * - the text is split into top-level markdown blocks (marked's lexer, run only on the not-yet-finished
 *   tail of the text);
 * - every block but the last is finished (a later line can't change a closed block), so it is rendered
 *   once, appended to the DOM and never touched again;
 * - only the last, open block is re-rendered, at most once per animation frame (deltas are coalesced);
 * - an unclosed code fence is displayed closed but not highlighted; it is highlighted once its fence
 *   closes;
 * - when a delta only adds code to an open fence or words to the last paragraph/list item/heading, it
 *   is written into the tail's text node without any re-rendering (openTail.ts);
 * - the open block is re-rendered at most once per `tailRenderIntervalMs` (100 ms). Between those
 *   renders, text that can take the path above is shown at once; text that needs a real render (a
 *   backtick, a new list item, a table row) waits for the next one, at most that long. A fast model
 *   sends ~30 posts a second, and re-rendering a long list or table on each of them would cost several
 *   times the whole answer's render over a stream.
 *
 * At every moment the DOM is exactly a full render of a prefix of the text (`shownLength` characters).
 * `finish()` renders the last block as final. The DOM after `finish()` is the same as a one-shot render
 * of the full text (`setText(text, true)`).
 */
import { decorateCodeBlocks, handleCodeActionClick, type CodeActionHandler } from './codeBlockToolbar';
import { openTailFor, type OpenTail } from './openTail';
import { isFenceClosed, lexMarkdown, renderTokens, type Links, type Token } from './renderMarkdown';

export type { CodeAction, CodeActionHandler } from './codeBlockToolbar';

export interface IncrementalMarkdownOptions {
  /** A code block toolbar button was clicked. */
  onCodeAction?: CodeActionHandler;
  /** A link was clicked (its sanitised http/https/mailto href). The webview never follows links itself. */
  onLink?: (href: string) => void;
  /** Called after each render (the message list uses it to follow the end of the stream). */
  onRender?: () => void;
  /** How to wait for the next frame; `requestAnimationFrame` by default. Tests and benches inject their own. */
  schedule?: (callback: () => void) => void;
  /** The clock for the tail-render interval; `performance.now` by default. Tests and benches inject their own. */
  now?: () => number;
  /** Least time between two real renders of the open block while streaming (ms). */
  tailRenderIntervalMs?: number;
}

/** Formatting may lag the text by up to this long; well under what reads as a delay. */
const TAIL_RENDER_INTERVAL_MS = 100;

export class IncrementalMarkdown {
  /**
   * The text is kept in two parts: `doneText` is rendered into finished blocks and never read again while
   * streaming; `openText` is the small unfinished tail that each render works on. (One growing string
   * would be flattened, i.e. copied whole, by every slice or regex on it: quadratic over a long answer.)
   */
  private doneText = '';
  private openText = '';
  /** A chunk ended with `\r`: the next chunk's leading `\n` belongs to the same line break. */
  private pendingCarriageReturn = false;
  /** Reference definitions seen so far, so a tail lexed alone still resolves `[text][ref]`. */
  private links: Links = Object.create(null);
  /** A definition appeared after blocks were frozen: they may hold a reference it resolves, so finish() re-renders all. */
  private lateLinkDefinition = false;
  /** A fast path for the open tail, when the last render left one. */
  private openTail: OpenTail | undefined;
  /** How much of `openText` the tail's DOM shows. */
  private openShown = 0;
  /** When the open block was last really rendered (by `now`). */
  private lastTailRender = -Infinity;
  private scheduled = false;
  private dirty = false;
  private finished = false;
  private readonly blocksRoot: HTMLElement;
  private readonly tailRoot: HTMLElement;
  private readonly schedule: (callback: () => void) => void;
  private readonly now: () => number;
  private readonly tailRenderInterval: number;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: IncrementalMarkdownOptions = {},
  ) {
    this.schedule = options.schedule ?? ((callback) => requestAnimationFrame(() => callback()));
    this.now = options.now ?? (() => performance.now());
    this.tailRenderInterval = options.tailRenderIntervalMs ?? TAIL_RENDER_INTERVAL_MS;
    this.blocksRoot = document.createElement('div');
    this.blocksRoot.className = 'markdown-blocks';
    this.tailRoot = document.createElement('div');
    this.tailRoot.className = 'markdown-tail';
    container.classList.add('markdown-body');
    container.append(this.blocksRoot, this.tailRoot);
    container.addEventListener('click', this.onClick);
    container.addEventListener('auxclick', this.onClick);
  }

  /** The full source text so far. */
  get text(): string {
    return this.doneText + this.openText;
  }

  /** How much of `text` the DOM shows: the DOM is a full render of `text.slice(0, shownLength)`. */
  get shownLength(): number {
    return this.doneText.length + this.openShown;
  }

  /** True after `finish()` (until more text arrives). */
  get isFinished(): boolean {
    return this.finished;
  }

  /** Append streamed text; the DOM is updated on the next frame. */
  append(chunk: string): void {
    if (!chunk) return;
    const text = this.normalize(chunk);
    if (this.finished) {
      // More text after finish(): the last block may continue, so start over from the full text.
      this.setText(this.text + text);
      return;
    }
    this.openText += text;
    this.requestRender();
  }

  /** Replace all text and render synchronously. `complete`: the text is final (same as calling finish()). */
  setText(full: string, complete = false): void {
    this.pendingCarriageReturn = false;
    const text = this.normalize(full);
    this.reset();
    this.openText = text;
    this.finished = complete;
    this.render();
  }

  /** Render all pending text now, instead of on the next frame or after the tail-render interval. */
  flush(): void {
    if (this.dirty) this.render(true);
  }

  /** The stream ended: render everything as final (the open fence gets highlighted and a toolbar). */
  finish(): void {
    if (this.pendingCarriageReturn) {
      this.pendingCarriageReturn = false;
      this.openText += '\n';
    }
    this.finished = true;
    this.render();
    if (this.lateLinkDefinition) {
      // A reference was defined after blocks that may use it were frozen: render it all once more.
      const text = this.text;
      this.reset();
      this.openText = text;
      this.render();
    }
  }

  dispose(): void {
    this.container.removeEventListener('click', this.onClick);
    this.container.removeEventListener('auxclick', this.onClick);
  }

  private normalize(chunk: string): string {
    let text = chunk;
    if (this.pendingCarriageReturn) {
      text = '\r' + text;
      this.pendingCarriageReturn = false;
    }
    if (text.endsWith('\r')) {
      this.pendingCarriageReturn = true;
      text = text.slice(0, -1);
    }
    // marked turns \r\n and \r into \n before lexing; doing it here keeps token offsets equal to ours.
    return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  }

  private reset(): void {
    this.doneText = '';
    this.openText = '';
    this.links = Object.create(null);
    this.lateLinkDefinition = false;
    this.openTail = undefined;
    this.openShown = 0;
    this.lastTailRender = -Infinity;
    this.blocksRoot.replaceChildren();
    this.tailRoot.replaceChildren();
  }

  private requestRender(): void {
    this.dirty = true;
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      if (this.dirty) this.render();
    });
  }

  /** `force`: render everything now, even within the tail-render interval. */
  private render(force = false): void {
    this.dirty = false;
    if (!this.finished) {
      const shownBefore = this.openShown;
      if (this.openTail) this.openShown = this.openTail.extend(this.openText);
      const allShown = this.openShown === this.openText.length;
      const heldBack = !allShown && !force && this.now() - this.lastTailRender < this.tailRenderInterval;
      // Held back: check again next frame, whether or not more text arrives.
      if (heldBack) this.requestRender();
      if (allShown || heldBack) {
        if (this.openShown !== shownBefore) this.options.onRender?.();
        return;
      }
    }
    this.lastTailRender = this.now();
    this.openTail = undefined;

    const rest = this.openText;
    const tokens = lexMarkdown(rest, this.links);

    let freeze = this.finished ? tokens.length : this.finishedBlockCount(tokens, rest);
    let consumed = 0;
    let total = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (i < freeze) consumed += tokens[i].raw.length;
      total += tokens[i].raw.length;
    }
    // Offsets come from the tokens' raw text; if it ever doesn't add up, freeze nothing (correct, just slower).
    if (total !== rest.length) {
      freeze = 0;
      consumed = 0;
    }

    if (freeze > 0) {
      this.learnLinks(tokens, freeze);
      const fragment = renderTokens(tokens.slice(0, freeze), this.finished);
      decorateCodeBlocks(fragment);
      this.blocksRoot.append(fragment);
      this.doneText += rest.slice(0, consumed);
      this.openText = rest.slice(consumed);
    }

    const tail = tokens.slice(freeze);
    if (tail.some((token) => token.type !== 'space')) {
      const fragment = renderTokens(tail, false);
      decorateCodeBlocks(fragment);
      this.tailRoot.replaceChildren(fragment);
      if (!this.finished) this.openTail = openTailFor(tail, this.tailRoot, this.openText);
    } else if (this.tailRoot.firstChild) {
      this.tailRoot.replaceChildren();
    }
    this.openShown = this.openText.length;
    this.options.onRender?.();
  }

  /**
   * How many leading tokens are finished. Every block before the last non-space one is: once a new
   * top-level block has started, no later line can reopen an earlier one. Except a list: after a blank
   * line, a block starting with a digit or a bullet (`3`, `-`) may still turn out to be its next item.
   * A closed code fence followed by a line break is finished too (nothing after its closing line can
   * change it).
   */
  private finishedBlockCount(tokens: Token[], rest: string): number {
    let last = tokens.length - 1;
    while (last >= 0 && tokens[last].type === 'space') last--;
    if (last < 0) return 0;
    const token = tokens[last];
    if (token.type === 'code' && token.codeBlockStyle !== 'indented' && isFenceClosed(token.raw)) {
      // Only once the closing line is complete: "```" could still become "``` x", which doesn't close.
      let end = 0;
      for (let i = 0; i <= last; i++) end += tokens[i].raw.length;
      if (token.raw.endsWith('\n') || end < rest.length) return last + 1;
    }
    let previous = last - 1;
    while (previous >= 0 && tokens[previous].type === 'space') previous--;
    if (previous >= 0 && tokens[previous].type === 'list' && /^\s*(?:[-+*]|\d)/.test(token.raw)) return previous;
    return last;
  }

  /**
   * Remember the reference definitions among the blocks about to be frozen. Only finished ones: a
   * definition still in the tail may be half-typed (`[r]: htt`), and the first definition of a label wins.
   */
  private learnLinks(tokens: Token[], freeze: number): void {
    for (let i = 0; i < freeze; i++) {
      const token = tokens[i];
      if (token.type !== 'def' || token.tag in this.links) continue;
      this.links[token.tag] = { href: token.href, title: token.title };
      if (this.doneText) this.lateLinkDefinition = true;
    }
  }

  private readonly onClick = (event: MouseEvent): void => {
    if (this.options.onCodeAction && handleCodeActionClick(event, this.options.onCodeAction)) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || !this.container.contains(anchor)) return;
    // Never let the webview navigate: the host checks the URL and asks before opening it.
    event.preventDefault();
    const href = anchor.getAttribute('href');
    if (href && event.type === 'click') this.options.onLink?.(href);
  };
}
