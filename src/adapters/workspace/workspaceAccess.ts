/**
 * The workspace as the read-only tools see it (core/tools' `WorkspaceAccess`), backed by VS Code: the folders,
 * a filter per folder, the diagnostics and symbols VS Code knows, the ripgrep VS Code ships, and whether tools
 * may run at all (a trusted workspace and `chat.tools.enabled`, checked on every call, not only in the view).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { LensSymbol } from '../../core/scanners/symbolLenses';
import type { ProblemInfo } from '../../core/tools/problems';
import { ripgrepCandidates } from '../../core/tools/ripgrep';
import type { SymbolInfo } from '../../core/tools/symbols';
import type { WorkspaceRoot } from '../../core/tools/workspacePaths';
import type { WorkspaceAccess } from '../../core/tools/workspaceTools';
import { nodeWalkFs } from '../../core/tools/workspaceWalk';
import { documentSymbols } from '../editor/documentSymbols';
import { diagnostics } from './diagnostics';
import type { FileFilters } from './fileFilters';
import { workspaceState } from './workspaceState';
import { workspaceRoots } from './workspaceRoots';

function toSymbolInfo(s: LensSymbol): SymbolInfo {
  return {
    kind: (vscode.SymbolKind[s.kind] ?? 'symbol').toLowerCase(),
    name: s.name,
    startLine: s.range.startLine + 1,
    endLine: s.range.endLine + 1,
    ...(s.children ? { children: s.children.map(toSymbolInfo) } : {}),
  };
}

/** The file's outline from its language's symbol provider (both shapes a provider may return). */
async function symbols(absolutePath: string): Promise<SymbolInfo[]> {
  return (await documentSymbols(vscode.Uri.file(absolutePath))).map(toSymbolInfo);
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The ripgrep VS Code ships (`vscode.env.appRoot`), or undefined (search_text then scans more slowly and says
 * so). A few stat calls, once per window: VS Code's install does not change under a running window.
 */
let ripgrep: { path: string | undefined } | undefined;
function ripgrepPath(): string | undefined {
  ripgrep ??= { path: vscode.env.appRoot ? ripgrepCandidates(vscode.env.appRoot).find(isExecutableFile) : undefined };
  return ripgrep.path;
}

/** Node's file system, as much of it as confinement, the walk and read_file use. */
const toolFs: WorkspaceAccess['fs'] = { ...nodeWalkFs, lstat: (p) => lstat(p), readFile: (p) => readFile(p) };

export class VscodeWorkspaceAccess implements WorkspaceAccess {
  readonly fs = toolFs;

  constructor(private readonly filters: FileFilters) {}

  roots(): WorkspaceRoot[] {
    return workspaceRoots();
  }

  filterFor(root: WorkspaceRoot) {
    return this.filters.filterFor(root);
  }

  diagnostics(absolutePath?: string): ProblemInfo[] {
    return diagnostics(absolutePath);
  }

  symbols(absolutePath: string): Promise<SymbolInfo[]> {
    return symbols(absolutePath);
  }

  ripgrepPath(): string | undefined {
    return ripgrepPath();
  }

  /** Trusted and `chat.tools.enabled`: read on every call, so Restricted Mode and the setting apply at once. */
  enabled(): boolean {
    return workspaceState().tools;
  }
}
