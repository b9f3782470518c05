/**
 * Writing a file so that readers (this window, another window, the next start) see either the old file
 * or the new one, never a partial one: the text goes to a temp file in the same folder, which is then
 * renamed over the target (a rename within one folder is atomic on every platform we run on).
 */
import { join } from 'node:path';
import { type Clock, sleep, systemClock } from '../clock';
import { isRecord } from '../isRecord';
import { type FileSystem, nodeFileSystem } from './fileSystem';

export interface AtomicFileDeps {
  fs?: FileSystem;
  /** Times the rename retries and the age of temp files. */
  clock?: Clock;
}

const TEMP_SUFFIX = '.tmp';
/** Temp files older than this were left by a crash; younger ones may be another window's write in progress. */
export const STALE_TEMP_MS = 60_000;
/** Windows refuses a rename while a virus scanner or indexer holds the target open, usually for a few ms. */
const RENAME_RETRY_CODES: ReadonlySet<string> = new Set(['EPERM', 'EACCES', 'EBUSY']);
/** Retries after 10, 20, 40, 80 and 160 ms: about a third of a second in all, then the error stands. */
const RENAME_RETRIES = 5;
const RENAME_FIRST_WAIT_MS = 10;

let tempCounter = 0;

export function errorCodeOf(error: unknown): string | undefined {
  return isRecord(error) && typeof error.code === 'string' ? error.code : undefined;
}

/** Renames `from` to `to`, retrying for a moment when Windows refuses it (EPERM, EACCES, EBUSY). */
export async function renameWithRetry(from: string, to: string, deps: AtomicFileDeps = {}): Promise<void> {
  const fs = deps.fs ?? nodeFileSystem;
  const clock = deps.clock ?? systemClock;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = errorCodeOf(error);
      if (attempt >= RENAME_RETRIES || code === undefined || !RENAME_RETRY_CODES.has(code)) throw error;
      await sleep(clock, RENAME_FIRST_WAIT_MS * 2 ** attempt);
    }
  }
}

/** Writes `content` to `path` atomically. On failure the temp file is removed and the old file is left as it was. */
export async function writeFileAtomic(path: string, content: string, deps: AtomicFileDeps = {}): Promise<void> {
  const fs = deps.fs ?? nodeFileSystem;
  // The pid keeps two windows (two extension hosts) writing the same file from sharing a temp file.
  const temp = `${path}.${process.pid}.${++tempCounter}${TEMP_SUFFIX}`;
  try {
    await fs.writeFile(temp, content);
    await renameWithRetry(temp, path, deps);
  } catch (error) {
    await fs.remove(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Removes the temp files in `folder` older than `maxAgeMs` (left by a crash between write and rename).
 * Younger ones are kept: another window may be about to rename its temp file.
 */
export async function removeStaleTempFiles(folder: string, deps: AtomicFileDeps = {}, maxAgeMs = STALE_TEMP_MS): Promise<void> {
  const fs = deps.fs ?? nodeFileSystem;
  const now = (deps.clock ?? systemClock).now();
  const names = await fs.readFolder(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    const path = join(folder, name);
    const modifiedAt = await fs.modifiedAt(path).catch(() => undefined);
    if (modifiedAt !== undefined && now - modifiedAt > maxAgeMs) await fs.remove(path).catch(() => undefined);
  }
}
