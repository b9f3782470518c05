/**
 * `npm run bench`: measures, then prints one markdown table with a ✓ or ✗ against each budget.
 * Run after a production build (the npm script does it). Exit code is 0 even when a budget is
 * missed: the table is the report; budgets are checked by people reading it and in issue notes.
 *   tsx test/bench/run.ts [--only=sizes,codelens,stream,open,latency,host,tasks,tools]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { withinBudget, type BenchRow } from './benchRow';
import { killMarkedProcesses, runId } from '../host/processes';

const repoRoot = path.resolve(__dirname, '..', '..');

function bytes(file: string): number {
  return fs.statSync(path.join(repoRoot, file)).size;
}

function packageVsix(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const out = path.join(repoRoot, 'out', 'bench', `cline-companion-${pkg.version}.vsix`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies',
      '--readme-path',
      'docs/MARKETPLACE.md',
      '--out',
      out,
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return path.relative(repoRoot, out);
}

async function sizeRows(): Promise<BenchRow[]> {
  const vsix = packageVsix();
  return [
    { name: 'host bundle dist/extension.js', value: bytes('dist/extension.js') / 1024, unit: 'KB', budget: 120, better: 'lower' },
    { name: 'webview bundle dist/webview.js', value: bytes('dist/webview.js') / 1024, unit: 'KB', budget: 250, better: 'lower' },
    // Loaded only when the first code block in a known language is shown (src/ui/markdown/highlight.ts).
    {
      name: 'webview syntax highlighter dist/highlight.js (lazy)',
      value: bytes('dist/highlight.js') / 1024,
      unit: 'KB',
      budget: 150,
      better: 'lower',
    },
    { name: 'VSIX', value: bytes(vsix) / 1024, unit: 'KB', budget: 400, better: 'lower' },
  ];
}

type Group = { name: string; run: () => Promise<BenchRow[]> };

const GROUPS: Group[] = [
  { name: 'sizes', run: sizeRows },
  { name: 'codelens', run: async () => (await import('./codelensBench')).runCodelensBench() },
  { name: 'stream', run: async () => (await import('./streamRenderBench')).runStreamRenderBench() },
  { name: 'open', run: async () => (await import('./conversationOpenBench')).runConversationOpenBench() },
  { name: 'latency', run: async () => (await import('./chatLatencyBench')).runChatLatencyBench() },
  { name: 'host', run: async () => (await import('./hostBench')).runHostBench() },
  { name: 'tasks', run: async () => (await import('./taskEventsBench')).runTaskEventsBench() },
  { name: 'tools', run: async () => (await import('./workspaceToolsBench')).runWorkspaceToolsBench() },
];

function formatValue(row: BenchRow): string {
  const v = row.value;
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

async function main(): Promise<void> {
  runId();
  const onlyArg = process.argv.find((a) => a.startsWith('--only='));
  const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : undefined;
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  for (const group of GROUPS) {
    if (only && !only.includes(group.name)) continue;
    process.stderr.write(`bench: ${group.name}…\n`);
    try {
      rows.push(...(await group.run()));
    } catch (err) {
      failures.push(`${group.name}: ${(err as Error).message}`);
    } finally {
      killMarkedProcesses();
    }
  }
  const lines = ['| benchmark | value | budget | ok |', '|---|---:|---:|:-:|'];
  for (const row of rows) {
    const budget = row.budget === undefined ? '—' : `${row.better === 'lower' ? '<' : '≥'} ${row.budget} ${row.unit}`;
    const ok = row.budget === undefined ? '' : withinBudget(row) ? '✓' : '✗';
    lines.push(`| ${row.name} | ${formatValue(row)} ${row.unit} | ${budget} | ${ok} |`);
  }
  console.log(lines.join('\n'));
  for (const f of failures) console.log(`\n✗ ${f}`);
  if (failures.length) process.exitCode = 1;
}

void main();
