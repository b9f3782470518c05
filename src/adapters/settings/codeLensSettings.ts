/**
 * The code lens settings as one typed snapshot. Read on every lens request (a few map lookups), so a
 * change applies at once; the provider is re-registered only when the language list changes.
 */
import * as vscode from 'vscode';
import { setting } from './config';
import { DEFAULT_TODO_TAGS } from '../../core/scanners/todoScanner';

/**
 * Lenses are OFF by default. Lens clutter is the most common complaint about assistant extensions
 * (see the README): Continue and Copilot ship their action lenses off, and the only general escape
 * (`editor.codeLens: false`) kills every extension's lenses. Turning ours on is one click: the status
 * bar menu, the editor context menu or "Cline Companion: Toggle Code Lenses".
 */
export const CODE_LENS_ENABLED_DEFAULT = false;

export const DEFAULT_LENS_LANGUAGES: readonly string[] = [
  'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'java', 'go', 'rust', 'c', 'cpp',
  'csharp', 'php', 'ruby', 'kotlin', 'swift', 'scala', 'dart', 'lua', 'shellscript', 'powershell', 'r', 'julia',
  'elixir', 'haskell', 'fsharp', 'vue', 'svelte', 'objective-c', 'objective-cpp', 'perl', 'groovy', 'clojure', 'zig',
];

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
    enabled: setting('codeLens.enabled', CODE_LENS_ENABLED_DEFAULT, scope),
    languages: setting('codeLens.languages', [...DEFAULT_LENS_LANGUAGES], scope),
    excludeLanguages: setting<string[]>('codeLens.excludeLanguages', [], scope),
    symbolKinds: setting('codeLens.symbolKinds', ['function', 'method', 'constructor', 'class'], scope),
    actions: setting('codeLens.actions', ['explain', 'writeTests', 'refactor'], scope),
    minLines: setting('codeLens.minLines', 3, scope),
    maxPerFile: setting('codeLens.maxPerFile', 200, scope),
    maxFileSizeBytes: setting('codeLens.maxFileSizeKB', 512, scope) * 1024,
    todoEnabled: setting('codeLens.todo.enabled', true, scope),
    todoTags: setting('codeLens.todo.tags', [...DEFAULT_TODO_TAGS], scope).filter((t) => typeof t === 'string' && t.trim() !== ''),
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
