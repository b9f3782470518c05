/**
 * Cline task events: what our hook forwarders cost Cline, and how fast an event reaches the task model.
 *  - Forwarder cost: each hook is run the way Cline runs it on Linux and macOS (spawned through the shell, a
 *    5 KB payload on stdin, waited for), alternating with an empty hook script, so load affects both alike.
 *    "Added" is forwarder minus empty script, per pair of runs.
 *  - Latency: from spawning the hook to the task model's change, through the real forwarder, spool folder
 *    (fs.watch), parser and tracker, the code the extension host runs (without VS Code around it).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, percentile, type BenchRow } from './benchRow';
import { systemClock } from '../../src/core/clock';
import { EventSpool } from '../../src/core/tasks/eventSpool';
import { EVENTS_DIR_ENV } from '../../src/core/tasks/forwarderScript';
import { installForwarders } from '../../src/core/tasks/hookInstaller';
import { parseHookPayload } from '../../src/core/tasks/hookPayload';
import { TaskTracker } from '../../src/core/tasks/taskTracker';

const RUNS = 60;

function runHook(file: string, input: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(`'${file}'`, { shell: true, env });
    child.on('error', reject);
    child.stdin.on('error', () => undefined);
    child.on('close', () => resolve(performance.now() - started));
    child.stdin.end(input);
  });
}

function payload(taskId: string, hookName = 'PreToolUse'): string {
  const base = {
    clineVersion: '4.1.13',
    hookName,
    timestamp: String(Date.now()),
    taskId,
    userId: 'u',
    model: { provider: 'cline', slug: 'x' },
  };
  const padding = 'x'.repeat(Math.max(0, 5 * 1024 - JSON.stringify(base).length - 80));
  return JSON.stringify({ ...base, preToolUse: { toolName: 'run_commands', parameters: { commands: '["npm test"]', note: padding } } });
}

export async function runTaskEventsBench(): Promise<BenchRow[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'companion-bench-hooks-'));
  try {
    const hooks = path.join(root, 'hooks');
    const spoolDir = path.join(root, 'spool');
    fs.mkdirSync(spoolDir);
    await installForwarders(hooks, { platform: 'sh', extensionId: 'bench', extensionVersion: '0', events: ['PreToolUse'] });
    const forwarder = path.join(hooks, 'PreToolUse');
    const empty = path.join(root, 'empty-hook');
    fs.writeFileSync(empty, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const input = payload('bench');
    const listening = { PATH: process.env.PATH, [EVENTS_DIR_ENV]: spoolDir };
    const alone = { PATH: process.env.PATH };

    // Forwarder cost, companion listening (the spool folder exists; nobody drains it here, so clear it).
    const added: number[] = [];
    const addedAlone: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const base = await runHook(empty, input, alone);
      added.push((await runHook(forwarder, input, listening)) - base);
      const base2 = await runHook(empty, input, alone);
      addedAlone.push((await runHook(forwarder, input, alone)) - base2);
      if (i % 10 === 9) for (const f of fs.readdirSync(spoolDir)) fs.unlinkSync(path.join(spoolDir, f));
    }

    // Latency: hook spawned → the tracker's change, through the spool.
    for (const f of fs.readdirSync(spoolDir)) fs.unlinkSync(path.join(spoolDir, f));
    let changed: ((at: number) => void) | undefined;
    const tracker = new TaskTracker({
      clock: systemClock,
      newId: (() => {
        let n = 0;
        return () => `t${++n}`;
      })(),
      onChange: () => changed?.(performance.now()),
    });
    const spool = new EventSpool({
      dir: spoolDir,
      onPayload: (text, at) => {
        const parsed = parseHookPayload(text, at);
        if (parsed.ok) tracker.apply(parsed.event);
      },
      onError: () => undefined,
      pollMs: 0,
    });
    await spool.start();
    const latencies: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const seen = new Promise<number>((resolve) => (changed = resolve));
        await runHook(forwarder, payload(`task-${i}`, 'TaskStart').replace('"preToolUse"', '"taskStart"'), listening);
        const at = await Promise.race([seen, new Promise<number>((r) => setTimeout(() => r(Number.NaN), 2000))]);
        if (!Number.isNaN(at)) latencies.push(at - started);
      }
    } finally {
      spool.dispose();
    }
    if (latencies.length < RUNS / 2) throw new Error(`only ${latencies.length} of ${RUNS} events reached the task model`);

    return [
      {
        name: 'hook forwarder: added time per event, median (sh, 5 KB payload, companion listening)',
        value: median([...added]),
        unit: 'ms',
        budget: 15,
        better: 'lower',
      },
      { name: 'hook forwarder: added time per event, p95', value: percentile(added, 95), unit: 'ms', budget: 40, better: 'lower' },
      {
        name: 'hook forwarder: added time with no companion listening, median',
        value: median([...addedAlone]),
        unit: 'ms',
        budget: 5,
        better: 'lower',
      },
      {
        name: 'hook start → task state changed, p50 (forwarder, spool, parser, tracker)',
        value: median([...latencies]),
        unit: 'ms',
        budget: 50,
        better: 'lower',
      },
      { name: 'hook start → task state changed, p95', value: percentile(latencies, 95), unit: 'ms', budget: 150, better: 'lower' },
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
