/**
 * The `@` mentions of a message, read when it is sent (so they are current), as context chips: a file's text,
 * a folder's listing, the editor's selection, the problems, the working-tree changes. Each chip names what it
 * holds (path and line range) and carries a `note` when something was cut, left out or refused.
 *
 * The rules (issue 10, section 3), decided here and nowhere else:
 * - A file or folder mention goes through the same confinement as the tools (`resolve`): nothing outside the
 *   workspace, also not through a link.
 * - A mention is the user's explicit choice, so a protected file (`chat.tools.protectedFiles`) the user names
 *   IS read (its chip says so); a `.clineignore`d one is not (Cline's convention: invisible to the assistant),
 *   and neither is a binary file.
 * - In Restricted Mode (`trusted()` false) no file, folder or change is read; the selection and the problems
 *   are what the user already sees in the editor.
 * - One size budget (`chat.context.maxKB`) for all chips of a message, in their order: what does not fit is cut
 *   ("cut: 120 KB of 300 KB") or left out ("left out: over the 256 KB budget").
 *
 * Pure: every effect (file system, editor, diagnostics, Git) is injected as {@link MentionReaders}.
 */

import type { ContextChip, Mention } from '../../protocol/chatProtocol';
import { formatChanges, formatSize, utf8ByteLengthUpTo, utf8Prefix, type RepositoryChanges } from '../prompts';
import { formatProblems, type ProblemInfo } from '../tools/problems';
import { looksBinary } from '../tools/readFile';
import { displayPath, isInside, type ResolvedPath, type WorkspaceRoot } from '../tools/workspacePaths';

/** What the user's settings say about a workspace file. */
export type FileVisibility = 'visible' | 'protected' | 'ignored';

interface SelectionSnapshot {
  /** `path:lines` as Ask in Chat labels a snippet (workspace-relative path, 1-based lines). */
  label: string;
  languageId: string;
  text: string;
}

export interface MentionReaders {
  /** False in Restricted Mode: files, folders and changes are not read. */
  trusted(): boolean;
  roots(): readonly WorkspaceRoot[];
  /** Confinement to the workspace (`resolveWorkspacePath` with the real file system). */
  resolve(path: string): Promise<ResolvedPath>;
  /** `.clineignore` (ignored) and `chat.tools.protectedFiles` (protected) for a path relative to its folder. */
  visibility(root: WorkspaceRoot, relative: string, isDirectory: boolean): FileVisibility;
  /** Throws when the path is gone. */
  stat(realPath: string): Promise<{ isFile: boolean; isDirectory: boolean; size: number }>;
  /** At most the first `maxBytes` bytes of a file. */
  readPrefix(realPath: string, maxBytes: number): Promise<Uint8Array>;
  /**
   * What a folder holds, recursively, as workspace display paths (folders end in `/`), at most `limit` of them,
   * ignored and protected entries skipped, links out of the workspace not followed.
   */
  list(root: WorkspaceRoot, relative: string, limit: number): Promise<{ entries: string[]; truncated: boolean }>;
  /** The active editor's selection; undefined when there is none. */
  selection(): Promise<SelectionSnapshot | undefined>;
  /** The active editor's file (absolute path); undefined when no editor is active. */
  activeFile(): string | undefined;
  /** Diagnostics of one file (absolute path), or of every file. */
  problems(absolutePath?: string): ProblemInfo[];
  changes(): Promise<{ ok: true; repos: RepositoryChanges[] } | { ok: false; message: string }>;
}

/** Most entries of a folder listing. */
export const MAX_LISTING_ENTRIES = 500;

/** A chip before the budget is applied: the whole content, or why there is none. */
interface ReadChip {
  id: string;
  mention: Mention['kind'];
  /** The label for the whole content; `cutLabel` gives it for a cut one (a file's line range shrinks). */
  label: string;
  cutLabel?: (shownText: string) => string;
  language: string;
  code: string;
  /** The content's full size in bytes, when more exists than was read (a long file read only up to the budget). */
  fullSize?: number;
  /** Why there is no content (refused, nothing there), or what to know about it (a protected file). */
  note?: string;
  /** Formats the content again for a smaller budget (the changes keep their fences whole); default: a prefix. */
  refit?: (maxBytes: number) => string;
}

const byteSize = (text: string): number => utf8ByteLengthUpTo(text, Number.MAX_SAFE_INTEGER);

/** Less room than this is no room: a cut shorter than 1 KB is a useless fragment, so the chip is left out. */
const MIN_CUT_BYTES = 1024;

/** Cuts text to at most `maxBytes`, at a line end when there is one (a half line reads as if it were the code). */
function cutText(text: string, maxBytes: number): string {
  if (maxBytes < MIN_CUT_BYTES) return '';
  const prefix = utf8Prefix(text, maxBytes);
  if (prefix.length === text.length) return text;
  const lineEnd = prefix.lastIndexOf('\n');
  // No line end at all: one long line (minified code), cut inside it.
  return lineEnd >= 0 ? prefix.slice(0, lineEnd + 1) : prefix;
}

function lineCount(text: string): number {
  if (text === '') return 0;
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  return /[\r\n]$/.test(text) ? breaks : breaks + 1;
}

const lineRange = (start: number, end: number): string => (start === end ? `${start}` : `${start}-${end}`);

/** Reads the mentions of one message as chips, within `maxBytes` in all. Never throws: a problem becomes the chip's note. */
export async function resolveMentions(mentions: readonly Mention[], readers: MentionReaders, maxBytes: number): Promise<ContextChip[]> {
  const chips: ContextChip[] = [];
  const seen = new Set<string>();
  let left = maxBytes;
  for (const mention of mentions) {
    const read = await readMention(mention, readers, left).catch((error: unknown): ReadChip =>
      refused(mention, mention.label, `could not be read: ${errorText(error)}`),
    );
    if (seen.has(read.id)) continue; // the same thing mentioned twice is sent once
    seen.add(read.id);
    const chip = fitToBudget(read, left, maxBytes);
    left -= byteSize(chip.code);
    chips.push(chip);
  }
  return chips;
}

function fitToBudget(read: ReadChip, left: number, maxBytes: number): ContextChip {
  const base = { id: read.id, mention: read.mention, language: read.language };
  const size = read.fullSize ?? byteSize(read.code);
  const withNote = (note: string | undefined) => (note === undefined ? {} : { note });
  if (size <= left) return { ...base, label: read.label, code: read.code, ...withNote(read.note) };
  if (read.code === '' && read.fullSize === undefined) return { ...base, label: read.label, code: '', ...withNote(read.note) };
  const shown = left > 0 ? (read.refit ? read.refit(left) : cutText(read.code, left)) : '';
  const budget = `the ${formatSize(maxBytes)} budget`;
  if (shown === '') {
    return { ...base, label: read.label, code: '', note: joinNotes(read.note, `left out: over ${budget}`) };
  }
  const label = read.cutLabel ? read.cutLabel(shown) : read.label;
  return {
    ...base,
    label,
    code: shown,
    note: joinNotes(read.note, `cut: ${formatSize(byteSize(shown))} of ${formatSize(size)} (${budget})`),
  };
}

const joinNotes = (...notes: (string | undefined)[]): string => notes.filter((n) => n !== undefined).join('; ');

function refused(mention: Mention, label: string, note: string): ReadChip {
  return { id: chipId(mention), mention: mention.kind, label, language: '', code: '', note };
}

function chipId(mention: Mention): string {
  return `mention:${mention.kind}:${mention.path ?? ''}`;
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

const RESTRICTED = 'not read: this workspace is in Restricted Mode (trust it to mention files)';

async function readMention(mention: Mention, readers: MentionReaders, left: number): Promise<ReadChip> {
  switch (mention.kind) {
    case 'file':
    case 'folder':
      if (!readers.trusted()) return refused(mention, mention.path ?? mention.label, RESTRICTED);
      return readPath(mention, readers, left);
    case 'selection':
      return readSelection(mention, readers);
    case 'problems':
    case 'problemsWorkspace':
      return readProblems(mention, readers);
    case 'changes':
      if (!readers.trusted()) return refused(mention, 'changes', RESTRICTED);
      return readChanges(mention, readers);
  }
}

/** The strictest of the path as named and its real path (a link `notes.txt -> .env` is as protected as `.env`). */
function visibilityOf(resolved: Extract<ResolvedPath, { ok: true }>, readers: MentionReaders, isDirectory: boolean): FileVisibility {
  const named = readers.visibility(resolved.root, resolved.relative, isDirectory);
  const real = readers.visibility(resolved.realRoot, resolved.realRelative, isDirectory);
  if (named === 'ignored' || real === 'ignored') return 'ignored';
  if (named === 'protected' || real === 'protected') return 'protected';
  return 'visible';
}

async function readPath(mention: Mention, readers: MentionReaders, left: number): Promise<ReadChip> {
  const asked = mention.path ?? '';
  const resolved = await readers.resolve(asked);
  if (!resolved.ok) return refused(mention, asked, `not read: ${resolved.reason}`);
  const roots = readers.roots();
  const shown = displayPath(resolved, roots);
  const stats = await readers.stat(resolved.real).catch(() => undefined);
  // Said alike, as the tools say it: what .clineignore hides is not even confirmed to exist.
  const hidden = 'not read: not found or ignored (.clineignore)';
  if (!stats) return refused(mention, shown, hidden);
  const visibility = visibilityOf(resolved, readers, stats.isDirectory);
  if (visibility === 'ignored') return refused(mention, shown, hidden);
  if (stats.isDirectory) return readFolder(mention, readers, resolved, shown);
  if (!stats.isFile) return refused(mention, shown, 'not read: not a regular file');
  const protectedNote =
    visibility === 'protected' ? 'a protected file (chat.tools.protectedFiles), sent because you mentioned it' : undefined;
  // Read only what can fit (and a little more, to cut at a line end); the stat gives the full size for the note.
  const bytes = await readers.readPrefix(resolved.real, Math.min(stats.size, Math.max(left, 0) + 4096));
  if (looksBinary(bytes)) return refused(mention, shown, 'not read: a binary file');
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const complete = bytes.length >= stats.size;
  const label = (content: string) => (lineCount(content) === 0 ? shown : `${shown}:${lineRange(1, lineCount(content))}`);
  return {
    id: chipId({ ...mention, path: shown }),
    mention: 'file',
    label: label(text),
    cutLabel: label,
    language: languageForPath(shown),
    code: text,
    ...(complete ? {} : { fullSize: stats.size }),
    ...(protectedNote ? { note: protectedNote } : {}),
  };
}

async function readFolder(
  mention: Mention,
  readers: MentionReaders,
  resolved: Extract<ResolvedPath, { ok: true }>,
  shown: string,
): Promise<ReadChip> {
  const listing = await readers.list(resolved.realRoot, resolved.realRelative, MAX_LISTING_ENTRIES);
  const label = shown === '.' ? './' : `${shown}/`;
  const lines = listing.entries.length === 0 ? ['(empty)'] : [...listing.entries];
  if (listing.truncated) lines.push(`(more entries not listed: the first ${MAX_LISTING_ENTRIES} are shown)`);
  return { id: chipId({ ...mention, kind: 'folder', path: shown }), mention: 'folder', label, language: '', code: lines.join('\n') + '\n' };
}

async function readSelection(mention: Mention, readers: MentionReaders): Promise<ReadChip> {
  const selection = await readers.selection();
  if (!selection || selection.text === '') return refused(mention, 'selection', 'nothing selected in the editor');
  return { id: chipId(mention), mention: 'selection', label: selection.label, language: selection.languageId, code: selection.text };
}

function readProblems(mention: Mention, readers: MentionReaders): ReadChip {
  const roots = readers.roots();
  const workspacePath = (absolute: string): { root: WorkspaceRoot; relative: string } | undefined => {
    // The deepest folder holding the file (folders may nest).
    const root = [...roots].sort((a, b) => b.fsPath.length - a.fsPath.length).find((r) => isInside(absolute, r.fsPath));
    if (!root) return undefined;
    const relative = absolute.slice(root.fsPath.length).replace(/\\/g, '/').replace(/^\/+/, '');
    return { root, relative };
  };
  const displayOf = (absolute: string): string | undefined => {
    const inside = workspacePath(absolute);
    // A problem's message may quote its file: none from what the user's settings hide or protect.
    if (!inside || readers.visibility(inside.root, inside.relative, false) !== 'visible') return undefined;
    return displayPath(inside, roots);
  };
  if (mention.kind === 'problemsWorkspace') {
    const formatted = formatProblems(readers.problems(), displayOf, undefined);
    return { id: chipId(mention), mention: 'problemsWorkspace', label: 'problems: workspace', language: '', code: formatted.output + '\n' };
  }
  const active = readers.activeFile();
  if (active === undefined) return refused(mention, 'problems', 'no file is open in the editor');
  const inside = workspacePath(active);
  // The user's own open file counts even outside the workspace (they are looking at it), and even when
  // protected (they asked for its problems); .clineignore still hides it from the assistant.
  if (inside && readers.visibility(inside.root, inside.relative, false) === 'ignored') {
    return refused(mention, 'problems', 'not read: the active file is ignored (.clineignore)');
  }
  const name = inside ? displayPath(inside, roots) : active.replace(/\\/g, '/');
  const formatted = formatProblems(readers.problems(active), (p) => (p === active ? name : displayOf(p)), name);
  return { id: chipId(mention), mention: 'problems', label: `problems: ${name}`, language: '', code: formatted.output + '\n' };
}

async function readChanges(mention: Mention, readers: MentionReaders): Promise<ReadChip> {
  const read = await readers.changes();
  if (!read.ok) return refused(mention, 'changes', `not read: ${read.message}`);
  const text = formatChanges(read.repos).text;
  if (text === '') return refused(mention, 'changes', 'no uncommitted changes');
  // A cut keeps every diff's fence closed and says how to see the rest; the headers take a little room.
  const refit = (maxBytes: number) => {
    const headroom = 256 * read.repos.length;
    return maxBytes > headroom ? formatChanges(read.repos, maxBytes - headroom).text : '';
  };
  return { id: chipId(mention), mention: 'changes', label: 'changes', language: 'markdown', code: text + '\n', refit };
}

/** Fence info strings for common file extensions (for highlighting in the view and a hint to the model). */
const LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'typescript',
  tsx: 'tsx',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'jsx',
  mjs: 'javascript',
  cjs: 'javascript',
  json: 'json',
  jsonc: 'jsonc',
  md: 'markdown',
  py: 'python',
  rb: 'ruby',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  swift: 'swift',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  cc: 'cpp',
  hpp: 'cpp',
  cs: 'csharp',
  php: 'php',
  sh: 'bash',
  bash: 'bash',
  ps1: 'powershell',
  yml: 'yaml',
  yaml: 'yaml',
  toml: 'toml',
  xml: 'xml',
  html: 'html',
  css: 'css',
  scss: 'scss',
  sql: 'sql',
  vue: 'vue',
  svelte: 'svelte',
  lua: 'lua',
  dart: 'dart',
  scala: 'scala',
};

export function languageForPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return '';
  return LANGUAGES[name.slice(dot + 1).toLowerCase()] ?? '';
}
