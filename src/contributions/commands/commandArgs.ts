/**
 * Arguments of commands run from code (other extensions, keybindings, tests, menus), checked rather than
 * trusted: a wrong argument falls back to the UI instead of crashing.
 *  - a resource: a `vscode.Uri`, or a string (a URI such as `file:///…`, or an absolute path);
 *  - a range: a `vscode.Range`/`Selection`, a `{start:{line,character}, end:{…}}` object, or a 0-based line number.
 */
import * as vscode from 'vscode';

export function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg !== '') {
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) return vscode.Uri.parse(arg);
    return vscode.Uri.file(arg);
  }
  // Uris that crossed an extension-host boundary arrive as plain objects.
  if (
    arg &&
    typeof arg === 'object' &&
    typeof (arg as { scheme?: unknown }).scheme === 'string' &&
    typeof (arg as { path?: unknown }).path === 'string'
  ) {
    return vscode.Uri.from(arg as { scheme: string; path: string });
  }
  return undefined;
}

export function toUris(arg: unknown): vscode.Uri[] | undefined {
  if (!Array.isArray(arg)) return undefined;
  const uris = arg.map(toUri);
  return uris.every((u): u is vscode.Uri => u !== undefined) ? uris : undefined;
}

function toPosition(arg: unknown): vscode.Position | undefined {
  if (arg instanceof vscode.Position) return arg;
  const p = arg as { line?: unknown; character?: unknown } | null;
  if (p && typeof p === 'object' && Number.isInteger(p.line) && (p.line as number) >= 0) {
    return new vscode.Position(p.line as number, Number.isInteger(p.character) ? Math.max(0, p.character as number) : 0);
  }
  return undefined;
}

export function toRange(arg: unknown): vscode.Range | undefined {
  if (arg instanceof vscode.Range) return arg;
  if (typeof arg === 'number' && Number.isInteger(arg) && arg >= 0) return new vscode.Range(arg, 0, arg, 0);
  if (arg && typeof arg === 'object') {
    const start = toPosition((arg as { start?: unknown }).start);
    const end = toPosition((arg as { end?: unknown }).end);
    if (start && end) return new vscode.Range(start, end);
  }
  return undefined;
}

export function toText(arg: unknown): string | undefined {
  return typeof arg === 'string' && arg.trim() !== '' ? arg : undefined;
}

/** `arg` when it is a plain object (an options bag), else {}. */
export function toOptions<T extends object>(arg: unknown): Partial<T> {
  return arg && typeof arg === 'object' && !Array.isArray(arg) && !(arg instanceof vscode.Uri) && !(arg instanceof vscode.Range)
    ? (arg as Partial<T>)
    : {};
}
