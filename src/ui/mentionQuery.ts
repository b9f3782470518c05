/**
 * Where an `@` mention is being typed in the message box: an `@` at the start or after whitespace, then
 * no whitespace up to the caret (`see @src/ap|` → query `src/ap`). An `@` inside a word (an e-mail
 * address, `user@host`) is not a mention.
 */

export interface MentionAt {
  /** Index of the `@`. */
  start: number;
  /** Index just after the query (the caret). */
  end: number;
  /** What follows the `@`, up to the caret. */
  query: string;
}

/** Longest query sent to the host: a path of the workspace, not a paragraph. */
const MAX_QUERY_CHARS = 512;

export function mentionAt(text: string, caret: number): MentionAt | undefined {
  const before = text.slice(Math.max(0, caret - MAX_QUERY_CHARS - 2), caret);
  const match = /(?:^|\s)@([^\s@]*)$/.exec(before);
  if (!match || match[1].length > MAX_QUERY_CHARS) return undefined;
  // At the start of `before` only when that is the start of the text (not where the slice cut it).
  const start = caret - match[1].length - 1;
  if (match[0].startsWith('@') && start !== 0 && !/\s/.test(text[start - 1] ?? '')) return undefined;
  return { start, end: caret, query: match[1] };
}
