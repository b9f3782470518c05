/**
 * One typed reader for the `clineCompanion.*` settings. Each capability declares the keys it reads
 * here, next to their defaults (which mirror package.json), so there is one place to look.
 */
import * as vscode from 'vscode';

export const SECTION = 'clineCompanion';

/** Reads one setting of ours, falling back to `fallback` when it is unset or of the wrong type. */
export function setting<T>(key: string, fallback: T, scope?: vscode.ConfigurationScope): T {
  const value = vscode.workspace.getConfiguration(SECTION, scope).get<unknown>(key);
  if (value === undefined || value === null) return fallback;
  if (Array.isArray(fallback) ? !Array.isArray(value) : typeof value !== typeof fallback) return fallback;
  return value as T;
}

/** Fires `listener` when any setting under `clineCompanion.<prefix>` changes. */
export function onSettingsChange(prefix: string, listener: () => void): vscode.Disposable {
  const key = prefix ? `${SECTION}.${prefix}` : SECTION;
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(key)) listener();
  });
}
