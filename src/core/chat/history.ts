/**
 * The conversation store: one JSON file per conversation plus a small index, in a folder the caller
 * gives (the extension passes `globalStorageUri.fsPath`). Plain Node `fs`, no `vscode`.
 *
 *   <folder>/index.json                  {version, conversations: ConversationSummary[]}
 *   <folder>/conversations/<id>.json     Conversation
 *
 * - Writes are atomic (temp file in the same folder, then rename) and serialised per file; a write that
 *   is still queued is replaced by a newer one (the file always holds a whole conversation, so the
 *   latest state wins).
 * - The index is only a cache of the files: missing, corrupt or stale, it is rebuilt or reconciled.
 * - An unreadable or malformed conversation file is moved aside as `<name>.corrupt` and reported once
 *   through `onCorrupt`; everything else still loads.
 * - Answers that were streaming when the window closed are marked `interrupted`, lazily, when their
 *   conversation is loaded (no start-up sweep over every file).
 */

import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatMessage, Conversation, ConversationSummary, MessageStatus } from '../../protocol/chatProtocol';
import { isRecord } from '../isRecord';

export interface HistoryStoreOptions {
  /** A file was unreadable or malformed and has been renamed `*.corrupt`. `fileName` is relative to the folder. */
  onCorrupt?: (fileName: string, error: Error) => void;
}

export const DEFAULT_MAX_CONVERSATIONS = 200;
const INDEX_FILE = 'index.json';
const CONVERSATIONS_DIR = 'conversations';
const INDEX_VERSION = 1;
/** Ids become file names: keep them to characters that are safe everywhere (UUIDs pass). */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
/** Temp files older than this at start-up were left by a crash (younger ones may be another window's). */
const STALE_TEMP_MS = 60_000;

// ---- shapes ----

const STATUSES: ReadonlySet<string> = new Set<MessageStatus>(['streaming', 'done', 'stopped', 'error', 'interrupted']);

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function isValidConversationId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

/**
 * Checks a parsed conversation file, tolerantly: the fields everything depends on (ids, roles, text) must
 * be right, the rest gets a default, and unknown fields are kept (newer versions may add some).
 * Returns an error message, or undefined when `value` is now a valid Conversation.
 */
function checkConversation(value: unknown, expectedId: string): string | undefined {
  if (!isRecord(value)) return 'not a JSON object';
  if (value.id !== expectedId) return `its id ${JSON.stringify(value.id)} does not match the file name`;
  if (!Array.isArray(value.messages)) return 'no messages list';
  for (const [index, message] of value.messages.entries()) {
    if (!isRecord(message)) return `message ${index} is not an object`;
    if (typeof message.id !== 'string') return `message ${index} has no id`;
    if (message.role !== 'user' && message.role !== 'assistant') return `message ${index} has an unknown role`;
    if (typeof message.content !== 'string') return `message ${index} has no text`;
    message.createdAt = finiteOr(message.createdAt, 0);
    if (message.status !== undefined && !STATUSES.has(message.status as string)) delete message.status;
  }
  if (typeof value.title !== 'string') value.title = 'Untitled conversation';
  if (typeof value.model !== 'string') value.model = '';
  value.createdAt = finiteOr(value.createdAt, 0);
  value.updatedAt = finiteOr(value.updatedAt, value.createdAt as number);
  return undefined;
}

function isSummary(value: unknown): value is ConversationSummary {
  return (
    isRecord(value) &&
    isValidConversationId(value.id) &&
    typeof value.title === 'string' &&
    typeof value.model === 'string' &&
    typeof value.updatedAt === 'number' &&
    typeof value.messageCount === 'number'
  );
}

export function summarize(conversation: Conversation): ConversationSummary {
  const { id, title, model, updatedAt } = conversation;
  return { id, title, model, updatedAt, messageCount: conversation.messages.length };
}

/**
 * Marks answers left `streaming` (the window closed mid-answer) as `interrupted`, in place.
 * Returns whether anything changed.
 */
export function markInterrupted(conversation: Conversation): boolean {
  let changed = false;
  for (const message of conversation.messages) {
    if (message.role === 'assistant' && message.status === 'streaming') {
      message.status = 'interrupted';
      changed = true;
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

function codeOf(error: unknown): string | undefined {
  return isRecord(error) && typeof error.code === 'string' ? error.code : undefined;
}

const byRecency = (a: ConversationSummary, b: ConversationSummary): number => b.updatedAt - a.updatedAt;

// ---- files ----

let tempCounter = 0;

/** Windows may refuse a rename for a moment while a scanner or indexer holds the target open. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = codeOf(error);
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt));
    }
  }
}

/** Writes `content` so that readers see either the old file or the new one, never a partial one. */
async function writeAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${++tempCounter}.tmp`;
  try {
    await writeFile(temp, content, 'utf8');
    await renameWithRetry(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

interface QueuedWrite {
  /** The text to write, or null to delete the file. */
  content: string | null;
  done: Promise<void>;
}

/**
 * Serialises the writes to each file, so two saves never interleave. A write still waiting its turn
 * takes the newest content instead of queueing another one.
 */
class FileWriteQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, QueuedWrite>();

  write(path: string, content: string | null): Promise<void> {
    const queued = this.waiting.get(path);
    if (queued !== undefined) {
      queued.content = content;
      return queued.done;
    }
    const previous = this.tails.get(path) ?? Promise.resolve();
    const entry: QueuedWrite = { content, done: Promise.resolve() };
    entry.done = previous.then(async () => {
      this.waiting.delete(path); // from here on, a newer write queues behind this one
      if (entry.content === null) await rm(path, { force: true });
      else await writeAtomic(path, entry.content);
    });
    this.waiting.set(path, entry);
    const tail = entry.done.catch(() => undefined);
    this.tails.set(path, tail);
    void tail.then(() => {
      if (this.tails.get(path) === tail) this.tails.delete(path);
    });
    return entry.done;
  }

  busy(path: string): boolean {
    return this.tails.has(path);
  }

  /** Resolves once every write queued so far for `path` has finished. */
  async idle(path: string): Promise<void> {
    await this.tails.get(path);
  }
}

// ---- the store ----

export class HistoryStore {
  private readonly conversationsDir: string;
  private readonly indexPath: string;
  private readonly writer = new FileWriteQueue();
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
    await mkdir(this.conversationsDir, { recursive: true });
    await this.removeStaleTemps();
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.indexPath, 'utf8'));
    } catch {
      parsed = undefined; // missing or not JSON: rebuilt below
    }
    if (
      isRecord(parsed) &&
      parsed.version === INDEX_VERSION &&
      Array.isArray(parsed.conversations) &&
      parsed.conversations.every(isSummary)
    ) {
      this.index = new Map((parsed.conversations as ConversationSummary[]).map((s) => [s.id, s]));
      return;
    }
    // The index is only a cache: rebuilding it from the files loses nothing, so there is nothing to report.
    this.index = new Map();
    await this.reconcile(true);
  }

  private async removeStaleTemps(): Promise<void> {
    const now = Date.now();
    for (const dir of [this.folder, this.conversationsDir]) {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        if (!name.endsWith('.tmp')) continue;
        const path = join(dir, name);
        const info = await stat(path).catch(() => undefined);
        if (info !== undefined && now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true }).catch(() => undefined);
      }
    }
  }

  /**
   * Makes the index agree with the files: adds files it lacks (written by another window, or before a
   * crash), drops entries whose file is gone. Files with a write in flight here are left alone.
   */
  private async reconcile(forceWrite = false): Promise<void> {
    const names = await readdir(this.conversationsDir).catch(() => [] as string[]);
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
    const missing = [...onDisk].filter((id) => !this.index.has(id) && !this.deleted.has(id) && !this.writer.busy(this.conversationPath(id)));
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
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return undefined;
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
    if (await stat(target).then(() => true, () => false)) target = `${path}.${Date.now()}.corrupt`;
    await renameWithRetry(path, target).catch(() => undefined); // still reported: the user should know
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

// ---- throttled saving while streaming ----

export interface ThrottledSaver<T> {
  /** Saves `value` soon: now if the last save was over an interval ago, else when the interval ends. */
  schedule(value: T): void;
  /** Saves whatever is pending right away and waits for every save to finish; rejects if that save fails. */
  flush(): Promise<void>;
  /** Drops the pending value and the timer (for example when the conversation is deleted). */
  cancel(): void;
}

export interface ThrottleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ThrottledSaverOptions {
  /** Failures of background saves (a failing `flush` rejects instead). */
  onError?: (error: unknown) => void;
  clock?: ThrottleClock;
}

/**
 * At most one save per `intervalMs`, and never two at once; the latest scheduled value wins. Used while
 * an answer streams, so a window reload mid-answer keeps the text so far without a write per token.
 * The value is passed to `save` when the save starts, so a mutable conversation is saved as it is then.
 */
export function createThrottledSaver<T>(
  save: (value: T) => Promise<void>,
  intervalMs = 1000,
  options: ThrottledSaverOptions = {},
): ThrottledSaver<T> {
  const clock = options.clock ?? systemClock;
  let pending: { value: T } | undefined;
  let timer: unknown;
  let inFlight: Promise<void> | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;

  const clearTimer = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  const start = (report: boolean): Promise<void> => {
    const { value } = pending as { value: T };
    pending = undefined;
    lastStart = clock.now();
    const attempt = (async () => save(value))();
    const settled = attempt.then(
      () => undefined,
      (error: unknown) => {
        if (report) options.onError?.(error);
      },
    );
    inFlight = settled;
    void settled.then(() => {
      if (inFlight === settled) inFlight = undefined;
      kick();
    });
    return attempt;
  };

  const kick = (): void => {
    if (pending === undefined || timer !== undefined || inFlight !== undefined) return;
    const wait = lastStart + intervalMs - clock.now();
    if (wait <= 0) {
      void start(true).catch(() => undefined); // reported through onError
      return;
    }
    timer = clock.setTimeout(() => {
      timer = undefined;
      kick();
    }, wait);
  };

  return {
    schedule(value: T): void {
      pending = { value };
      kick();
    },
    async flush(): Promise<void> {
      for (;;) {
        clearTimer();
        if (inFlight !== undefined) {
          await inFlight;
          continue;
        }
        if (pending === undefined) return;
        await start(false);
      }
    },
    cancel(): void {
      clearTimer();
      pending = undefined;
    },
  };
}
