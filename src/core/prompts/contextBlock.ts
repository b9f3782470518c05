/**
 * The context block: the one way every prompt tells Cline *where* the code is and *what* it is.
 * Path, language, 1-based line range, then the code in a safe fence (or, for a big saved file, a note to
 * read the lines from disk instead).
 */

import { fencedCode } from './fence';
import type { PromptContext, PromptFile, PromptRange } from './promptContext';

/** Above this, a saved file's code is referred to by path and lines instead of being inlined. */
export const DEFAULT_MAX_INLINE_BYTES = 100 * 1024;

export interface ContextBlockOptions {
  maxInlineBytes?: number;
}

/**
 * The path Cline should use: relative to the file's own workspace folder, prefixed with the folder name
 * when the workspace has several folders (that is how Cline addresses files in a multi-root workspace).
 * A file outside every folder gets its absolute path, because a relative one would point nowhere.
 */
export function displayPath(file: PromptFile): string {
  const relative = file.relativePath.replace(/\\/g, '/');
  if (file.isUntitled) return relative;
  if (file.workspaceFolderName === undefined) {
    return file.absolutePath !== undefined ? file.absolutePath.replace(/\\/g, '/') : relative;
  }
  return file.multiRoot ? `${file.workspaceFolderName}/${relative}` : relative;
}

/** "12-40", or "12" for a single line. */
export function formatLines(range: PromptRange): string {
  return range.startLine === range.endLine ? `${range.startLine}` : `${range.startLine}-${range.endLine}`;
}

/** Why the text on disk cannot be trusted, or undefined when it can. */
function diskCaveat(file: PromptFile): string | undefined {
  if (file.isUntitled) return 'untitled, not on disk';
  if (file.isDirty) return 'unsaved — the file on disk differs';
  return undefined;
}

/**
 * UTF-8 size of `text`, counting no further than `limit + 1` (we only need to know whether it fits,
 * and the code may be megabytes long). Computed by hand so the pure core needs no Buffer or encoder copy.
 */
export function utf8ByteLengthUpTo(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte code point.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The longest prefix of `text` whose UTF-8 size is at most `maxBytes`, never splitting a surrogate pair.
 * Used to cut text to a size budget (the caller adds a note saying what was cut).
 */
export function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) return text.slice(0, i);
    bytes += size;
    if (pair) i++;
  }
  return text;
}

/** "120 KB", "2.3 MB": how sizes read in notes to the user and to Cline. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** Whether the code is inlined (true) or referred to by path and lines (false). */
function shouldInline(ctx: PromptContext, maxInlineBytes: number): boolean {
  // Untitled and unsaved documents are inlined whatever their size: Cline reads files from disk, so a
  // path would send it to stale (or missing) text and it would act on the wrong code. A very long prompt
  // is better than a wrong one; the user chose to act on this unsaved text.
  if (ctx.file.isUntitled || ctx.file.isDirty) return true;
  return utf8ByteLengthUpTo(ctx.code, maxInlineBytes) <= maxInlineBytes;
}

export function contextBlock(ctx: PromptContext, opts: ContextBlockOptions = {}): string {
  const maxInlineBytes = opts.maxInlineBytes ?? DEFAULT_MAX_INLINE_BYTES;
  const path = displayPath(ctx.file);
  const caveat = diskCaveat(ctx.file);
  const lines = formatLines(ctx.range);
  const header = [`File: ${path}${caveat !== undefined ? ` (${caveat})` : ''}`, `Language: ${ctx.file.languageId}`, `Lines: ${lines}`];
  if (shouldInline(ctx, maxInlineBytes)) {
    return `${header.join('\n')}\n${fencedCode(ctx.code, ctx.file.languageId)}`;
  }
  const size = formatSize(utf8ByteLengthUpTo(ctx.code, Number.MAX_SAFE_INTEGER));
  header.push(`The code is too large to include here (${size}). Read lines ${lines} of ${path} from the workspace.`);
  return header.join('\n');
}
