/**
 * What reading `@` mentions needs from VS Code (core/chat/mentionContent's `MentionReaders`): trust, the
 * folders and their filters, the real file system through the tools' confinement, the editor's selection, the
 * diagnostics and the Git changes. Built per message, with the filters of every folder loaded first (the core
 * asks about them synchronously).
 */
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { FileVisibility, MentionReaders } from '../../core/chat/mentionContent';
import type { FileFilter } from '../../core/tools/fileFilter';
import { displayPath, nodePathFs, resolveWorkspacePath, type WorkspaceRoot } from '../../core/tools/workspacePaths';
import { nodeWalkFs, walkWorkspace } from '../../core/tools/workspaceWalk';
import { chipFromEditor } from '../editor/editorChip';
import type { FileFilters } from './fileFilters';
import { readWorkingTreeChanges } from './gitChanges';
import { diagnostics } from './diagnostics';
import { workspaceRoots } from './workspaceRoots';

async function readPrefix(file: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(0, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function visibilityIn(filter: FileFilter | undefined, relative: string, isDirectory: boolean): FileVisibility {
  // A folder we have no filter for is not one of the workspace's: hidden, to fail closed.
  if (!filter || filter.isClineIgnored(relative, isDirectory)) return 'ignored';
  return filter.isProtected(relative) ? 'protected' : 'visible';
}

export async function mentionReaders(filters: FileFilters): Promise<MentionReaders> {
  const roots = workspaceRoots();
  const loaded = new Map<string, FileFilter>();
  // In Restricted Mode nothing of the workspace is read, not even its ignore files (the core refuses every path).
  if (vscode.workspace.isTrusted) await Promise.all(roots.map(async (root) => loaded.set(root.fsPath, await filters.filterFor(root))));
  const filterOf = (root: WorkspaceRoot) => loaded.get(root.fsPath);
  return {
    trusted: () => vscode.workspace.isTrusted,
    roots: () => roots,
    resolve: (path) => resolveWorkspacePath(path, roots, nodePathFs),
    visibility: (root, relative, isDirectory) => visibilityIn(filterOf(root), relative, isDirectory),
    stat: async (path) => {
      const stats = await nodeWalkFs.stat(path);
      return { isFile: stats.isFile(), isDirectory: stats.isDirectory(), size: stats.size };
    },
    readPrefix,
    list: async (root, relative, limit) => {
      const filter = filterOf(root);
      if (!filter) return { entries: [], truncated: false };
      const entries: string[] = [];
      for await (const entry of walkWorkspace(root, filter, nodeWalkFs, { start: relative, maxEntries: limit + 1 })) {
        const shown = displayPath({ root, relative: entry.relative }, roots);
        entries.push(entry.isDir ? `${shown}/` : shown);
      }
      return { entries: entries.slice(0, limit), truncated: entries.length > limit };
    },
    selection: async () => {
      const chip = await chipFromEditor();
      return chip && { label: chip.label, languageId: chip.language, text: chip.code };
    },
    activeFile: () => {
      const uri = vscode.window.activeTextEditor?.document.uri;
      return uri?.scheme === 'file' ? uri.fsPath : undefined;
    },
    problems: (absolutePath) => diagnostics(absolutePath),
    changes: async () => {
      const read = await readWorkingTreeChanges();
      return read.ok ? read : { ok: false, message: read.message };
    },
  };
}
