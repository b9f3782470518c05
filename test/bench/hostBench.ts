/**
 * Benchmarks that need the real extension host: activate() wall time over several fresh window
 * loads (median), each window a new code-server + page so nothing is warm.
 */
import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from '../host/chromium';
import { repoRoot, startCodeServer, workbenchUrl } from '../host/codeServer';
import { median, type BenchRow } from './benchRow';

const probe = path.join(repoRoot, 'out', 'test', 'bench', 'activationProbe.js');

interface ActivationSample {
  activateMs: number;
  loadAndActivateMs: number;
}

async function oneWindowLoad(): Promise<ActivationSample> {
  const server = await startCodeServer();
  const { browser, cleanup } = await launchChromium();
  try {
    const page = await browser.newPage();
    let sample: ActivationSample | undefined;
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      void page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        const line = format(...(Array.isArray(args) ? args : [args]));
        if (line.startsWith('__COMPANION_BENCH__ ')) sample = JSON.parse(line.slice(20));
      });
    });
    await page.goto(workbenchUrl(server, { extensionTestsPath: probe }));
    const code = await Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(-1), 90_000))]);
    if (code !== 0 || sample === undefined) throw new Error(`activation probe failed (exit ${code})`);
    return sample;
  } finally {
    await cleanup();
    await server.stop();
  }
}

export async function runHostBench(loads = 5): Promise<BenchRow[]> {
  const samples: ActivationSample[] = [];
  for (let i = 0; i < loads; i++) samples.push(await oneWindowLoad());
  return [
    {
      name: `activate() wall time, real host (median of ${loads} window loads)`,
      value: median(samples.map((s) => s.activateMs)),
      unit: 'ms',
      budget: 15,
      better: 'lower',
    },
    {
      name: 'extension.activate() as the host sees it: loading the bundle + activate() (median)',
      value: median(samples.map((s) => s.loadAndActivateMs)),
      unit: 'ms',
      better: 'lower',
    },
  ];
}
