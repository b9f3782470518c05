/**
 * Where Cline looks for hook scripts (checked against Cline 4.1.13's source):
 *  - global: `<Documents>/Cline/Hooks/`. Documents is, on Linux, what `xdg-user-dir DOCUMENTS` prints when
 *    that program exists, else `~/Documents`; on Windows PowerShell's MyDocuments; on macOS `~/Documents`.
 *  - per workspace folder: `<folder>/.clinerules/hooks/`.
 * Pure: the one program call (xdg-user-dir / PowerShell) is injected.
 */
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ScriptPlatform } from './forwarderScript';

export interface DocumentsProbe {
  platform: NodeJS.Platform;
  homeDir: string;
  /** Runs a program and resolves to its trimmed stdout, or undefined when it is missing or fails. */
  run(command: string, args: string[]): Promise<string | undefined>;
}

async function documentsDir(probe: DocumentsProbe): Promise<string> {
  const fallback = path.join(probe.homeDir, 'Documents');
  if (probe.platform === 'linux') {
    const xdg = await probe.run('xdg-user-dir', ['DOCUMENTS']);
    // xdg-user-dir prints $HOME when DOCUMENTS is not configured; Cline takes what it prints either way.
    return xdg && path.isAbsolute(xdg) ? xdg : fallback;
  }
  if (probe.platform === 'win32') {
    const docs = await probe.run('powershell', [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      "[Environment]::GetFolderPath('MyDocuments')",
    ]);
    return docs && path.win32.isAbsolute(docs) ? docs : fallback;
  }
  return fallback;
}

export async function globalHooksDir(probe: DocumentsProbe): Promise<string> {
  return path.join(await documentsDir(probe), 'Cline', 'Hooks');
}

export function workspaceHooksDir(workspaceFolder: string): string {
  return path.join(workspaceFolder, '.clinerules', 'hooks');
}

export function scriptPlatform(platform: NodeJS.Platform): ScriptPlatform {
  return platform === 'win32' ? 'powershell' : 'sh';
}

/**
 * A new spool folder for this window, which the forwarders find through CLINE_COMPANION_EVENTS_DIR: one per
 * extension host (so per window), under our own storage, so events reach only the window whose Cline ran the
 * hook. Named by an id made here, at activation, not by `vscode.env.sessionId`: builds without Microsoft's
 * telemetry (code-server, VSCodium, Code - OSS) give every window the same session id ("someValue.sessionId"),
 * and every window then read, and took, the events of all of them. The id starts with the machine and the
 * extension host's process id, so a later window can tell a folder left by a crashed one (see orphanSpoolDirs).
 */
export function spoolDirFor(storageDir: string, windowId: string = spoolId(os.hostname(), process.pid)): string {
  return path.join(storageDir, 'events', windowId.replace(/[^A-Za-z0-9_-]/g, '_'));
}

function spoolId(hostname: string, pid: number): string {
  return `${hostname.replace(/[^A-Za-z0-9_]/g, '_')}-${pid}-${randomUUID()}`;
}

/**
 * The spool folders (`names`, in `eventsRoot`, the parent of every window's spool folder) left by extension hosts of this machine that are gone (a crash or a kill
 * skips the folder's removal): named `<host>-<pid>-<uuid>` with this host and a pid no process has. A folder of
 * another machine (a home shared over the network) or of a live process, and any other name, is kept.
 */
export function orphanSpoolDirs(
  eventsRoot: string,
  names: readonly string[],
  machine: { hostname: string; isAlive(pid: number): boolean },
): string[] {
  const host = machine.hostname.replace(/[^A-Za-z0-9_]/g, '_');
  return names
    .map((name) => ({ name, match: /^(.+)-(\d+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(name) }))
    .filter(({ match }) => match !== null && match[1] === host && !machine.isAlive(Number(match[2])))
    .map(({ name }) => path.join(eventsRoot, name));
}
