/**
 * Runs the integration suite (out/test/integration/index.js) inside the real Node extension host of
 * code-server, through a headless Chromium workbench page. Exit code = mocha's result.
 *
 *   tsx test/host/runIntegration.ts [scenario ...]
 *
 * Scenarios are separate hosts because they need different installed extensions or fresh windows:
 *   main      the stand-in Cline installed and enabled (most suites)
 *   missing   no Cline at all
 *   disabled  the stand-in installed but disabled
 *   multiRoot  a `.code-workspace` with two folders (app: the fixture, lib: empty), no Cline
 *   restricted Workspace Trust on and the folder untrusted (Restricted Mode), no Cline
 *   fresh     the stand-in installed; one new window per case (FRESH_CASES), each with its own
 *             extension host and browser storage, so Cline's view has never been opened in it. The
 *             stand-in plays Cline's `next` or `legacy` build (legacy clears the current task when its
 *             view loads), `clineCompanion.cline.revealView` is on or off, and one way in (startTask, a
 *             template command, the chat's Continue in Cline) starts one task.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { startCodeServer, workbenchUrl, repoRoot, type CodeServer, type CodeServerOptions } from './codeServer';
import { launchChromium } from './chromium';
import { disableExtensionsInPage } from './disabledExtensions';
import { killMarkedProcesses } from './processes';
import { writeLayerStats, type LayerStats } from './stats';

/** One window of the `fresh` scenario (read by test/integration/freshWindow.test.ts). */
export interface FreshCase {
  build: 'next' | 'legacy';
  revealView: boolean;
  entry: 'startTask' | 'template' | 'handoff';
}

const ALL_FRESH_CASES: FreshCase[] = (['next', 'legacy'] as const).flatMap((build) =>
  [true, false].flatMap((revealView) => (['startTask', 'template', 'handoff'] as const).map((entry) => ({ build, revealView, entry }))),
);

/**
 * A window costs about 10 s, so by default: startTask in all four (build, revealView) pairs, and the
 * template and the hand-off in two each, chosen so that each of them also meets both builds and both
 * revealView values. COMPANION_FRESH_ALL=1 runs all twelve.
 */
export const FRESH_CASES: FreshCase[] = process.env.COMPANION_FRESH_ALL
  ? ALL_FRESH_CASES
  : ALL_FRESH_CASES.filter(
      (c) =>
        c.entry === 'startTask' ||
        (c.entry === 'template' && (c.build === 'next') === c.revealView) ||
        (c.entry === 'handoff' && (c.build === 'legacy') === c.revealView),
    );

const SCENARIOS: Record<string, CodeServerOptions & { windows?: FreshCase[] }> = {
  main: {},
  missing: { withStandInCline: false },
  disabled: { disableExtensions: ['saoudrizwan.claude-dev'] },
  fresh: { windows: FRESH_CASES },
  multiRoot: { multiRoot: true, withStandInCline: false },
  restricted: { workspaceTrust: true, withStandInCline: false },
};

const STATS_PREFIX = '__COMPANION_STATS__ ';
/** The workbench's own chatter (connection set-up, the unreachable gallery); COMPANION_VERBOSE=1 shows it. */
const WORKBENCH_NOISE =
  /open-vsx\.org|^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin|^\[Service Worker\]|^ChatSessionStore/;
const testsEntry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');

/**
 * Opens one workbench window (a browser context of its own: fresh storage, its own extension host), runs
 * the suite in it and closes it. Resolves to mocha's counts.
 */
async function runWindow(server: CodeServer, browser: Browser, label: string, timeoutMs: number): Promise<LayerStats> {
  const context = await browser.newContext();
  let stats: LayerStats | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await context.newPage();
    const exited = new Promise<number>((resolve, reject) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      void page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        // The host forwards console calls with their format arguments unapplied.
        const line = format(...(Array.isArray(args) ? args : [args]));
        if (line.startsWith(STATS_PREFIX)) stats = JSON.parse(line.slice(STATS_PREFIX.length));
        else if (process.env.COMPANION_VERBOSE || !WORKBENCH_NOISE.test(line)) process.stdout.write(`${line}\n`);
      });
      timer = setTimeout(() => reject(new Error(`integration scenario "${label}" timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    await disableExtensionsInPage(page, server.disabledExtensions);
    await page.goto(workbenchUrl(server, { extensionTestsPath: testsEntry }));
    const code = await exited;
    if (!stats) stats = { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 };
    if (code !== 0 && stats.failed === 0) stats.failed = 1;
    return stats;
  } finally {
    if (timer) clearTimeout(timer);
    // Closing the window ends its extension host; the next window starts a new one.
    await context.close().catch(() => undefined);
  }
}

function add(total: LayerStats, s: LayerStats): void {
  total.passed += s.passed;
  total.failed += s.failed;
  total.skipped += s.skipped;
}

export async function runIntegrationScenario(scenario: string, timeoutMs = 180_000): Promise<LayerStats> {
  const options = SCENARIOS[scenario];
  if (!options) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(SCENARIOS).join(', ')}`);
  if (!fs.existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`node esbuild.js --tests\` first`);
  // The fresh windows learn their case from this file, rewritten before each window opens.
  const caseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'companion-case-'));
  const caseFile = path.join(caseDir, 'fresh-case.json');
  const server = await startCodeServer({
    ...options,
    env: { ...options.env, COMPANION_TEST_SCENARIO: scenario, COMPANION_FRESH_CASE_FILE: caseFile },
  });
  const { browser, cleanup } = await launchChromium();
  try {
    if (!options.windows) return await runWindow(server, browser, scenario, timeoutMs);
    const total: LayerStats = { passed: 0, failed: 0, skipped: 0 };
    for (const c of options.windows) {
      const label = `${scenario}: ${c.build} build, revealView ${c.revealView ? 'on' : 'off'}, ${c.entry}`;
      console.log(`-- ${label}`);
      fs.writeFileSync(caseFile, JSON.stringify(c));
      // The stand-in reads its build from its behaviour file when its view resolves.
      fs.writeFileSync(server.standInBehaviour, JSON.stringify({ build: c.build }));
      try {
        add(total, await runWindow(server, browser, label, timeoutMs));
      } catch (err) {
        console.error(String((err as Error).stack ?? err));
        total.failed += 1;
      }
    }
    return total;
  } finally {
    await cleanup();
    await server.stop();
    fs.rmSync(caseDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const scenarios = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SCENARIOS);
  const total: LayerStats = { passed: 0, failed: 0, skipped: 0 };
  for (const scenario of scenarios) {
    console.log(`\n== integration: ${scenario} ==`);
    try {
      add(total, await runIntegrationScenario(scenario));
    } catch (err) {
      console.error(String((err as Error).stack ?? err));
      total.failed += 1;
    }
  }
  writeLayerStats(total);
  process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
}

if (require.main === module) {
  main().finally(() => killMarkedProcesses());
}
