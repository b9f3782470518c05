/**
 * Serialises the writes to each file, so two saves of one file never interleave. A write still waiting
 * its turn takes the newest content instead of queueing another one (each write holds the whole file,
 * so the latest state wins and nothing in between needs writing).
 */
import { type AtomicFileDeps, writeFileAtomic } from './atomicFile';
import { nodeFileSystem } from './fileSystem';

interface QueuedWrite {
  /** The text to write, or null to delete the file. */
  content: string | null;
  done: Promise<void>;
}

export class FileWriteQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, QueuedWrite>();

  constructor(private readonly deps: AtomicFileDeps = {}) {}

  /** Writes `content` to `path` atomically after the writes queued before it; null deletes the file. */
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
      if (entry.content === null) await (this.deps.fs ?? nodeFileSystem).remove(path);
      else await writeFileAtomic(path, entry.content, this.deps);
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
