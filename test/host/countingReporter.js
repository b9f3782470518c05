// A mocha reporter that prints like "spec" and also writes the counts for test/run.ts.
const Mocha = require('mocha');
const fs = require('fs');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.COMPANION_STATS_FILE;
      const s = runner.stats || {};
      if (file) fs.writeFileSync(file, JSON.stringify({ passed: s.passes || 0, failed: s.failures || 0, skipped: s.pending || 0 }));
    });
  }
}
module.exports = CountingReporter;
