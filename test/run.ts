/**
 * `npm test`: every test layer, one after another, then one line that adds them up:
 *   N passed, N failed[, N skipped]
 * Exit code is non-zero when any layer fails, crashes, times out or runs no test.
 * Each layer runs as its own process with a time limit; whatever it started (code-server,
 * Chromium) is swept afterwards, even when it hung or crashed.
 *
 *   tsx test/run.ts [unit] [webview] [integration] [ui]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { killMarkedProcesses, runId } from './host/processes';
import { readLayerStats, STATS_FILE_ENV, type LayerStats } from './host/stats';

const repoRoot = path.resolve(__dirname, '..');
const mochaBin = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const tsxCli = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const reporter = path.join(repoRoot, 'test', 'host', 'countingReporter.js');

interface Layer {
  name: string;
  command: string[];
  timeoutMs: number;
}

const LAYERS: Layer[] = [
  { name: 'unit', command: [mochaBin, '--reporter', reporter], timeoutMs: 5 * 60_000 },
  // The chat webview bundle alone, on its own page in Chromium (no VS Code): app, renderer, XSS suite.
  {
    name: 'webview',
    command: [mochaBin, '--config', 'test/webview/.mocharc.json', '--reporter', reporter],
    timeoutMs: 10 * 60_000,
  },
  // Six scenarios now (main, missing, disabled, fresh, restricted, multiRoot), each in its own host.
  { name: 'integration', command: [tsxCli, 'test/host/runIntegration.ts'], timeoutMs: 16 * 60_000 },
  {
    name: 'ui',
    command: [mochaBin, '--config', 'test/ui/.mocharc.json', '--reporter', reporter],
    timeoutMs: 20 * 60_000,
  },
];

function runLayer(layer: Layer): Promise<{ stats?: LayerStats; code: number | null; timedOut: boolean }> {
  const statsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'companion-stats-')), `${layer.name}.json`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, layer.command, {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, [STATS_FILE_ENV]: statsFile },
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n✘ ${layer.name} layer timed out after ${layer.timeoutMs / 1000} s; stopping it`);
      killMarkedProcesses();
    }, layer.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const leftovers = killMarkedProcesses();
      if (leftovers > 0) console.log(`(swept ${leftovers} process(es) left by the ${layer.name} layer)`);
      resolve({ stats: readLayerStats(statsFile), code, timedOut });
    });
  });
}

async function main(): Promise<number> {
  runId(); // every child inherits the marker, so the sweep can find them
  const wanted = process.argv.slice(2);
  const layers = wanted.length ? LAYERS.filter((l) => wanted.includes(l.name)) : LAYERS;
  const total: LayerStats = { passed: 0, failed: 0, skipped: 0 };
  const summary: string[] = [];
  let ok = true;
  for (const layer of layers) {
    console.log(`\n━━ ${layer.name} ━━`);
    const { stats, code, timedOut } = await runLayer(layer);
    const s = stats ?? { passed: 0, failed: 0, skipped: 0 };
    // A crash or timeout that left no failure count still counts as one failure.
    if ((code !== 0 || timedOut) && s.failed === 0) s.failed = 1;
    const layerOk = code === 0 && !timedOut && s.failed === 0 && s.passed > 0;
    if (!layerOk) ok = false;
    total.passed += s.passed;
    total.failed += s.failed;
    total.skipped += s.skipped;
    summary.push(
      `${layer.name}: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}${s.passed === 0 ? ' (no test ran)' : ''}`,
    );
  }
  console.log(`\n${summary.join('\n')}`);
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    killMarkedProcesses();
    process.exit(1);
  },
);
