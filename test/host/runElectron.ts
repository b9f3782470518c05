/**
 * `npm run test:electron`: the same integration suite through @vscode/test-electron, for an online
 * desktop (it downloads VS Code, which this project's CI machines cannot). The stand-in Cline is
 * installed into a throw-away extensions folder first, as in the code-server runner.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { standInClineVsix } from './standInCline';

const repoRoot = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'companion-electron-'));
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const vscodeExecutablePath = await downloadAndUnzipVSCode('1.100.3');
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
  const installed = spawnSync(cli, [...cliArgs, '--extensions-dir', extensionsDir, '--install-extension', standInClineVsix()], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (installed.status !== 0) throw new Error('installing the stand-in Cline failed');
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--extensions-dir', extensionsDir, '--disable-workspace-trust'],
      extensionTestsEnv: { COMPANION_TEST_SCENARIO: 'main' },
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
