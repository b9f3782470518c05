/**
 * The conversation store: one JSON file per conversation plus a small index, in a folder the caller
 * gives (the extension passes `globalStorageUri.fsPath`). Node's `fs` (injectable), no `vscode`.
 *
 *   <folder>/index.json                  {version, conversations: ConversationSummary[]}
 *   <folder>/conversations/<id>.json     Conversation
 *
 * - Writes are atomic and serialised per file (src/core/files/); a write that is still queued is replaced
 *   by a newer one (the file always holds a whole conversation, so the latest state wins).
 * - The index is only a cache of the files: missing, corrupt or stale, it is rebuilt or reconciled.
 * - Files are checked against the protocol's schemas (`ConversationSchema`, `ConversationSummarySchema`),
 *   the same ones the webview checks what it is sent against, so whatever loads can be shown. Fields the
 *   schemas do not know are kept (the API's reasoning blocks, fields of a newer version).
 * - An unreadable or malformed conversation file is moved aside as `<name>.corrupt` and reported once
 *   through `onCorrupt`; everything else still loads.
 * - Answers that were streaming when the window closed are marked `interrupted` (their unfinished tool calls
 *   `cancelled`), lazily, when their conversation is loaded (no start-up sweep over every file).
 */

import { join } from 'node:path';
import * as v from 'valibot';
import {
  type ChatMessage,
  type Conversation,
  ConversationSchema,
  type ConversationSummary,
  ConversationSummarySchema,
} from '../../protocol/chatProtocol';
import { type Clock, systemClock } from '../clock';
import { errorCodeOf, removeStaleTempFiles, renameWithRetry } from '../files/atomicFile';
import { type FileSystem, nodeFileSystem } from '../files/fileSystem';
import { FileWriteQueue } from '../files/fileWriteQueue';

export interface HistoryStoreOptions {
  /** A file was unreadable or malformed and has been renamed `*.corrupt`. `fileName` is relative to the folder. */
  onCorrupt?: (fileName: string, error: Error) => void;
  /** Dates `*.corrupt` names and tells stale temp files from another window's (default: the system clock). */
  clock?: Clock;
  /** Default: Node's `fs`. Tests inject failures. */
  fs?: FileSystem;
}

const DEFAULT_MAX_CONVERSATIONS = 200;
const INDEX_FILE = 'index.json';
const CONVERSATIONS_DIR = 'conversations';
const INDEX_VERSION = 1;
/** Ids become file names: keep them to characters that are safe everywhere (UUIDs pass). */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

// ---- shapes ----

const IndexFileSchema = v.object({
  version: v.literal(INDEX_VERSION),
  conversations: v.array(
    v.pipe(
      ConversationSummarySchema,
      v.check((s) => isValidConversationId(s.id)),
    ),
  ),
});

function isValidConversationId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

/**
 * Checks a parsed conversation file against the protocol's shape and its file name.
 * Returns what is wrong (for the log), or undefined when `value` is a Conversation.
 */
function checkConversation(value: unknown, expectedId: string): string | undefined {
  const result = v.safeParse(ConversationSchema, value);
  if (!result.success) {
    const issue = result.issues[0];
    return `invalid ${v.getDotPath(issue) ?? '(file)'}: expected ${issue.expected ?? issue.kind}`;
  }
  if (result.output.id !== expectedId) return `its id ${JSON.stringify(result.output.id)} does not match the file name`;
  return undefined;
}

function summarize(conversation: Conversation): ConversationSummary {
  const { id, title, model, updatedAt } = conversation;
  return { id, title, model, updatedAt, messageCount: conversation.messages.length };
}

/**
 * Marks answers left `streaming` (the window closed mid-answer) as `interrupted`, in place, and their tool
 * calls that were still waiting for approval or running as `cancelled` (they can no longer finish; the model
 * is told they have no result). Returns whether anything changed.
 */
export function markInterrupted(conversation: Conversation): boolean {
  let changed = false;
  for (const message of conversation.messages) {
    if (message.role !== 'assistant' || message.status !== 'streaming') continue;
    message.status = 'interrupted';
    changed = true;
    for (const call of message.toolCalls ?? []) {
      if (call.state === undefined || call.state === 'waiting' || call.state === 'running') call.state = 'cancelled';
    }
  }
  return changed;
}

function messageMatches(message: ChatMessage, needle: string): boolean {
  return message.content.toLowerCase().includes(needle);
}

function errorOf(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

const byRecency = (a: ConversationSummary, b: ConversationSummary): number => b.updatedAt - a.updatedAt;

// ---- the store ----

export class HistoryStore {
  private readonly conversationsDir: string;
  private readonly indexPath: string;
  private readonly fs: FileSystem;
  private readonly clock: Clock;
  private readonly writer: FileWriteQueue;
  private index = new Map<string, ConversationSummary>();
  private ready: Promise<void> | undefined;
  /** Saved by this process: a `streaming` answer in them is live, not interrupted. */
  private readonly live = new Set<string>();
  /** Deleted here: a late save from a still-running answer must not bring them back. */
  private readonly deleted = new Set<string>();

  constructor(
    private readonly folder: string,
    private readonly options: HistoryStoreOptions = {},
  ) {
    this.conversationsDir = join(folder, CONVERSATIONS_DIR);
    this.indexPath = join(folder, INDEX_FILE);
    this.fs = options.fs ?? nodeFileSystem;
    this.clock = options.clock ?? systemClock;
    this.writer = new FileWriteQueue({ fs: this.fs, clock: this.clock });
  }

  /** Summaries, most recent first. Reconciled with the files, so other windows' changes show up. */
  async list(): Promise<ConversationSummary[]> {
    await this.init();
    await this.reconcile();
    return [...this.index.values()].map((s) => ({ ...s })).sort(byRecency);
  }

  /** The whole conversation, or undefined when it does not exist or was unreadable (then moved aside). */
  async load(id: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id) || this.deleted.has(id)) return undefined;
    await this.init();
    const path = this.conversationPath(id);
    await this.writer.idle(path);
    const conversation = await this.readConversation(id);
    if (conversation === undefined) {
      if (this.index.delete(id)) await this.writeIndex();
      return undefined;
    }
    if (!this.live.has(id) && markInterrupted(conversation)) await this.save(conversation);
    return conversation;
  }

  /** Saves the conversation as it is now (it is serialised before this returns its promise). */
  async save(conversation: Conversation): Promise<void> {
    if (!isValidConversationId(conversation.id)) {
      throw new Error(`Cannot save a conversation with the id ${JSON.stringify(conversation.id)}.`);
    }
    if (this.deleted.has(conversation.id)) return;
    const json = JSON.stringify(conversation);
    const summary = summarize(conversation);
    this.live.add(conversation.id);
    await this.init();
    await this.writer.write(this.conversationPath(conversation.id), json);
    if (this.deleted.has(conversation.id)) return;
    this.index.set(summary.id, summary);
    await this.writeIndex();
  }

  /** Renames without touching `updatedAt` (a rename is not activity). Callers holding the live object update it too. */
  async rename(id: string, title: string): Promise<void> {
    const conversation = await this.load(id);
    if (conversation === undefined) return;
    conversation.title = title;
    await this.save(conversation);
  }

  async delete(id: string): Promise<void> {
    if (!isValidConversationId(id)) return;
    this.deleted.add(id);
    this.live.delete(id);
    await this.init();
    await this.writer.write(this.conversationPath(id), null);
    this.index.delete(id);
    await this.writeIndex();
  }

  /** Conversations whose title or message text contains `query` (case-insensitive), most recent first. */
  async search(query: string): Promise<ConversationSummary[]> {
    const all = await this.list();
    const needle = query.trim().toLowerCase();
    if (needle === '') return all;
    const hits = new Set<string>();
    const toRead: string[] = [];
    for (const summary of all) {
      if (summary.title.toLowerCase().includes(needle)) hits.add(summary.id);
      else toRead.push(summary.id);
    }
    await forEachLimited(toRead, 8, async (id) => {
      const conversation = await this.readConversation(id);
      if (conversation?.messages.some((m) => messageMatches(m, needle))) hits.add(id);
    });
    return all.filter((s) => hits.has(s.id));
  }

  /** Keeps the `max` most recent conversations, deleting the older ones. Returns the deleted ids. */
  async prune(max = DEFAULT_MAX_CONVERSATIONS): Promise<string[]> {
    const keep = Number.isFinite(max) ? Math.max(0, Math.floor(max)) : DEFAULT_MAX_CONVERSATIONS;
    const victims = (await this.list()).slice(keep).map((s) => s.id);
    for (const id of victims) await this.delete(id);
    return victims;
  }

  // ---- internals ----

  private conversationPath(id: string): string {
    return join(this.conversationsDir, `${id}.json`);
  }

  private init(): Promise<void> {
    this.ready ??= this.loadIndex().catch((error) => {
      this.ready = undefined; // let the next call try again (the disk may come back)
      throw error;
    });
    return this.ready;
  }

  private async loadIndex(): Promise<void> {
    await this.fs.makeFolder(this.conversationsDir);
    for (const folder of [this.folder, this.conversationsDir]) await removeStaleTempFiles(folder, { fs: this.fs, clock: this.clock });
    let parsed: unknown;
    try {
      parsed = JSON.parse(await this.fs.readFile(this.indexPath));
    } catch {
      parsed = undefined; // missing or not JSON: rebuilt below
    }
    const index = v.safeParse(IndexFileSchema, parsed);
    if (index.success) {
      this.index = new Map(index.output.conversations.map((s) => [s.id, s]));
      return;
    }
    // The index is only a cache: rebuilding it from the files loses nothing, so there is nothing to report.
    this.index = new Map();
    await this.reconcile(true);
  }

  /**
   * Makes the index agree with the files: adds files it lacks (written by another window, or before a
   * crash), drops entries whose file is gone. Files with a write in flight here are left alone.
   */
  private async reconcile(forceWrite = false): Promise<void> {
    const names = await this.fs.readFolder(this.conversationsDir).catch(() => [] as string[]);
    const onDisk = new Set<string>();
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      if (isValidConversationId(id)) onDisk.add(id);
    }
    let changed = forceWrite;
    for (const id of this.index.keys()) {
      if (!onDisk.has(id) && !this.writer.busy(this.conversationPath(id))) {
        this.index.delete(id);
        changed = true;
      }
    }
    const missing = [...onDisk].filter(
      (id) => !this.index.has(id) && !this.deleted.has(id) && !this.writer.busy(this.conversationPath(id)),
    );
    await forEachLimited(missing, 8, async (id) => {
      const conversation = await this.readConversation(id);
      if (conversation !== undefined && !this.index.has(id)) {
        this.index.set(id, summarize(conversation));
        changed = true;
      }
    });
    if (changed) await this.writeIndex();
  }

  private writeIndex(): Promise<void> {
    const conversations = [...this.index.values()].sort(byRecency);
    return this.writer.write(this.indexPath, JSON.stringify({ version: INDEX_VERSION, conversations }));
  }

  /** Reads and checks one conversation file; a bad one is quarantined. Undefined when missing or bad. */
  private async readConversation(id: string): Promise<Conversation | undefined> {
    const path = this.conversationPath(id);
    let text: string;
    try {
      text = await this.fs.readFile(path);
    } catch (error) {
      if (errorCodeOf(error) === 'ENOENT') return undefined;
      await this.quarantine(id, errorOf(error));
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      await this.quarantine(id, new Error(`not valid JSON: ${errorOf(error).message}`));
      return undefined;
    }
    const problem = checkConversation(parsed, id);
    if (problem !== undefined) {
      await this.quarantine(id, new Error(`not a conversation: ${problem}`));
      return undefined;
    }
    return parsed as Conversation;
  }

  private async quarantine(id: string, error: Error): Promise<void> {
    const path = this.conversationPath(id);
    const fileName = `${CONVERSATIONS_DIR}/${id}.json`;
    let target = `${path}.corrupt`;
    if (await this.fs.exists(target)) target = `${path}.${this.clock.now()}.corrupt`;
    // Still reported when the rename fails: the user should know.
    await renameWithRetry(path, target, { fs: this.fs, clock: this.clock }).catch(() => undefined);
    if (this.index.delete(id)) await this.writeIndex();
    try {
      this.options.onCorrupt?.(fileName, error);
    } catch {
      // A failing listener must not break loading the other conversations.
    }
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
