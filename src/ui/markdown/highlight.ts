/**
 * Syntax highlighting with highlight.js *core* and a curated set of common languages: the full build is
 * ~1 MB, far over the webview bundle budget. No auto-detection (slow and often wrong): a fence without a
 * known language stays plain text.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  dockerfile,
  go,
  ini,
  java,
  javascript,
  json,
  markdown,
  php,
  python,
  ruby,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, definition] of Object.entries(languages)) hljs.registerLanguage(name, definition);

/** Highlighting is linear but slow per byte; past this a block is shown plain so one answer can't stall the view. */
const MAX_HIGHLIGHT_CHARS = 100_000;

/** The language name hljs knows for a fence's info string (`ts`, `TypeScript`, `c++` …), or undefined. */
export function knownLanguage(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const name = lang.toLowerCase();
  return hljs.getLanguage(name) ? name : undefined;
}

/** Highlighted HTML (escaped text in `<span class="hljs-…">`), or undefined when the language is unknown. */
export function highlightCode(code: string, lang: string | undefined): string | undefined {
  const language = knownLanguage(lang);
  if (!language || code.length > MAX_HIGHLIGHT_CHARS) return undefined;
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
