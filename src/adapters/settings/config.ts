/**
 * One typed reader for the `clineCompanion.*` settings. The defaults come only from
 * src/core/settingDefaults.ts (checked against package.json by a unit test); each capability has its own
 * module of readers next to this one.
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION, settingValue, type SettingKey, type SettingValues } from '../../core/settingDefaults';

export const SECTION = SETTINGS_SECTION;

/** Reads one setting of ours; its default when it is unset or of the wrong type. */
export function setting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValues[K] {
  return settingValue(key, vscode.workspace.getConfiguration(SECTION, scope).get<unknown>(key));
}

/** Fires `listener` when any setting under `clineCompanion.<prefix>` changes. */
export function onSettingsChange(prefix: string, listener: () => void): vscode.Disposable {
  const key = prefix ? `${SECTION}.${prefix}` : SECTION;
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(key)) listener();
  });
}
