/**
 * Keeps test runs from leaving processes behind. Every process a test run starts (code-server, its
 * file watcher and extension host, Chromium and its helpers) inherits COMPANION_TEST_RUN in its
 * environment, so one sweep over /proc finds them all, however deeply they were spawned and
 * whatever process group they put themselves in.
 */
import * as fs from 'node:fs';

export const RUN_MARKER = 'COMPANION_TEST_RUN';

/** The run id of this process tree, created once by the outermost runner. */
export function runId(): string {
  if (!process.env[RUN_MARKER]) process.env[RUN_MARKER] = `${process.pid}-${Date.now()}`;
  return process.env[RUN_MARKER]!;
}

/** Pids (other than ours and our ancestors') whose environment carries this run's marker. */
function markedProcesses(id: string = runId()): number[] {
  const needle = `${RUN_MARKER}=${id}\0`;
  const spared = new Set<number>([process.pid, process.ppid]);
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || spared.has(pid)) continue;
    try {
      if ((fs.readFileSync(`/proc/${pid}/environ`, 'latin1') + '\0').includes(needle)) found.push(pid);
    } catch {
      // gone already, or not ours to read
    }
  }
  return found;
}

/** SIGKILLs every process of this run except the caller. Returns how many were still alive. */
export function killMarkedProcesses(id: string = runId()): number {
  const pids = markedProcesses(id);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  return pids.length;
}

/** Sends a signal to a whole process group, ignoring "no such process". */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0 as unknown as NodeJS.Signals);
}
