/**
 * The receiving end of the forwarders: this window's spool folder. Each `*.json` file in it is one hook
 * payload, published by an atomic rename; we read it, delete it and hand the text on, oldest first.
 * `fs.watch` tells us at once; a slow poll catches anything a watcher missed (network drives, full
 * inotify tables). A file too large, unreadable or half-written temp files never stop the others.
 * Node's fs only (no `vscode`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_PAYLOAD_BYTES } from './hookPayload';

export interface SpoolOptions {
  dir: string;
  onPayload(text: string, receivedAt: number): void;
  onError(message: string): void;
  /** Safety poll interval; 0 turns it off (tests). */
  pollMs?: number;
  now?(): number;
}

/** Temp files the forwarders had no time to rename (killed by Cline's 30 s timeout) are removed after this. */
const STALE_TEMP_MS = 60_000;

export class EventSpool {
  private watcher: fs.FSWatcher | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private draining = false;
  private again = false;
  private disposed = false;

  constructor(private readonly options: SpoolOptions) {}

  /** Creates the folder (only we and our forwarders use it) and starts listening. */
  async start(): Promise<void> {
    await fs.promises.mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    try {
      this.watcher = fs.watch(this.options.dir, () => this.drain());
      this.watcher.on('error', (error) => this.options.onError(`watching ${this.options.dir} failed: ${error.message}`));
    } catch (thrown) {
      this.options.onError(`cannot watch ${this.options.dir}: ${String(thrown)}; polling instead`);
    }
    const pollMs = this.options.pollMs ?? 2000;
    if (pollMs > 0) this.poll = setInterval(() => this.drain(), pollMs);
    this.drain();
  }

  /** Stops listening and removes the folder, so forwarders of this window find nothing and do nothing. */
  dispose(): void {
    this.disposed = true;
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    try {
      fs.rmSync(this.options.dir, { recursive: true, force: true });
    } catch {
      // best effort: a leftover empty folder is harmless (forwarders only write into it)
    }
  }

  /** Reads every published payload now. Safe to call at any time; runs one drain at a time. */
  drain(): void {
    if (this.disposed) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    void this.drainOnce().finally(() => {
      this.draining = false;
      if (this.again && !this.disposed) {
        this.again = false;
        this.drain();
      }
    });
  }

  private async drainOnce(): Promise<void> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.options.dir);
    } catch (thrown) {
      if (!this.disposed) this.options.onError(`reading ${this.options.dir} failed: ${String(thrown)}`);
      return;
    }
    const now = this.options.now?.() ?? Date.now();
    const files: { file: string; mtime: number }[] = [];
    for (const name of names) {
      const file = path.join(this.options.dir, name);
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (!stat?.isFile()) continue;
      if (!name.endsWith('.json')) {
        if (now - stat.mtimeMs > STALE_TEMP_MS) await fs.promises.unlink(file).catch(() => undefined);
        continue;
      }
      if (stat.size > MAX_PAYLOAD_BYTES) {
        this.options.onError(`dropped a hook payload of ${stat.size} bytes (over ${MAX_PAYLOAD_BYTES})`);
        await fs.promises.unlink(file).catch(() => undefined);
        continue;
      }
      files.push({ file, mtime: stat.mtimeMs });
    }
    files.sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file));
    for (const { file } of files) {
      let text: string;
      try {
        text = await fs.promises.readFile(file, 'utf8');
      } catch {
        continue; // gone meanwhile (removed by hand, or the folder is being disposed)
      }
      await fs.promises.unlink(file).catch(() => undefined);
      if (this.disposed) return;
      try {
        this.options.onPayload(text, this.options.now?.() ?? Date.now());
      } catch (thrown) {
        this.options.onError(`handling a hook payload failed: ${String(thrown)}`);
      }
    }
  }
}
