/**
 * The Quick Chat's workspace tools and `@` index, on generated workspaces (issue 10's budgets):
 *  - `search_text` on 10,000 files (100 MB) against a bare `rg` run of the same query on the same files, in the
 *    same bench run, alternating so load affects both alike: wall time ratio ≤ 1.3.
 *  - The `@` index of a 50,000-file workspace: build < 2 s, first suggestions < 50 ms once built, memory < 30 MB.
 *  - Host overhead of one tool round for `read_file` of a 100 KB file (prepare, confinement, read, numbering,
 *    and the next request's messages as JSON), everything but the model: < 20 ms.
 * The pure cores run as the extension host runs them, with the real file system and VS Code's ripgrep (the one
 * code-server ships; the system's `rg` when that is not installed).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { median, type BenchRow } from './benchRow';
import { repoRoot } from '../host/codeServer';
import { FileFilter } from '../../src/core/tools/fileFilter';
import { FileIndex } from '../../src/core/tools/fileIndex';
import { findRipgrep } from '../../src/core/tools/ripgrep';
import { WorkspaceTools, type WorkspaceAccess } from '../../src/core/tools/workspaceTools';
import { nodeWalkFs } from '../../src/core/tools/workspaceWalk';
import { nodePathFs, type WorkspaceRoot } from '../../src/core/tools/workspacePaths';
import { SETTING_DEFAULTS } from '../../src/core/settingDefaults';
import { requestMessages } from '../../src/core/chat/requestMessages';
import type { Conversation } from '../../src/protocol/chatProtocol';

const NEEDLE = 'quantumFluxCapacitor';
const SEARCH_RUNS = 7;

/** A deterministic pseudo-random generator, so every run searches the same bytes. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = ['const', 'value', 'return', 'function', 'import', 'export', 'class', 'interface', 'string', 'number', 'await', 'result'];

function sourceText(bytes: number, random: () => number, needle: boolean): string {
  const lines: string[] = [];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    const words = Array.from({ length: 4 + Math.floor(random() * 8) }, () => WORDS[Math.floor(random() * WORDS.length)]);
    const line = `  ${words.join(' ')}_${n++}(${Math.floor(random() * 1e6)});`;
    lines.push(line);
    size += line.length + 1;
  }
  if (needle) lines.splice(Math.floor(lines.length / 2), 0, `  const ${NEEDLE} = 88;`);
  return lines.join('\n') + '\n';
}

/** `files` files of about `bytesEach` bytes, 100 per folder; a few of them contain {@link NEEDLE}. */
function generateWorkspace(root: string, files: number, bytesEach: number): void {
  const random = lcg(42);
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, 'src', `module${Math.floor(i / 100)}`);
    if (i % 100 === 0) fs.mkdirSync(dir, { recursive: true });
    const content = bytesEach > 0 ? sourceText(bytesEach, random, i % 500 === 7) : '';
    fs.writeFileSync(path.join(dir, `file${i}.ts`), content);
  }
}

/** VS Code's ripgrep as the product finds it (code-server's appRoot), else the system's `rg`. */
async function ripgrep(): Promise<string> {
  const appRoot = path.join(repoRoot, '.cache', 'code-server-4.100.3', 'node_modules', 'code-server', 'lib', 'vscode');
  const found = (await findRipgrep(appRoot, (p) => fs.existsSync(p))) ?? (fs.existsSync('/usr/bin/rg') ? '/usr/bin/rg' : undefined);
  if (!found) throw new Error('no ripgrep found (install code-server with npm test first, or apt install ripgrep)');
  return found;
}

function timeBareRg(rg: string, root: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(rg, ['--fixed-strings', NEEDLE, root], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

function accessFor(roots: WorkspaceRoot[], rgPath: string | undefined): WorkspaceAccess {
  const filter = new FileFilter({ excludeGlobs: [], protectedPatterns: SETTING_DEFAULTS['chat.tools.protectedFiles'] });
  return {
    roots: () => roots,
    filterFor: async () => filter,
    diagnostics: () => [],
    symbols: async () => undefined,
    ripgrepPath: () => rgPath,
    enabled: () => true,
    fs: { ...nodePathFs, ...nodeWalkFs, readFile: (p: string) => fs.promises.readFile(p), stat: (p: string) => fs.promises.stat(p) },
  };
}

async function runTool(tools: WorkspaceTools, name: string, args: unknown): Promise<string> {
  const prepared = await tools.prepare({ id: 'call_1', name, arguments: JSON.stringify(args) });
  if (!prepared.ok) throw new Error(`${name} refused: ${prepared.outcome.output}`);
  const outcome = await prepared.run(new AbortController().signal);
  if (outcome.status !== 'done') throw new Error(`${name}: ${outcome.status}: ${outcome.output.slice(0, 200)}`);
  return outcome.output;
}

async function searchRows(tmp: string): Promise<BenchRow[]> {
  const root = path.join(tmp, 'search');
  generateWorkspace(root, 10_000, 10 * 1024);
  const rg = await ripgrep();
  const tools = new WorkspaceTools(accessFor([{ name: 'search', fsPath: root }], rg));
  const bare: number[] = [];
  const ours: number[] = [];
  // One warm-up of each (page cache), then alternate.
  await timeBareRg(rg, root);
  const first = await runTool(tools, 'search_text', { query: NEEDLE });
  if (!first.includes(NEEDLE)) throw new Error('search_text found nothing');
  for (let i = 0; i < SEARCH_RUNS; i++) {
    bare.push(await timeBareRg(rg, root));
    const started = performance.now();
    await runTool(tools, 'search_text', { query: NEEDLE });
    ours.push(performance.now() - started);
  }
  const bareMs = median(bare);
  const oursMs = median(ours);
  return [
    { name: 'search_text, 10,000 files (100 MB): wall time (median)', value: oursMs, unit: 'ms', better: 'lower' },
    { name: 'bare rg, same query and files (median)', value: bareMs, unit: 'ms', better: 'lower' },
    { name: 'search_text ÷ bare rg', value: oursMs / bareMs, unit: '×', budget: 1.3, better: 'lower' },
  ];
}

/** Heap in use after a full collection (the bench exposes `gc` to itself, as `node --expose-gc` would). */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function indexRows(tmp: string): Promise<BenchRow[]> {
  const root = path.join(tmp, 'index');
  generateWorkspace(root, 50_000, 0);
  const roots = [{ name: 'index', fsPath: root }];
  const filter = new FileFilter({ excludeGlobs: [], protectedPatterns: SETTING_DEFAULTS['chat.tools.protectedFiles'] });
  const before = heapAfterGc();
  const index = new FileIndex({ roots, filterFor: () => filter, fs: nodeWalkFs });
  const started = performance.now();
  await index.ready();
  const buildMs = performance.now() - started;
  if (index.size < 50_000) throw new Error(`the index holds ${index.size} entries, expected 50,000 files and their folders`);
  const memoryMb = (heapAfterGc() - before) / (1024 * 1024);
  // What people type after `@`: a name, a part of a path, a few letters of each segment.
  const queries = ['file4242', 'module17/file', 'mod3fil9', 'f', 'src/module499/file49999.ts', 'xyz'];
  const firsts: number[] = [];
  for (const query of queries) {
    const t = performance.now();
    index.suggest(query, 20);
    firsts.push(performance.now() - t);
  }
  if (index.suggest('file4242', 5)[0]?.path !== 'src/module42/file4242.ts') throw new Error('the index did not rank the exact file first');
  index.dispose();
  return [
    { name: '@ index of 50,000 files: build', value: buildMs, unit: 'ms', budget: 2000, better: 'lower' },
    { name: '@ suggestions once built (worst of 6 queries)', value: Math.max(...firsts), unit: 'ms', budget: 50, better: 'lower' },
    { name: '@ index of 50,000 files: memory', value: memoryMb, unit: 'MB', budget: 30, better: 'lower' },
  ];
}

async function roundRows(tmp: string): Promise<BenchRow[]> {
  const root = path.join(tmp, 'round');
  fs.mkdirSync(path.join(root, 'src'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src', 'big.ts'), sourceText(100 * 1024, lcg(7), true));
  const tools = new WorkspaceTools(accessFor([{ name: 'round', fsPath: root }], undefined));
  const conversation: Conversation = {
    id: 'c',
    title: 't',
    model: 'm',
    createdAt: 0,
    updatedAt: 0,
    messages: [{ id: 'u', role: 'user', content: 'What is in src/big.ts?', createdAt: 0 }],
  };
  const samples: number[] = [];
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    const args = JSON.stringify({ path: 'src/big.ts' });
    const prepared = await tools.prepare({ id: `call_${i}`, name: 'read_file', arguments: args });
    if (!prepared.ok) throw new Error(prepared.outcome.output);
    const outcome = await prepared.run(new AbortController().signal);
    const round = {
      ...conversation,
      messages: [
        ...conversation.messages,
        {
          id: 'a',
          role: 'assistant' as const,
          content: '',
          status: 'done' as const,
          createdAt: 0,
          toolCalls: [
            {
              index: 0,
              id: `call_${i}`,
              name: 'read_file',
              arguments: args,
              state: 'done' as const,
              summary: outcome.summary,
              output: outcome.output,
            },
          ],
        },
      ],
    };
    JSON.stringify({ model: 'm', messages: requestMessages(round, 'next', 'system prompt'), stream: true });
    samples.push(performance.now() - started);
  }
  return [
    {
      name: 'one tool round, read_file of 100 KB: host overhead (median of 40)',
      value: median(samples),
      unit: 'ms',
      budget: 20,
      better: 'lower',
    },
  ];
}

export async function runWorkspaceToolsBench(): Promise<BenchRow[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'companion-bench-tools-'));
  try {
    return [...(await searchRows(tmp)), ...(await indexRows(tmp)), ...(await roundRows(tmp))];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
