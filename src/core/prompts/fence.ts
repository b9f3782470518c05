/**
 * Markdown code fences that cannot be closed early by the code they wrap.
 * A fence ends at the first line holding at least as many backticks as it opened with, so the fence
 * must be longer than the longest run of backticks anywhere in the code (and at least 3 long).
 */

const BACKTICK = 96;

/** The longest run of consecutive backticks in `text` (0 when there is none). */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  let at = text.indexOf('`');
  while (at !== -1) {
    let end = at + 1;
    while (end < text.length && text.charCodeAt(end) === BACKTICK) end++;
    if (end - at > longest) longest = end - at;
    at = text.indexOf('`', end);
  }
  return longest;
}

/** A backtick fence safe for `code`: at least 3 backticks, and longer than any run inside it. */
export function fenceFor(code: string): string {
  return '`'.repeat(Math.max(3, longestBacktickRun(code) + 1));
}

/**
 * `code` wrapped in a fence. The info string is the language id when it is a plain word
 * (an info string with a backtick would break the fence, and spaces would be misread).
 */
export function fencedCode(code: string, languageId: string): string {
  const fence = fenceFor(code);
  const info = /^[\w+#.-]+$/.test(languageId) ? languageId : '';
  const body = code.endsWith('\n') ? code : code + '\n';
  return `${fence}${info}\n${body}${fence}`;
}
