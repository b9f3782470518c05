/**
 * Finds TODO-style tags in comments, for lenses and quick actions. Pure: text in, matches out.
 *
 * Speed (it runs on every edit of big files, and must sustain ≥ 100 MB/s on a slow machine, where even
 * a bare `charCodeAt` loop manages only ~100-300 MB/s):
 * 1. Find every tag occurrence with `indexOf` (native, fast). No tag: done, nothing else is read.
 * 2. Lex only the lines that can matter: lines holding a tag occurrence, and lines holding an opener of
 *    something that spans lines (block comment, template literal, docstring, multi-line string), also
 *    found with `indexOf`. Any other line starts and ends in code, because one-line strings and line
 *    comments cannot leave their line, so skipping it changes nothing. A construct that does span lines
 *    is followed to its end, so a tag inside a template literal or a docstring is judged correctly.
 *    Lexing a line uses a per-character table lookup in code and `indexOf` jumps over comment bodies.
 * Unknown languages fall back to a per-line rule: a tag counts when a common comment marker precedes it.
 *
 * Tags match case-sensitively, exactly as configured (the defaults are uppercase), on word boundaries:
 * "todo" in prose, `TODOS` and `MY_TODO` are not tags. Lines and characters are 0-based, like `vscode`.
 */

import { SETTING_DEFAULTS } from '../settingDefaults';
import { atLineStart, commentSyntaxFor, isWordChar, type CommentSyntax, type SyntaxRule } from './commentSyntax';

/** The tags of the `codeLens.todo.tags` setting's default. */
export const DEFAULT_TODO_TAGS: readonly string[] = SETTING_DEFAULTS['codeLens.todo.tags'];

export interface TodoScanOptions {
  /** Defaults to `DEFAULT_TODO_TAGS`. */
  tags?: readonly string[];
  languageId: string;
}

export interface TodoMatch {
  tag: string;
  /** The comment text after the tag, its `(author)` and `:` (e.g. `// TODO(bob): fix this` → "fix this"). */
  text: string;
  /** The name in `TODO(bob)`, when there is one. */
  author?: string;
  line: number;
  /** Where the tag starts. */
  startCharacter: number;
  /** Where the text ends (or the tag, when there is no text): the span a code action highlights. */
  endCharacter: number;
}

// ---- step 1: candidate positions ----

interface Candidates {
  positions: number[];
  tagIndexes: number[];
}

function findCandidates(text: string, tags: readonly string[]): Candidates {
  // Each tag's occurrences come out of indexOf already sorted; a k-way merge (k is tiny) orders them all.
  const perTag = tags.map((tag) => {
    const found: number[] = [];
    for (let at = text.indexOf(tag); at !== -1; at = text.indexOf(tag, at + 1)) {
      const before = at === 0 ? 32 : text.charCodeAt(at - 1);
      const after = at + tag.length >= text.length ? 32 : text.charCodeAt(at + tag.length);
      if (!isWordChar(before) && !isWordChar(after)) found.push(at);
    }
    return found;
  });
  const cursors = perTag.map(() => 0);
  const positions: number[] = [];
  const tagIndexes: number[] = [];
  for (;;) {
    let bestTag = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let t = 0; t < perTag.length; t++) {
      const at = perTag[t][cursors[t]];
      if (at !== undefined && at < best) {
        best = at;
        bestTag = t;
      }
    }
    if (bestTag === -1) break;
    cursors[bestTag]++;
    // "FIX" and "FIXME" both configured cannot both pass the word-boundary test at one position.
    positions.push(best);
    tagIndexes.push(bestTag);
  }
  return { positions, tagIndexes };
}

// ---- match building ----

/** Tracks line numbers as matches are emitted in increasing order, counting each newline once. */
class LineCounter {
  private position = 0;
  private line = 0;
  /** Start of the line of the last `moveTo` target. */
  lineStart = 0;
  constructor(private readonly text: string) {}

  /** The 0-based line of `target`, which must not be before the previous target. */
  moveTo(target: number): number {
    let next = this.text.indexOf('\n', this.position);
    while (next !== -1 && next < target) {
      this.line++;
      this.lineStart = next + 1;
      next = this.text.indexOf('\n', next + 1);
    }
    this.position = target;
    return this.line;
  }
}

function lineEndAt(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end;
}

/** The match for `tag` at `at`, whose comment text ends at `textEnd` (exclusive). */
function buildMatch(text: string, tag: string, at: number, textEnd: number, lines: LineCounter): TodoMatch {
  let cursor = at + tag.length;
  let author: string | undefined;
  if (text.charCodeAt(cursor) === 40 /* ( */) {
    const close = text.indexOf(')', cursor);
    if (close !== -1 && close < textEnd) {
      author = text.slice(cursor + 1, close).trim() || undefined;
      cursor = close + 1;
    }
  }
  let labelEnd = cursor;
  while (cursor < textEnd && (text.charCodeAt(cursor) === 32 || text.charCodeAt(cursor) === 9)) cursor++;
  const separator = text.charCodeAt(cursor);
  if (separator === 58 /* : */ || separator === 45 /* - */ || separator === 0x2014 /* — */) {
    cursor++;
    labelEnd = cursor;
  }
  const raw = text.slice(cursor, textEnd);
  const body = raw.trim();
  const bodyEnd = body === '' ? labelEnd : cursor + (raw.length - raw.trimStart().length) + body.length;
  const line = lines.moveTo(at);
  const lineStart = lines.lineStart;
  const match: TodoMatch = {
    tag,
    text: body,
    line,
    startCharacter: at - lineStart,
    endCharacter: Math.min(bodyEnd, textEnd) - lineStart,
  };
  if (author !== undefined) match.author = author;
  return match;
}

// ---- step 2: lexing known languages ----

interface CompiledSyntax {
  /** Non-zero for ASCII codes that may open a rule. */
  openers: Uint8Array;
  /** Rules by the char code they open with, longest opener first. */
  rulesByChar: (SyntaxRule[] | undefined)[];
  /** Openers of everything that may span lines (block comments, multi-line strings, templates). */
  spanning: string[];
}

const compiledCache = new WeakMap<CommentSyntax, CompiledSyntax>();

function openerOf(rule: SyntaxRule): string {
  if (rule.kind === 'char') return "'";
  if (rule.kind === 'regex') return '/';
  if (rule.kind === 'template') return '`';
  return rule.open;
}

function compile(syntax: CommentSyntax): CompiledSyntax {
  const cached = compiledCache.get(syntax);
  if (cached !== undefined) return cached;
  const openers = new Uint8Array(128);
  const rulesByChar: (SyntaxRule[] | undefined)[] = [];
  const spanning = new Set<string>();
  for (const rule of syntax.rules) {
    const code = openerOf(rule).charCodeAt(0);
    openers[code] = 1;
    (rulesByChar[code] ??= []).push(rule);
    if (rule.kind === 'block' || rule.kind === 'template' || (rule.kind === 'string' && (rule.multiline || rule.verbatimAt === true))) {
      spanning.add(openerOf(rule));
    }
  }
  for (const list of rulesByChar) list?.sort((a, b) => openerOf(b).length - openerOf(a).length);
  // A shorter opener that is a prefix of a longer one finds its occurrences too (`"` finds `"""`).
  const minimal = [...spanning].filter((open) => ![...spanning].some((other) => other !== open && open.startsWith(other)));
  const compiled = { openers, rulesByChar, spanning: minimal };
  compiledCache.set(syntax, compiled);
  return compiled;
}

const JS_REGEX_KEYWORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** JavaScript: does a `/` at `at` open a regex (after an operator or keyword) rather than divide? */
function opensRegex(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  if (i < 0) return true;
  const c = text.charCodeAt(i);
  if (isWordChar(c) || c === 36 /* $ */) {
    let start = i;
    while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
    return JS_REGEX_KEYWORDS.has(text.slice(start, i + 1));
  }
  // After a value a slash divides. After `<` or `>` it is far more often a JSX closing tag (`</div>`) than a regex.
  return !')]}"\'`<>'.includes(text[i]);
}

/** End of a regex literal opened at `at`, or -1 when the line ends first (then it was a division). */
function regexEnd(text: string, at: number): number {
  let inClass = false;
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 10) return -1;
    else if (c === 91 /* [ */) inClass = true;
    else if (c === 93 /* ] */) inClass = false;
    else if (c === 47 /* / */ && !inClass) return i + 1;
  }
  return -1;
}

/** Template nesting deeper than this is treated as plain string text (guards the recursion). */
const MAX_TEMPLATE_DEPTH = 32;

/** End (exclusive) of a template literal whose body starts at `from`. `${...}` parts are skipped as code. */
function templateEnd(text: string, from: number, depth = 0): number {
  const n = text.length;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 96 /* ` */) return i + 1;
    else if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */ && depth < MAX_TEMPLATE_DEPTH) {
      i = substitutionEnd(text, i + 2, depth + 1) - 1;
    }
  }
  return n;
}

/** End (exclusive, after the `}`) of a `${...}` substitution whose code starts at `from`. */
function substitutionEnd(text: string, from: number, depth: number): number {
  const n = text.length;
  let braces = 1;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) braces++;
    else if (c === 125 /* } */ && --braces === 0) return i + 1;
    else if (c === 96 /* ` */) i = templateEnd(text, i + 1, depth) - 1;
    else if (c === 34 || c === 39) i = stringEnd(text, i + 1, text[i], true, false) - 1;
    else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) i = lineEndAt(text, i) - 1;
    else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 1;
    }
  }
  return n;
}

/** Length of a character literal at `at` (`'x'`, `'\n'`, `'\u{1F600}'`), or 0 for a lifetime or a prime. */
function charLiteralLength(text: string, at: number): number {
  const next = text.charCodeAt(at + 1);
  if (next === 92 /* \ */) {
    const close = text.indexOf("'", at + 3);
    return close !== -1 && close - at <= 12 && lineEndAt(text, at) > close ? close - at + 1 : 0;
  }
  if (next === 39 || next === 10 || Number.isNaN(next)) return 0;
  const width = next >= 0xd800 && next <= 0xdbff ? 2 : 1; // a surrogate pair is one character
  return text.charCodeAt(at + 1 + width) === 39 ? width + 2 : 0;
}

/** End (exclusive) of a string whose body starts at `from`. */
function stringEnd(text: string, from: number, close: string, escapes: boolean, multiline: boolean): number {
  const n = text.length;
  if (!escapes) {
    const end = text.indexOf(close, from);
    if (!multiline) {
      const eol = lineEndAt(text, from);
      return end === -1 || end > eol ? eol : end + close.length;
    }
    return end === -1 ? n : end + close.length;
  }
  const closeCode = close.charCodeAt(0);
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === closeCode && (close.length === 1 || text.startsWith(close, i))) return i + close.length;
    else if (c === 10 && !multiline) return i;
  }
  return n;
}

/** End (exclusive) of a block comment body starting at `from`, and where its closer starts. */
function blockEnd(text: string, from: number, open: string, close: string, nests: boolean): [bodyEnd: number, next: number] {
  if (!nests) {
    const end = text.indexOf(close, from);
    return end === -1 ? [text.length, text.length] : [end, end + close.length];
  }
  let depth = 1;
  let i = from;
  for (;;) {
    const end = text.indexOf(close, i);
    if (end === -1) return [text.length, text.length];
    const inner = text.indexOf(open, i);
    if (inner !== -1 && inner < end) {
      depth++;
      i = inner + open.length;
      continue;
    }
    depth--;
    if (depth === 0) return [end, end + close.length];
    i = end + close.length;
  }
}

/** Rust: the number of `#`s of a raw string whose quote is at `quoteAt` (`r"`, `r#"`, `br"`), or -1. */
function rustRawHashes(text: string, quoteAt: number): number {
  let hashes = 0;
  while (text.charCodeAt(quoteAt - 1 - hashes) === 35 /* # */) hashes++;
  let at = quoteAt - 1 - hashes;
  if (text[at] !== 'r') return -1;
  at--;
  if (text[at] === 'b' || text[at] === 'c') at--;
  return at < 0 || !isWordChar(text.charCodeAt(at)) ? hashes : -1;
}

/** Python: a triple-quoted string opening a statement (only whitespace and prefix letters before it). */
function isDocstring(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && /[rRuUbBfF]/.test(text[i - 1]) && at - i < 2) i--;
  return atLineStart(text, i);
}

/**
 * Lexes only the lines that matter: those holding a tag candidate or an opener of something that spans
 * lines. Every other line starts and ends in code (a one-line string or a line comment cannot leave its
 * line), so it is skipped with `indexOf`. Starting a lex at such a line start is therefore exact, and a
 * construct that does span lines is followed to its end, wherever that is.
 */
function scanKnown(text: string, syntax: CommentSyntax, tags: readonly string[], candidates: Candidates): TodoMatch[] {
  const { openers, rulesByChar, spanning } = compile(syntax);
  const { positions, tagIndexes } = candidates;
  const n = text.length;
  const matches: TodoMatch[] = [];
  const lines = new LineCounter(text);
  let next = 0; // index of the first candidate not yet decided
  let claimedUntil = -1; // end of the last line that produced a match: one match per line
  const nextSpanning = spanning.map(() => -2); // cached next occurrence of each opener (-1: none left)

  /** Candidates inside the comment body [start, end) are matches; those before it were in code or strings. */
  const commentBody = (start: number, end: number): void => {
    while (next < positions.length && positions[next] < start) next++;
    while (next < positions.length && positions[next] < end) {
      const at = positions[next];
      const tag = tags[tagIndexes[next]];
      next++;
      if (at < claimedUntil || at + tag.length > end) continue;
      const eol = lineEndAt(text, at);
      claimedUntil = eol;
      matches.push(buildMatch(text, tag, at, Math.min(eol, end), lines));
    }
  };

  /** The next position at or after `from` that needs its line lexed, or -1. */
  const nextInteresting = (from: number): number => {
    while (next < positions.length && positions[next] < from) next++;
    let best = next < positions.length ? positions[next] : -1;
    if (best === -1) return -1; // no candidate left: nothing more can match
    for (let k = 0; k < spanning.length; k++) {
      let at = nextSpanning[k];
      if (at !== -1 && at < from) nextSpanning[k] = at = text.indexOf(spanning[k], from);
      if (at !== -1 && at < best) best = at;
    }
    return best;
  };

  let i = 0;
  for (;;) {
    const interesting = nextInteresting(i);
    if (interesting === -1) break;
    i = Math.max(i, text.lastIndexOf('\n', interesting - 1) + 1);
    let stopAt = lineEndAt(text, interesting);

    while (i < stopAt) {
      // Hot loop: skip plain code up to a possible opener.
      let c = text.charCodeAt(i);
      while (i < stopAt && (c >= 128 || openers[c] === 0)) c = text.charCodeAt(++i);
      if (i >= stopAt) break;

      let advanced = false;
      const rules = rulesByChar[c] as SyntaxRule[]; // openers[c] is set only for chars that have rules
      for (let r = 0; r < rules.length; r++) {
        const rule = rules[r];
        if (rule.kind === 'char') {
          const length = charLiteralLength(text, i);
          if (length === 0) continue;
          i += length;
        } else if (rule.kind === 'template') {
          i = templateEnd(text, i + 1);
        } else if (rule.kind === 'regex') {
          if (!opensRegex(text, i)) continue;
          const end = regexEnd(text, i);
          if (end === -1) continue;
          i = end;
        } else {
          if (rule.open.length > 1 && !text.startsWith(rule.open, i)) continue;
          if (rule.when !== undefined && !rule.when(text, i)) continue;
          const bodyStart = i + rule.open.length;
          if (rule.kind === 'line') {
            const end = lineEndAt(text, bodyStart);
            commentBody(bodyStart, end);
            i = end;
          } else if (rule.kind === 'block') {
            const [bodyEnd, after] = blockEnd(text, bodyStart, rule.open, rule.close, rule.nests === true);
            commentBody(bodyStart, bodyEnd);
            i = after;
          } else {
            i = skipString(text, i, rule, commentBody);
          }
        }
        advanced = true;
        break;
      }
      if (!advanced) {
        i++;
        continue;
      }
      // Something spanning lines carried us further: finish the line it ends on too.
      if (i > stopAt) stopAt = lineEndAt(text, i);
      // Back in code with nothing left to decide on this line: the rest of it cannot matter.
      const ahead = nextInteresting(i);
      if (ahead === -1 || ahead >= stopAt) break;
    }
    i = stopAt;
    if (i >= n) break;
  }
  return matches;
}

/** Skips the string whose opener is at `at`; a docstring's body is handed to `commentBody`. Returns its end. */
function skipString(
  text: string,
  at: number,
  rule: Extract<SyntaxRule, { kind: 'string' }>,
  commentBody: (start: number, end: number) => void,
): number {
  const bodyStart = at + rule.open.length;
  let close = rule.close;
  let escapes = rule.escapes;
  let multiline = rule.multiline;
  if (rule.verbatimAt === true && (text[at - 1] === '@' || (text[at - 1] === '$' && text[at - 2] === '@'))) {
    escapes = false;
    multiline = true;
  } else if (rule.rustRaw === true) {
    const hashes = rustRawHashes(text, at);
    if (hashes !== -1) {
      close = '"' + '#'.repeat(hashes);
      escapes = false;
    }
  }
  const end = stringEnd(text, bodyStart, close, escapes, multiline);
  if (rule.docstring === true && isDocstring(text, at)) {
    const closed = end - close.length >= bodyStart && text.startsWith(close, end - close.length);
    commentBody(bodyStart, closed ? end - close.length : end);
  }
  return end;
}

// ---- unknown languages ----

const FALLBACK_MARKERS = ['//', '/*', '#', '--', ';', '%', '<!--', '(*', '{-'] as const;
const FALLBACK_CLOSERS = /\s*(?:\*\/|-->|\*\)|-\})\s*$/;

/** A tag counts when a common comment marker precedes it on its line, or the line continues a block comment. */
function scanUnknown(text: string, tags: readonly string[], candidates: Candidates): TodoMatch[] {
  const matches: TodoMatch[] = [];
  const lines = new LineCounter(text);
  let claimedUntil = -1;
  candidates.positions.forEach((at, index) => {
    if (at < claimedUntil) return;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const before = text.slice(lineStart, at);
    const trimmed = before.trimStart();
    // An apostrophe only counts at the start of a line (BASIC-like); in prose it is just an apostrophe.
    const commented = trimmed.startsWith('*') || trimmed.startsWith("'") || FALLBACK_MARKERS.some((marker) => before.includes(marker));
    if (!commented) return;
    const eol = lineEndAt(text, at);
    claimedUntil = eol;
    const closer = FALLBACK_CLOSERS.exec(text.slice(at, eol));
    const textEnd = closer === null ? eol : at + closer.index;
    matches.push(buildMatch(text, tags[candidates.tagIndexes[index]], at, textEnd, lines));
  });
  return matches;
}

function normaliseTags(tags: readonly string[] | undefined): string[] {
  const unique = new Set<string>();
  for (const tag of tags ?? DEFAULT_TODO_TAGS) {
    const trimmed = tag.trim();
    if (trimmed !== '') unique.add(trimmed);
  }
  return [...unique];
}

export function scanTodos(text: string, options: TodoScanOptions): TodoMatch[] {
  const tags = normaliseTags(options.tags);
  if (tags.length === 0 || text.length === 0) return [];
  const candidates = findCandidates(text, tags);
  if (candidates.positions.length === 0) return [];
  const syntax = commentSyntaxFor(options.languageId);
  return syntax === undefined ? scanUnknown(text, tags, candidates) : scanKnown(text, syntax, tags, candidates);
}
