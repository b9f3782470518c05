/**
 * The highlighter of dist/highlight.js: highlight.js *core* with the curated languages of
 * highlighterContract.ts. No auto-detection (slow and often wrong): the chat bundle asks only for a
 * language it knows from that list.
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
import type { LanguageFn } from 'highlight.js';
import type { Highlighter, HighlightLanguage } from './highlighterContract';

/** Exactly the languages of HIGHLIGHT_LANGUAGES (the type says so). */
const languages: Record<HighlightLanguage, LanguageFn> = {
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

/** highlight.js with the curated languages registered: every name and alias it knows them by. */
export function registeredLanguageNames(): Map<string, string[]> {
  const engine = createEngine();
  return new Map(engine.listLanguages().map((name) => [name, [...(engine.getLanguage(name)?.aliases ?? [])]]));
}

function createEngine(): typeof hljs {
  const engine = hljs.newInstance();
  for (const [name, definition] of Object.entries(languages)) engine.registerLanguage(name, definition);
  return engine;
}

export function createHighlighter(): Highlighter {
  const engine = createEngine();
  return {
    highlight: (code, language) => engine.highlight(code, { language, ignoreIllegals: true }).value,
  };
}
