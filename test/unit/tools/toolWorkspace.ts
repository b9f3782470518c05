/**
 * A throw-away workspace on disk for the tool tests, with everything a tool must NOT show: a .gitignore'd
 * file and folder, a .clineignore'd file and folder, protected files (.env, a private key, .git/), a binary
 * file, links to a file and a folder outside the workspace, and links inside to a source file, to the .env
 * and to a .clineignore'd file.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SETTING_DEFAULTS } from '../../../src/core/settingDefaults';
import { FileFilter } from '../../../src/core/tools/fileFilter';
import type { WorkspaceAccess } from '../../../src/core/tools/workspaceTools';
import type { WorkspaceRoot } from '../../../src/core/tools/workspacePaths';
import { nodePathFs } from '../../../src/core/tools/workspacePaths';
import { nodeWalkFs } from '../../../src/core/tools/workspaceWalk';

/** Every file of the workspace with "needle" in it that a search may find. */
export const VISIBLE_FILES: Record<string, string> = {
  'src/app.ts': 'import x from "y";\nconst needle = 1;\nexport default needle;\n// end\n',
  'src/util/strings.ts': 'line one\nline two\nA Needle in capitals\nline four\n',
  'docs/readme.md': '# Readme\n\nFind the needle here.\r\nAnd nothing here.\r\n',
  '.github/workflows/ci.yml': 'name: needle-ci\n',
};

/** Files with "needle" that no listing or search may ever show. */
export const HIDDEN_FILES: Record<string, string> = {
  'ignored.log': 'needle in a gitignored file\n',
  'build/out.js': 'needle in a gitignored folder\n',
  'private/notes.txt': 'needle in a clineignored folder\n',
  'secret-plan.md': 'needle in a clineignored file\n',
  '.env': 'NEEDLE_KEY=needle-secret\n',
  'config/.env.local': 'needle=local-secret\n',
  'keys/server.pem': '-----BEGIN PRIVATE KEY----- needle\n',
  '.git/config': '[core] needle\n',
  'node_modules/lib/index.js': 'needle in node_modules\n',
};

export interface ToolWorkspace {
  base: string;
  root: WorkspaceRoot;
  outside: string;
  filter: FileFilter;
  access(overrides?: Partial<WorkspaceAccess>): WorkspaceAccess;
  remove(): Promise<void>;
}

export const GITIGNORE = '*.log\nbuild/\n';
export const CLINEIGNORE = 'private/\nsecret-plan.md\n';

export function filterOf(gitignore = GITIGNORE, clineignore = CLINEIGNORE): FileFilter {
  return new FileFilter({
    gitignore,
    clineignore,
    excludeGlobs: ['**/.git', '**/node_modules'],
    protectedPatterns: SETTING_DEFAULTS['chat.tools.protectedFiles'],
  });
}

export async function createToolWorkspace(name = 'ws'): Promise<ToolWorkspace> {
  const base = await mkdtemp(join(tmpdir(), 'companion-tools-'));
  const folder = join(base, name);
  const outside = join(base, 'outside');
  const write = async (path: string, content: string | Buffer) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  };
  for (const [rel, text] of Object.entries({ ...VISIBLE_FILES, ...HIDDEN_FILES })) await write(join(folder, rel), text);
  await write(join(folder, '.gitignore'), GITIGNORE);
  await write(join(folder, '.clineignore'), CLINEIGNORE);
  await write(join(folder, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, ...Buffer.from('needle')]));
  await write(join(outside, 'secret.txt'), 'needle outside the workspace\n');
  await symlink(join(outside, 'secret.txt'), join(folder, 'link-out.txt'));
  await symlink(outside, join(folder, 'link-dir'));
  // Links that stay inside: searches do not follow them (ripgrep runs with --no-follow); reads check the target.
  await symlink(join(folder, 'src/app.ts'), join(folder, 'src/alias.ts'));
  await symlink(join(folder, '.env'), join(folder, 'notes.txt'));
  await symlink(join(folder, 'private/notes.txt'), join(folder, 'public-notes.txt'));
  const root = { name, fsPath: folder };
  const filter = filterOf();
  return {
    base,
    root,
    outside,
    filter,
    access: (overrides = {}) => ({
      roots: () => [root],
      filterFor: async () => filter,
      diagnostics: () => [],
      symbols: async () => undefined,
      ripgrepPath: () => undefined,
      enabled: () => true,
      fs: { ...nodePathFs, ...nodeWalkFs, readFile: (p: string) => readFile(p), stat: (p: string) => stat(p) },
      ...overrides,
    }),
    remove: () => rm(base, { recursive: true, force: true }),
  };
}

/** The ripgrep binaries on this machine: the system's and the one code-server (VS Code 1.100) ships. */
export function ripgrepBinaries(): string[] {
  const codeServer = join(
    __dirname,
    '../../../.cache/code-server-4.100.3/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  );
  return ['/usr/bin/rg', codeServer].filter((p) => existsSync(p));
}
