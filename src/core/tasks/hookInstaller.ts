/**
 * Installs and removes our forwarders in one hooks folder, never harming the user's own hooks:
 *  - a folder without a hook for an event gets our forwarder (mode 755, so Cline's on/off switch shows it on);
 *  - a user's own hook is renamed next to ours and chained (see forwarderScript.ts); if that name is taken,
 *    the event is skipped and reported, nothing is overwritten;
 *  - a forwarder of ours of another version is rewritten, keeping its chained hook;
 *  - removal deletes only files that carry our header, and renames a chained hook back (byte for byte,
 *    permissions included: it is the same file). No backups or other files are left behind.
 * Node's fs only (no `vscode`), so it is unit-tested on real temp folders.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { FORWARDED_HOOK_EVENTS } from './hookPayload';
import {
  FORWARDER_VERSION,
  chainedFileName,
  forwarderScript,
  hookFileName,
  readForwarderHeader,
  type ScriptPlatform,
} from './forwarderScript';

export interface InstallOptions {
  platform: ScriptPlatform;
  extensionId: string;
  extensionVersion: string;
  events?: readonly string[];
}

type EventOutcome =
  | { event: string; outcome: 'installed' | 'updated' | 'unchanged' | 'chained' }
  | { event: string; outcome: 'skipped' | 'failed'; reason: string };

export interface FolderReport {
  dir: string;
  events: EventOutcome[];
}

/** Ours, by header; `undefined` when missing or not ours. */
async function readOurs(file: string): Promise<{ version: number; chainedPath?: string } | undefined> {
  let text: string;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  return readForwarderHeader(text);
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes via a temp file and a rename, so Cline never runs a half-written forwarder. */
async function writeScript(file: string, text: string): Promise<void> {
  const temp = `${file}.cline-companion-tmp-${process.pid}`;
  await fs.writeFile(temp, text, { mode: 0o755 });
  await fs.chmod(temp, 0o755); // the umask may have taken bits away
  await fs.rename(temp, file);
}

const describe = (thrown: unknown): string => (thrown instanceof Error ? thrown.message : String(thrown));

export async function installForwarders(dir: string, options: InstallOptions): Promise<FolderReport> {
  const events = options.events ?? FORWARDED_HOOK_EVENTS;
  const report: FolderReport = { dir, events: [] };
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (thrown) {
    for (const event of events) report.events.push({ event, outcome: 'failed', reason: describe(thrown) });
    return report;
  }
  for (const event of events) report.events.push(await installOne(dir, event, options));
  return report;
}

async function installOne(dir: string, event: string, options: InstallOptions): Promise<EventOutcome> {
  const file = path.join(dir, hookFileName(event, options.platform));
  const chainedFile = path.join(dir, chainedFileName(event, options.platform));
  const spec = { event, platform: options.platform, extensionId: options.extensionId, extensionVersion: options.extensionVersion };
  try {
    const ours = await readOurs(file);
    if (ours) {
      const chainedPath = ours.chainedPath && (await exists(ours.chainedPath)) ? ours.chainedPath : undefined;
      const text = forwarderScript({ ...spec, chainedPath });
      if (ours.version === FORWARDER_VERSION && (await fs.readFile(file, 'utf8')) === text) return { event, outcome: 'unchanged' };
      await writeScript(file, text);
      return { event, outcome: 'updated' };
    }
    if (await exists(file)) {
      const stat = await fs.lstat(file);
      if (!stat.isFile() && !stat.isSymbolicLink()) return { event, outcome: 'skipped', reason: `${file} is not a file` };
      if (await exists(chainedFile)) return { event, outcome: 'skipped', reason: `${chainedFile} already exists` };
      // The user's hook keeps its bytes and permissions: it is renamed, not copied.
      await fs.rename(file, chainedFile);
      try {
        await writeScript(file, forwarderScript({ ...spec, chainedPath: chainedFile }));
      } catch (thrown) {
        await fs.rename(chainedFile, file).catch(() => undefined);
        throw thrown;
      }
      return { event, outcome: 'chained' };
    }
    await writeScript(file, forwarderScript(spec));
    return { event, outcome: 'installed' };
  } catch (thrown) {
    return { event, outcome: 'failed', reason: describe(thrown) };
  }
}

export type RemoveOutcome =
  { event: string; outcome: 'removed' | 'restored' | 'notOurs' | 'absent' } | { event: string; outcome: 'failed'; reason: string };

export async function removeForwarders(
  dir: string,
  platform: ScriptPlatform,
  events: readonly string[] = FORWARDED_HOOK_EVENTS,
): Promise<RemoveOutcome[]> {
  const outcomes: RemoveOutcome[] = [];
  for (const event of events) {
    const file = path.join(dir, hookFileName(event, platform));
    try {
      const ours = await readOurs(file);
      if (!ours) {
        outcomes.push({ event, outcome: (await exists(file)) ? 'notOurs' : 'absent' });
        continue;
      }
      const chained = ours.chainedPath ?? path.join(dir, chainedFileName(event, platform));
      if (path.dirname(chained) === dir && (await exists(chained))) {
        await fs.rename(chained, file); // replaces ours in one step
        outcomes.push({ event, outcome: 'restored' });
      } else {
        await fs.unlink(file);
        outcomes.push({ event, outcome: 'removed' });
      }
    } catch (thrown) {
      outcomes.push({ event, outcome: 'failed', reason: describe(thrown) });
    }
  }
  return outcomes;
}

/** Which events of a folder have our forwarder, and of which version. */
export async function installedForwarders(dir: string, platform: ScriptPlatform): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const event of FORWARDED_HOOK_EVENTS) {
    const ours = await readOurs(path.join(dir, hookFileName(event, platform)));
    if (ours) found.set(event, ours.version);
  }
  return found;
}
