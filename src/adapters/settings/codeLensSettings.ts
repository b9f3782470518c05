/**
 * The code lens settings as one typed snapshot. Read on every lens request (a few map lookups), so a
 * change applies at once; the provider is re-registered only when the language list changes.
 */
import * as vscode from 'vscode';
import { setting } from './config';

export interface CodeLensSettings {
  enabled: boolean;
  /** Language ids; `*` means every language. */
  languages: string[];
  excludeLanguages: string[];
  symbolKinds: string[];
  /** Template ids, in display order. */
  actions: string[];
  minLines: number;
  maxPerFile: number;
  maxFileSizeBytes: number;
  todoEnabled: boolean;
  todoTags: string[];
}

export function readCodeLensSettings(scope?: vscode.ConfigurationScope): CodeLensSettings {
  return {
    enabled: setting('codeLens.enabled', scope),
    languages: setting('codeLens.languages', scope),
    excludeLanguages: setting('codeLens.excludeLanguages', scope),
    symbolKinds: setting('codeLens.symbolKinds', scope),
    actions: setting('codeLens.actions', scope),
    minLines: setting('codeLens.minLines', scope),
    maxPerFile: setting('codeLens.maxPerFile', scope),
    maxFileSizeBytes: setting('codeLens.maxFileSizeKB', scope) * 1024,
    todoEnabled: setting('codeLens.todo.enabled', scope),
    todoTags: setting('codeLens.todo.tags', scope).filter((t) => typeof t === 'string' && t.trim() !== ''),
  };
}

/** Whether lenses may appear in a document of `languageId` at all. */
export function lensLanguageAllowed(settings: Pick<CodeLensSettings, 'languages' | 'excludeLanguages'>, languageId: string): boolean {
  if (settings.excludeLanguages.includes(languageId)) return false;
  return settings.languages.includes('*') || settings.languages.includes(languageId);
}

/** The selector the provider is registered for: the allow-list, never `*` unless the user asked for it. */
export function lensDocumentSelector(settings: Pick<CodeLensSettings, 'languages'>): vscode.DocumentSelector {
  const schemes = ['file', 'untitled'];
  if (settings.languages.includes('*')) return schemes.map((scheme) => ({ scheme }));
  return settings.languages.flatMap((language) => schemes.map((scheme) => ({ language, scheme })));
}
