/** Packs the stand-in Cline extension (test/fixtures/standInCline) into a VSIX, once per change. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const repoRoot = path.resolve(__dirname, '..', '..');
const source = path.join(repoRoot, 'test', 'fixtures', 'standInCline');
const outDir = path.join(repoRoot, 'out', 'fixtures');
const vsix = path.join(outDir, 'saoudrizwan.claude-dev-standin.vsix');

function newestMtime(dir: string): number {
  return Math.max(...fs.readdirSync(dir, { recursive: true }).map((f) => fs.statSync(path.join(dir, String(f))).mtimeMs));
}

export function standInClineVsix(): string {
  if (fs.existsSync(vsix) && fs.statSync(vsix).mtimeMs >= newestMtime(source)) return vsix;
  fs.mkdirSync(outDir, { recursive: true });
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], {
    cwd: source,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return vsix;
}
