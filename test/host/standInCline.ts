/** Packs the stand-in Cline extension (test/fixtures/standInCline), or another fixture extension, into a VSIX, once per change. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const repoRoot = path.resolve(__dirname, '..', '..');
const outDir = path.join(repoRoot, 'out', 'fixtures');

function newestMtime(dir: string): number {
  return Math.max(...fs.readdirSync(dir, { recursive: true }).map((f) => fs.statSync(path.join(dir, String(f))).mtimeMs));
}

export function standInClineVsix(): string {
  return fixtureVsix('standInCline', 'saoudrizwan.claude-dev-standin.vsix');
}

/** The VSIX of the extension in test/fixtures/<folder>, packed again when a file of it changed. */
export function fixtureVsix(folder: string, fileName: string): string {
  const source = path.join(repoRoot, 'test', 'fixtures', folder);
  const vsix = path.join(outDir, fileName);
  if (fs.existsSync(vsix) && fs.statSync(vsix).mtimeMs >= newestMtime(source)) return vsix;
  fs.mkdirSync(outDir, { recursive: true });
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], {
    cwd: source,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return vsix;
}
