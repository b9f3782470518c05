/**
 * Every `clineCompanion.*` setting's default, written once for the code.
 *
 * Why a pure module and not the manifest's defaults read at run time (`getConfiguration().inspect(key)
 * .defaultValue`): the pure cores need some of these values without VS Code (the chat's model when the
 * configured one cannot be sent, the TODO scanner's tags, the Cline base URL), unit tests run without a VS Code
 * host, and a typed table lets the compiler check every reader. package.json cannot import it, so
 * test/unit/settings/settingDefaults.test.ts checks that both say the same for every setting, both ways.
 * The readers in src/adapters/settings/ take their fallbacks only from here (`setting(key)` has no fallback
 * argument), so no second copy can drift.
 */
import { CLINE_BASE_URL } from './chat/models';

/** The configuration section: every key below is `clineCompanion.<key>` in settings.json and package.json. */
export const SETTINGS_SECTION = 'clineCompanion';

export interface SettingValues {
  'cline.timeoutSeconds': number;
  'cline.revealView': boolean;
  'cline.historySize': number;
  'cline.maxInlineKB': number;
  'images.maxSizeMB': number;
  /** Raw user templates; src/core/prompts/userTemplates.ts validates them. */
  prompts: unknown[];
  'statusBar.enabled': boolean;
  'codeLens.enabled': boolean;
  'codeLens.languages': string[];
  'codeLens.excludeLanguages': string[];
  'codeLens.actions': string[];
  'codeLens.symbolKinds': string[];
  'codeLens.minLines': number;
  'codeLens.maxPerFile': number;
  'codeLens.maxFileSizeKB': number;
  'codeLens.todo.enabled': boolean;
  'codeLens.todo.tags': string[];
  'codeActions.enabled': boolean;
  'codeActions.showAll': boolean;
  'tasks.notifyOnComplete': 'always' | 'whenUnfocused' | 'never';
  'tasks.notifyWhenWaiting': boolean;
  'chat.baseUrl': string;
  'chat.model': string;
  /** `null`: the model's own default. */
  'chat.temperature': number | null;
  'chat.systemPrompt': string;
  'chat.idleTimeoutSeconds': number;
  'chat.maxConversations': number;
  'chat.context.maxKB': number;
  'chat.tools.enabled': boolean;
  'chat.tools.maxRounds': number;
  'chat.tools.approval': 'auto' | 'ask';
  'chat.tools.protectedFiles': string[];
}

export type SettingKey = keyof SettingValues;

export const SETTING_DEFAULTS: { readonly [K in SettingKey]: Readonly<SettingValues[K]> } = Object.freeze({
  'cline.timeoutSeconds': 60,
  'cline.revealView': true,
  'cline.historySize': 20,
  'cline.maxInlineKB': 100,
  'images.maxSizeMB': 5,
  prompts: Object.freeze([]),
  'statusBar.enabled': true,
  /**
   * Lenses are OFF by default. Lens clutter is the most common complaint about assistant extensions
   * (see the README): Continue and Copilot ship their action lenses off, and the only general escape
   * (`editor.codeLens: false`) kills every extension's lenses. Turning ours on is one click: the status
   * bar menu, the editor context menu or "Cline Companion: Toggle Code Lenses".
   */
  'codeLens.enabled': false,
  /** Also the activation languages in package.json's `activationEvents` (test/integration/activation.test.ts). */
  'codeLens.languages': Object.freeze([
    'typescript',
    'typescriptreact',
    'javascript',
    'javascriptreact',
    'python',
    'java',
    'go',
    'rust',
    'c',
    'cpp',
    'csharp',
    'php',
    'ruby',
    'kotlin',
    'swift',
    'scala',
    'dart',
    'lua',
    'shellscript',
    'powershell',
    'r',
    'julia',
    'elixir',
    'haskell',
    'fsharp',
    'vue',
    'svelte',
    'objective-c',
    'objective-cpp',
    'perl',
    'groovy',
    'clojure',
    'zig',
  ]),
  'codeLens.excludeLanguages': Object.freeze([]),
  'codeLens.actions': Object.freeze(['explain', 'writeTests', 'refactor']),
  'codeLens.symbolKinds': Object.freeze(['function', 'method', 'constructor', 'class']),
  'codeLens.minLines': 3,
  'codeLens.maxPerFile': 200,
  'codeLens.maxFileSizeKB': 512,
  'codeLens.todo.enabled': true,
  'codeLens.todo.tags': Object.freeze(['TODO', 'FIXME', 'HACK', 'XXX']),
  'codeActions.enabled': true,
  /**
   * Off: beside Cline's own light-bulb actions, ours leave out the ones Cline has (Fix, Explain, Refactor/Improve),
   * so the menu has no two entries that do the same; on: every action of ours, always.
   */
  'codeActions.showAll': false,
  'tasks.notifyOnComplete': 'whenUnfocused',
  'tasks.notifyWhenWaiting': true,
  'chat.baseUrl': CLINE_BASE_URL,
  'chat.model': 'anthropic/claude-sonnet-4-6',
  'chat.temperature': null,
  'chat.systemPrompt':
    'You are a concise, expert programming assistant inside VS Code. Answer in Markdown; put code in fenced blocks with a language.',
  'chat.idleTimeoutSeconds': 60,
  'chat.maxConversations': 200,
  'chat.context.maxKB': 256,
  'chat.tools.enabled': true,
  'chat.tools.maxRounds': 10,
  'chat.tools.approval': 'auto',
  /**
   * Files that hold secrets: a tool never sends one without an explicit Allow of that call. Globs matched
   * against workspace-relative paths (a pattern without `/` matches the file name at any depth).
   */
  'chat.tools.protectedFiles': Object.freeze([
    '.env',
    '.env.*',
    '*.env',
    '*.pem',
    '*.key',
    '*.p12',
    '*.pfx',
    '*.jks',
    '*.keystore',
    'id_rsa*',
    'id_dsa*',
    'id_ecdsa*',
    'id_ed25519*',
    '.npmrc',
    '.yarnrc.yml',
    '.netrc',
    '.pypirc',
    '.pgpass',
    '.git-credentials',
    '.htpasswd',
    'credentials.json',
    '**/.git/**',
    '**/.ssh/**',
    '**/.aws/**',
    '**/secrets/**',
    '**/.secrets/**',
  ]),
});

/**
 * A setting's value as read from VS Code, or its default when it is unset or not of the default's type (a
 * hand-edited settings.json). A `null` default has no type to check against: the value is returned as it is
 * and its reader checks it. Arrays are copied, so a reader may change what it gets.
 */
export function settingValue<K extends SettingKey>(key: K, value: unknown): SettingValues[K] {
  const fallback = SETTING_DEFAULTS[key] as SettingValues[K];
  if (value === undefined || value === null) return copyOf(fallback);
  if (fallback === null) return value as SettingValues[K];
  if (Array.isArray(fallback) ? !Array.isArray(value) : typeof value !== typeof fallback) return copyOf(fallback);
  return value as SettingValues[K];
}

function copyOf<T>(value: T): T {
  return (Array.isArray(value) ? [...value] : value) as T;
}
