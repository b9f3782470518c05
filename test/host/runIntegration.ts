/**
 * Runs the integration suite (out/test/integration/index.js) inside the real Node extension host of
 * code-server, through a headless Chromium workbench page. Exit code = mocha's result.
 *
 *   tsx test/host/runIntegration.ts [scenario]
 *
 * Scenarios are separate hosts because they need different installed extensions:
 *   main      the stand-in Cline installed and enabled (most suites)
 *   missing   no Cline at all
 *   disabled  the stand-in installed but disabled
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { startCodeServer, workbenchUrl, repoRoot, type CodeServerOptions } from './codeServer';
import { launchChromium } from './chromium';
import { disableExtensionsInPage } from './disabledExtensions';
import { killMarkedProcesses } from './processes';
import { writeLayerStats, type LayerStats } from './stats';

const SCENARIOS: Record<string, CodeServerOptions> = {
  main: {},
  missing: { withStandInCline: false },
  disabled: { disableExtensions: ['saoudrizwan.claude-dev'] },
};

const STATS_PREFIX = '__COMPANION_STATS__ ';
/** The workbench's own chatter (connection set-up, the unreachable gallery); COMPANION_VERBOSE=1 shows it. */
const WORKBENCH_NOISE = /open-vsx\.org|^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin|^\[Service Worker\]|^ChatSessionStore/;
const testsEntry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');

export async function runIntegrationScenario(scenario: string, timeoutMs = 180_000): Promise<LayerStats> {
  const options = SCENARIOS[scenario];
  if (!options) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(SCENARIOS).join(', ')}`);
  if (!fs.existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`node esbuild.js --tests\` first`);
  const server = await startCodeServer({ ...options, env: { COMPANION_TEST_SCENARIO: scenario } });
  const { browser, cleanup } = await launchChromium();
  let stats: LayerStats | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await browser.newPage();
    const exited = new Promise<number>((resolve, reject) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      void page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        // The host forwards console calls with their format arguments unapplied.
        const line = format(...(Array.isArray(args) ? args : [args]));
        if (line.startsWith(STATS_PREFIX)) stats = JSON.parse(line.slice(STATS_PREFIX.length));
        else if (process.env.COMPANION_VERBOSE || !WORKBENCH_NOISE.test(line)) process.stdout.write(`${line}\n`);
      });
      timer = setTimeout(() => reject(new Error(`integration scenario "${scenario}" timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    await disableExtensionsInPage(page, server.disabledExtensions);
    await page.goto(workbenchUrl(server, { extensionTestsPath: testsEntry }));
    const code = await exited;
    if (!stats) stats = { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 };
    if (code !== 0 && stats.failed === 0) stats.failed = 1;
    return stats;
  } finally {
    if (timer) clearTimeout(timer);
    await cleanup();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const scenarios = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SCENARIOS);
  const total: LayerStats = { passed: 0, failed: 0, skipped: 0 };
  for (const scenario of scenarios) {
    console.log(`\n== integration: ${scenario} ==`);
    try {
      const s = await runIntegrationScenario(scenario);
      total.passed += s.passed;
      total.failed += s.failed;
      total.skipped += s.skipped;
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
