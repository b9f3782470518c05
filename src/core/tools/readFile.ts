/**
 * read_file: a text file's lines, numbered, with the total count, cut at a limit with a note that says how
 * to read on. Binary files are refused: their bytes are noise to a model and may be anything.
 */
import * as l10n from '@vscode/l10n';
import type { Stats } from 'node:fs';
import { formatSize } from '../prompts/contextBlock';
import type { ToolOutcome } from './toolTypes';

/** The most one read_file answer holds (lines, and bytes of the file's text): whichever comes first. */
export const MAX_READ_LINES = 2000;
export const MAX_READ_BYTES = 100 * 1024;
/** Longer lines (minified code, data) are cut, so one line cannot fill the whole answer. */
export const MAX_LINE_CHARS = 2000;
/**
 * Files above this are refused whole: the tool reads a file into memory to count its lines, and a file
 * this large is a log or a dump, not code to read (search_text finds what is in it).
 */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** How much of a file the binary check looks at (as git and VS Code do). */
const BINARY_SAMPLE_BYTES = 8 * 1024;

/** The file system read_file needs (Node's fs/promises, or a stand-in in tests). */
export interface ReadFs {
  readFile(path: string): Promise<Buffer>;
  stat(path: string): Promise<Stats>;
}

/**
 * Whether bytes look like a binary file: a NUL byte in the first 8 KB (git's rule), or a sample that is
 * mostly not text (undecodable UTF-8 or control characters). A Latin-1 source file with a few accented
 * letters is still text; an image, archive or compiled file is not.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, BINARY_SAMPLE_BYTES);
  if (sample.includes(0)) return true;
  if (sample.length === 0) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // U+FFFD: an invalid UTF-8 sequence; C0 controls other than tab, line breaks, form feed and escape.
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27 && c !== 8)) {
      suspicious++;
    }
  }
  // Compressed or compiled bytes score over 50%; text in a legacy encoding stays far below 30%.
  return suspicious / text.length > 0.3;
}

/** A file's lines: `\n`, `\r\n` and a lone `\r` end a line (as in VS Code); a final line break adds none. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export interface LineRange {
  startLine?: number;
  endLine?: number;
}

export type NumberedLines =
  { ok: true; output: string; startLine: number; endLine: number; totalLines: number; truncated: boolean } | { ok: false; error: string };

/**
 * The requested lines of a text, numbered (`   12| text`), under a header with the total line count. An end
 * past the last line is clamped (and said); a start past it is an error the model can correct.
 */
export function numberedLines(displayPath: string, text: string, range: LineRange = {}): NumberedLines {
  const lines = splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const total = lines.length;
  if (total === 0) {
    if ((range.startLine ?? 1) > 1) return { ok: false, error: `${displayPath} is empty (0 lines).` };
    return { ok: true, output: `${displayPath} is empty (0 lines).`, startLine: 0, endLine: 0, totalLines: 0, truncated: false };
  }
  const start = range.startLine ?? 1;
  if (start > total) {
    return {
      ok: false,
      error: `startLine ${start} is past the end of ${displayPath}, which has ${total} ${total === 1 ? 'line' : 'lines'}.`,
    };
  }
  const wantedEnd = Math.min(range.endLine ?? total, total);
  const width = Math.max(5, String(wantedEnd).length);
  const body: string[] = [];
  let bytes = 0;
  let end = start - 1;
  let cutBy: 'lines' | 'size' | undefined;
  for (let n = start; n <= wantedEnd; n++) {
    if (body.length === MAX_READ_LINES) {
      cutBy = 'lines';
      break;
    }
    const text = cutLine(lines[n - 1]);
    // The limit counts the file's text (a 100 KB file fits), not the line numbers added to it.
    const size = Buffer.byteLength(text) + 1;
    if (bytes + size > MAX_READ_BYTES && body.length > 0) {
      cutBy = 'size';
      break;
    }
    body.push(`${String(n).padStart(width)}| ${text}`);
    bytes += size;
    end = n;
  }
  const header = `${displayPath} (lines ${start}-${end} of ${total}):`;
  const notes: string[] = [];
  if (cutBy) {
    const limit = cutBy === 'lines' ? `${MAX_READ_LINES} lines` : formatSize(MAX_READ_BYTES);
    notes.push(`(Cut at the limit of ${limit} per read. To read on, call read_file with startLine ${end + 1}.)`);
  } else if (range.endLine !== undefined && range.endLine > total) {
    notes.push(`(The file ends at line ${total}.)`);
  }
  return {
    ok: true,
    output: [header, ...body, ...notes].join('\n'),
    startLine: start,
    endLine: end,
    totalLines: total,
    truncated: cutBy !== undefined,
  };
}

function cutLine(line: string): string {
  if (line.length <= MAX_LINE_CHARS) return line;
  return `${line.slice(0, MAX_LINE_CHARS)} … [line cut: ${line.length} characters]`;
}

/** Why a path cannot be read as a text file, in words for the model; undefined when it can. */
export async function unreadableReason(fs: ReadFs, absolutePath: string, displayPath: string): Promise<string | undefined> {
  let stats: Stats;
  try {
    stats = await fs.stat(absolutePath);
  } catch {
    return notFound(displayPath);
  }
  if (stats.isDirectory()) return `${displayPath} is a folder, not a file: use list_files to see what is in it.`;
  if (!stats.isFile()) return `${displayPath} is not a regular file.`;
  if (stats.size > MAX_FILE_BYTES) {
    return `${displayPath} is too large to read (${formatSize(stats.size)}; the limit is ${formatSize(MAX_FILE_BYTES)}). Use search_text to find what you need in it.`;
  }
  return undefined;
}

/** The one answer for a file that does not exist and for one the user's .clineignore hides: they look the same. */
export function notFound(displayPath: string): string {
  return `${displayPath}: file not found or ignored.`;
}

export function binaryRefusal(displayPath: string): string {
  return `${displayPath} is a binary file: read_file reads only text files.`;
}

/**
 * Runs read_file on a file already confined to the workspace and checked (`unreadableReason`): reads it
 * again (it may have changed while the call waited for approval) and answers with its numbered lines.
 */
export async function readFileOutcome(fs: ReadFs, absolutePath: string, displayPath: string, range: LineRange): Promise<ToolOutcome> {
  const refusal = await unreadableReason(fs, absolutePath, displayPath);
  if (refusal !== undefined) return { status: 'refused', output: refusal, summary: refusal };
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(absolutePath);
  } catch (error) {
    const output = `Could not read ${displayPath}: ${errorCode(error)}.`;
    return { status: 'failed', output, summary: l10n.t('Could not read {0}: {1}.', displayPath, errorCode(error)) };
  }
  if (looksBinary(bytes)) {
    const output = binaryRefusal(displayPath);
    return { status: 'refused', output, summary: l10n.t('{0}: binary file, not read', displayPath) };
  }
  const result = numberedLines(displayPath, bytes.toString('utf8'), range);
  if (!result.ok) return { status: 'refused', output: result.error, summary: result.error };
  if (result.totalLines === 0) {
    return { status: 'done', output: result.output, summary: l10n.t('{0}: empty', displayPath), reads: [{ path: displayPath }] };
  }
  const shown = [displayPath, result.startLine, result.endLine, result.totalLines, formatSize(Buffer.byteLength(result.output))];
  return {
    status: 'done',
    output: result.output,
    summary: result.truncated
      ? l10n.t('{0} lines {1}-{2} of {3}, {4} (cut at the limit)', ...shown)
      : l10n.t('{0} lines {1}-{2} of {3}, {4}', ...shown),
    truncated: result.truncated || undefined,
    reads: [{ path: displayPath, startLine: result.startLine, endLine: result.endLine }],
  };
}

/** The error's code (ENOENT, EACCES, …) or message: never a stack. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
