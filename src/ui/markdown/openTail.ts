/**
 * Fast paths for the open tail of a streamed answer. Most deltas only extend the last line of the last
 * block: more code in an open fence, or more words in a paragraph, list item or heading. New text that
 * provably can't change the block's structure or its inline markup is written straight into the tail's
 * last text node (no lexing, no HTML, no sanitising). Text from the first character that might (a
 * backtick, a line break, a fence-like line…) waits for a real render of the block.
 *
 * Invariant: the tail's DOM is always what a full render of `source.slice(0, shownTo)` would give (the
 * browser tests compare them after every delta).
 *
 * Text goes in through `Text.appendData`/`data`: it is never parsed as HTML.
 */
import type { Token, Tokens } from 'marked';
import { isFenceClosed } from './renderMarkdown';

export interface OpenTail {
  /**
   * `source` is the open text (the same string the tail was rendered from, plus what arrived since).
   * Shows as much of the new text as can be shown by editing the DOM directly, and returns how much of
   * `source` the DOM now shows: `source.length` when all of it, less when the rest needs a real render.
   */
  extend(source: string): number;
}

/** The fast path for the tail just rendered from `tail` (the tokens of `source`, the open text), if any. */
export function openTailFor(tail: Token[], tailRoot: HTMLElement, source: string): OpenTail | undefined {
  const blocks = tail.filter((token) => token.type !== 'space');
  if (blocks.length !== 1) return undefined;
  const block = blocks[0];
  if (block.type === 'code') return OpenFence.create(block as Tokens.Code, tailRoot, source);
  return OpenText.create(block, tailRoot, source);
}

/** A top-level fenced code block whose closing fence hasn't arrived: the code is plain text until it does. */
class OpenFence implements OpenTail {
  private constructor(
    private readonly node: Text,
    private readonly fenceLine: RegExp,
    private renderedTo: number,
    /** marked shows the code without its last line break (the fence would follow it): we hold it back too. */
    private heldNewline: boolean,
  ) {}

  static create(token: Tokens.Code, tailRoot: HTMLElement, source: string): OpenFence | undefined {
    const fenceChar = token.raw[0];
    if (token.codeBlockStyle === 'indented' || (fenceChar !== '`' && fenceChar !== '~') || isFenceClosed(token.raw)) return undefined;
    const openingLineEnd = token.raw.indexOf('\n');
    if (openingLineEnd < 0 || !source.endsWith(token.raw)) return undefined;
    const code = tailRoot.querySelector('pre.code-open > code');
    if (!code || code.childNodes.length > 1) return undefined;
    let node = code.firstChild;
    if (!node) node = code.appendChild(document.createTextNode(''));
    if (!(node instanceof Text)) return undefined;
    const content = source.slice(source.length - token.raw.length + openingLineEnd + 1);
    const heldNewline = content.endsWith('\n');
    if (node.data !== (heldNewline ? content.slice(0, -1) : content)) return undefined;
    // Any line that starts like a fence of this char might close it: leave those to the lexer.
    const fenceLine = fenceChar === '`' ? /(?:^|\n) {0,3}```/ : /(?:^|\n) {0,3}~~~/;
    return new OpenFence(node, fenceLine, source.length, heldNewline);
  }

  extend(source: string): number {
    // Stop where a line that might close the fence starts (the line being shown included).
    const lineStart = source.lastIndexOf('\n', this.renderedTo - 1) + 1;
    const fence = this.fenceLine.exec(source.slice(lineStart));
    const end = fence ? lineStart + fence.index : source.length;
    if (end <= this.renderedTo) return this.renderedTo;
    let added = source.slice(this.renderedTo, end);
    if (this.heldNewline) added = '\n' + added;
    this.heldNewline = added.endsWith('\n');
    this.node.appendData(this.heldNewline ? added.slice(0, -1) : added);
    this.renderedTo = end;
    return end;
  }
}

/**
 * Characters that may change inline markup or block structure: emphasis, code, links, HTML, entities,
 * escapes, tables, headings' closing #s, and line breaks. A delta with none of them only adds words.
 */
const MARKUP_CHARS = /[\n\r`*_~[\]()<>&\\|#]/;
/** GFM turns these into links without any markup. */
const AUTOLINK_START = /www\.|:\/\/|@|mailto:|xmpp:/i;
/** Container and heading markers at the start of a line, before its text. */
const LINE_MARKERS = /^[ \t]*(?:(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+)[ \t]*)*/;

/** The paragraph, list item or heading text at the very end of the tail. */
class OpenText implements OpenTail {
  private constructor(
    private readonly node: Text,
    /** Whether the block drops trailing whitespace (see create). */
    private readonly trims: boolean,
    private renderedTo: number,
    /** Trailing whitespace of the source not shown yet (only when `trims`). */
    private pendingSpace: string,
  ) {}

  static create(block: Token, tailRoot: HTMLElement, source: string): OpenText | undefined {
    const leaf = lastInlineLeaf(block);
    if (!leaf || leaf.type !== 'text' || ('tokens' in leaf && leaf.tokens?.length)) return undefined;
    const node = lastTextTarget(tailRoot);
    if (!node) return undefined;
    const lastLine = source.slice(source.lastIndexOf('\n') + 1);
    const lineText = lastLine.replace(LINE_MARKERS, '');
    // The line must already have started with a letter: then no appended word can turn it into a list,
    // heading, quote, rule, fence, table or HTML block.
    if (!/^\p{L}/u.test(lineText)) return undefined;
    // List items and headings drop trailing whitespace (paragraphs inside list items too); other paragraphs keep it.
    const trims = node.parentElement?.tagName !== 'P' || node.parentElement.closest('li') !== null;
    const shownLine = trims ? lineText.replace(/[ \t]+$/, '') : lineText;
    // The node must end with exactly the text the line ends with (no entity, escape or trimming in between).
    if (!node.data.endsWith(shownLine.slice(-8))) return undefined;
    return new OpenText(node, trims, source.length, lineText.slice(shownLine.length));
  }

  extend(source: string): number {
    // Words up to the first character that might be markup can be shown now.
    const markup = MARKUP_CHARS.exec(source.slice(this.renderedTo));
    const end = markup ? this.renderedTo + markup.index : source.length;
    if (end <= this.renderedTo) return this.renderedTo;
    const added = source.slice(this.renderedTo, end);
    const lastWordStart = Math.max(source.lastIndexOf(' ', this.renderedTo - 1), source.lastIndexOf('\t', this.renderedTo - 1)) + 1;
    if (AUTOLINK_START.test(source.slice(lastWordStart, end))) return this.renderedTo;
    if (this.trims) {
      const body = added.replace(/[ \t]+$/, '');
      if (body) {
        this.node.appendData(this.pendingSpace + body);
        this.pendingSpace = added.slice(body.length);
      } else {
        this.pendingSpace += added;
      }
    } else {
      this.node.appendData(added);
    }
    this.renderedTo = end;
    return end;
  }
}

/** The last inline token of a block (descending into quotes and the last list item). */
function lastInlineLeaf(token: Token | undefined): Token | undefined {
  for (let depth = 0; token && depth < 20; depth++) {
    switch (token.type) {
      case 'paragraph':
      case 'heading':
        return (token as Tokens.Paragraph | Tokens.Heading).tokens.at(-1);
      case 'blockquote':
        token = lastNonSpace((token as Tokens.Blockquote).tokens);
        break;
      case 'list':
        token = lastNonSpace((token as Tokens.List).items.at(-1)?.tokens ?? []);
        break;
      case 'text': {
        const inline = (token as Tokens.Text).tokens;
        return inline?.length ? inline.at(-1) : undefined;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

function lastNonSpace(tokens: Token[]): Token | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i].type !== 'space') return tokens[i];
  return undefined;
}

/** The text node a paragraph, list item or heading at the end of `root` ends with. */
function lastTextTarget(root: Element): Text | undefined {
  let el: Element | null = root.lastElementChild;
  for (let depth = 0; el && depth < 20; depth++) {
    const tag = el.tagName;
    if (tag === 'UL' || tag === 'OL' || tag === 'BLOCKQUOTE') {
      el = el.lastElementChild;
    } else if (tag === 'LI') {
      const last = el.lastChild;
      if (last instanceof Text && last.data.trim()) return last;
      el = el.lastElementChild;
    } else if (tag === 'P' || /^H[1-6]$/.test(tag)) {
      const last = el.lastChild;
      return last instanceof Text ? last : undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}
