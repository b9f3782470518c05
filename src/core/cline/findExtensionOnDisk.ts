/**
 * Telling "Cline is disabled" from "Cline is not installed".
 *
 * VS Code has no API for disabled extensions: a disabled extension is simply absent from
 * `vscode.extensions.all`, exactly like one that was never installed. It does stay on disk, though, as a
 * `<publisher>.<name>-<version>` folder in the extensions folder, and VS Code does not tell extensions where
 * that folder is. So we look where it usually is:
 *  - beside every installed, non built-in extension we can see (they all share one folder);
 *  - `$VSCODE_EXTENSIONS`, which the CLI and portable installs use to move it;
 *  - the default folders of VS Code, Insiders, VSCodium, Cursor, Windsurf and code-server;
 *  - for a VS Code Server (Remote SSH/WSL/containers, code-server), `<server data>/../extensions`, found
 *    from our own global storage path (`<server data>/User/globalStorage/<our id>`).
 * A folder that `.obsolete` marks for removal (an uninstall waiting for a restart) does not count, and when
 * the folder has an `extensions.json` (VS Code's list of what is installed) the id must be in it.
 *
 * This only runs on the failure path (Cline not found when a command needs it), so its file reads never
 * cost anything in normal use. No `vscode` import: it is plain Node and unit-tested with temp folders.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export interface ExtensionDirHints {
  /** `extensionPath` of installed extensions that are not built in. */
  installedExtensionPaths: readonly string[];
  /** Our own `globalStorageUri.fsPath`. */
  globalStoragePath?: string;
  homeDir?: string;
  /** `process.env.VSCODE_EXTENSIONS`. */
  envExtensionsDir?: string;
}

/** Default extension folders, relative to the home folder, of the common VS Code builds. */
const HOME_EXTENSION_DIRS = [
  '.vscode/extensions',
  '.vscode-insiders/extensions',
  '.vscode-oss/extensions',
  '.vscode-server/extensions',
  '.vscode-server-insiders/extensions',
  '.cursor/extensions',
  '.cursor-server/extensions',
  '.windsurf/extensions',
  '.local/share/code-server/extensions',
];

/** The folders worth looking in, most likely first, without duplicates. */
export function candidateExtensionDirs(hints: ExtensionDirHints): string[] {
  const dirs: string[] = [];
  for (const p of hints.installedExtensionPaths) dirs.push(path.dirname(p));
  if (hints.envExtensionsDir) dirs.push(hints.envExtensionsDir);
  if (hints.globalStoragePath) {
    // <data>/User/globalStorage/<id> → <data>: code-server keeps `extensions` inside it, a VS Code Server beside it.
    const dataDir = path.resolve(hints.globalStoragePath, '..', '..', '..');
    dirs.push(path.join(dataDir, 'extensions'), path.join(path.dirname(dataDir), 'extensions'));
  }
  if (hints.homeDir) for (const rel of HOME_EXTENSION_DIRS) dirs.push(path.join(hints.homeDir, rel));
  return [...new Set(dirs.map((d) => path.resolve(d)))];
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Does `extensions.json` (when present) list `id`? Undefined when there is no readable list. */
async function listedAsInstalled(dir: string, id: string): Promise<boolean | undefined> {
  const list = await readJson(path.join(dir, 'extensions.json'));
  if (!Array.isArray(list)) return undefined;
  const wanted = id.toLowerCase();
  return list.some((entry: unknown) => {
    const ident = (entry as { identifier?: { id?: unknown } } | null)?.identifier?.id;
    return typeof ident === 'string' && ident.toLowerCase() === wanted;
  });
}

/**
 * The folder of extension `id` in one of `dirs`, or undefined. Matching is case-insensitive, as VS Code's
 * ids are; the version suffix may carry a platform (`-linux-x64`).
 */
export async function findExtensionOnDisk(id: string, dirs: readonly string[]): Promise<string | undefined> {
  const prefix = `${id.toLowerCase()}-`;
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = await fs.readdir(dir);
    } catch {
      continue; // no such folder here
    }
    const candidates = entries.filter((e) => e.toLowerCase().startsWith(prefix) && /^\d/.test(e.slice(prefix.length)));
    if (candidates.length === 0) continue;
    const obsolete = (await readJson(path.join(dir, '.obsolete'))) as Record<string, unknown> | undefined;
    const live = candidates.filter((c) => !(obsolete && typeof obsolete === 'object' && obsolete[c] === true));
    if (live.length === 0) continue;
    if ((await listedAsInstalled(dir, id)) === false) continue;
    for (const c of live) {
      try {
        if ((await fs.stat(path.join(dir, c, 'package.json'))).isFile()) return path.join(dir, c);
      } catch {
        // a half-removed folder
      }
    }
  }
  return undefined;
}
