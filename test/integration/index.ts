/**
 * Entry point loaded by the real extension host (extensionTestsPath). Runs mocha there and prints
 * one machine-readable stats line for the runner outside (test/host/runIntegration.ts).
 * The suites are bundled into this file; which ones run depends on the host's scenario
 * (COMPANION_TEST_SCENARIO: main | missing | disabled | fresh | multiRoot | restricted).
 */
import Mocha from 'mocha';

export function run(): Promise<void> {
  const scenario = process.env.COMPANION_TEST_SCENARIO ?? 'main';
  // COMPANION_TEST_GREP runs only the matching tests (a developer's shortcut; CI never sets it).
  const grep = process.env.COMPANION_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  // Install describe/it before the suites' modules evaluate (they are lazy requires below).
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  if (scenario === 'main') require('./suites/main');
  else if (scenario === 'missing') require('./suites/missing');
  else if (scenario === 'disabled') require('./suites/disabled');
  else if (scenario === 'fresh') require('./suites/fresh');
  else if (scenario === 'multiRoot') require('./suites/multiRoot');
  else if (scenario === 'restricted') require('./suites/restricted');
  else throw new Error(`unknown scenario ${scenario}`);

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(`__COMPANION_STATS__ ${JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending })}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
