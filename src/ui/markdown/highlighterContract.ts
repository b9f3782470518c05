/**
 * What the lazily loaded syntax highlighter (dist/highlight.js, src/ui/highlighterMain.ts) hands the chat
 * bundle (dist/webview.js, src/ui/markdown/highlight.ts). Both bundles import this module; it imports nothing,
 * so it adds no highlight.js to the chat bundle.
 */

/** The highlighter dist/highlight.js provides. */
export interface Highlighter {
  /** Highlighted HTML of `code` (its text escaped, in `<span class="hljs-…">`); `language` is one of `HIGHLIGHT_LANGUAGES`. */
  highlight(code: string, language: string): string;
}

declare global {
  interface Window {
    /** Set by dist/highlight.js when it runs; read by the chat bundle once that script has loaded. */
    clineCompanionHighlighter?: Highlighter;
  }
}

/**
 * The curated languages (highlight.js core has no others: the full build is ~1 MB), each with the aliases
 * highlight.js knows it by, as a fence's info string may name it (lower case). Written here, not asked of
 * highlight.js, so the chat bundle knows a language before the highlighter arrives: a block's classes and
 * `data-lang` are the same before and after. test/unit/ui/highlighter.test.ts checks this against highlight.js.
 */
export const HIGHLIGHT_LANGUAGES = {
  bash: ['sh', 'zsh'],
  c: ['h'],
  cpp: ['cc', 'c++', 'h++', 'hpp', 'hh', 'hxx', 'cxx'],
  csharp: ['cs', 'c#'],
  css: [],
  diff: ['patch'],
  dockerfile: ['docker'],
  go: ['golang'],
  ini: ['toml'],
  java: ['jsp'],
  javascript: ['js', 'jsx', 'mjs', 'cjs'],
  json: ['jsonc', 'json5'],
  markdown: ['md', 'mkdown', 'mkd'],
  php: [],
  python: ['py', 'gyp', 'ipython'],
  ruby: ['rb', 'gemspec', 'podspec', 'thor', 'irb'],
  rust: ['rs'],
  shell: ['console', 'shellsession'],
  sql: [],
  typescript: ['ts', 'tsx', 'mts', 'cts'],
  xml: ['html', 'xhtml', 'rss', 'atom', 'xjb', 'xsd', 'xsl', 'plist', 'wsf', 'svg'],
  yaml: ['yml'],
} as const satisfies Record<string, readonly string[]>;

export type HighlightLanguage = keyof typeof HIGHLIGHT_LANGUAGES;
