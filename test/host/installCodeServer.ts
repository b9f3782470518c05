/**
 * Installs code-server (a real VS Code server with a real Node extension host) into a git-ignored
 * cache folder, offline-friendly. It is deliberately NOT an npm dependency of the project: its own
 * postinstall downloads ripgrep from GitHub, which this kind of machine cannot reach.
 * The steps follow ../shared/notes/real-vscode-host.md. Later runs reuse the cache.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const repoRoot = path.resolve(__dirname, '..', '..');
export const cacheDir = path.join(repoRoot, '.cache', `code-server-${CODE_SERVER_VERSION}`);
export const codeServerDir = path.join(cacheDir, 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'out', 'node', 'entry.js');
const doneMarker = path.join(cacheDir, '.installed');

function which(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, bin);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function run(cmd: string, args: string[], cwd: string): void {
  console.log(`[code-server] ${cmd} ${args.join(' ')}  (in ${path.relative(repoRoot, cwd) || '.'})`);
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    // node-pty's build runs `npx node-gyp`; this machine's ~/.npmrc says yes=false.
    env: {
      ...process.env,
      npm_config_yes: 'true',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
    },
  });
}

function symlink(target: string, linkPath: string): void {
  try {
    fs.unlinkSync(linkPath);
  } catch {
    /* not there yet */
  }
  fs.symlinkSync(target, linkPath);
}

export function ensureCodeServer(): string {
  if (fs.existsSync(doneMarker) && fs.existsSync(codeServerEntry)) return codeServerEntry;
  const rg = which('rg');
  if (!rg) {
    throw new Error('ripgrep is required to install code-server offline: apt-get install ripgrep (Debian package "ripgrep").');
  }
  const started = Date.now();
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(path.join(cacheDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  // 1. The package without its scripts (its postinstall downloads from GitHub), then the one native
  //    module the server itself needs.
  run('npm', ['i', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-save', '--no-package-lock'], cacheDir);
  run('npm', ['rebuild', 'argon2'], cacheDir);
  const vscodeDir = path.join(codeServerDir, 'lib', 'vscode');
  // 2. VS Code's own runtime dependencies, again without scripts.
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], vscodeDir);
  // 3. Debian's rg where @vscode/ripgrep expects it, so its postinstall has nothing to download.
  const rgBinDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBinDir, { recursive: true });
  fs.copyFileSync(rg, path.join(rgBinDir, 'rg'));
  fs.chmodSync(path.join(rgBinDir, 'rg'), 0o755);
  // 4. Native modules (node-pty, spdlog, kerberos, ...). kerberos needs libkrb5-dev.
  run('npm', ['rebuild'], vscodeDir);
  // 5-6. Layout the server expects from a packaged build.
  symlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  symlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  // 7. Built-in extensions' dependencies (TypeScript language features and friends).
  run('npm', ['install', '--omit=dev', '--no-package-lock'], path.join(vscodeDir, 'extensions'));
  fs.writeFileSync(doneMarker, new Date().toISOString());
  console.log(`[code-server] installed ${CODE_SERVER_VERSION} in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerEntry;
}

if (require.main === module) {
  try {
    console.log(ensureCodeServer());
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(1);
  }
}
