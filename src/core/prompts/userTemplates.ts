/**
 * User templates from settings (`[{id, title, prompt}]`), checked tolerantly: a bad entry is dropped
 * with a reason the caller can show or log, and the good ones are kept.
 *
 * Ids that clash with a built-in are **rejected**, not treated as overrides. Built-in ids are referred to
 * by lens and command settings and carry a scope and an icon; a silent override would change what those
 * do in ways that are hard to trace. To customise a built-in, copy it under a new id and point the
 * setting (for example the lens actions) at that id.
 */

import { isBuiltInTemplateId } from './builtInTemplates';
import type { PromptTemplate } from './promptTemplate';
import { isRecord } from '../isRecord';

export interface UserTemplatesResult {
  templates: PromptTemplate[];
  problems: string[];
}

/** Letters, digits, `_`, `-`, `.`: safe in command arguments and setting values. */
const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export function validateUserTemplates(raw: unknown): UserTemplatesResult {
  const templates: PromptTemplate[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { templates, problems };
  if (!Array.isArray(raw)) {
    problems.push(`Templates must be a list of {id, title, prompt} objects; got ${typeof raw}.`);
    return { templates, problems };
  }
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const where = `Template #${index + 1}`;
    if (!isRecord(entry)) {
      problems.push(`${where} is not an object; skipped.`);
      return;
    }
    const { id, title, prompt } = entry;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      problems.push(`${where} needs an "id" made of letters, digits, "_", "-" or "." (at most 64); skipped.`);
      return;
    }
    if (isBuiltInTemplateId(id)) {
      problems.push(`${where} uses the id "${id}" of a built-in template; skipped. Choose another id.`);
      return;
    }
    if (seen.has(id)) {
      problems.push(`${where} repeats the id "${id}"; only the first one is kept.`);
      return;
    }
    if (typeof prompt !== 'string' || prompt.trim() === '') {
      problems.push(`${where} ("${id}") has no "prompt" text; skipped.`);
      return;
    }
    let shownTitle = id;
    if (typeof title === 'string' && title.trim() !== '') shownTitle = title.trim();
    else if (title !== undefined) problems.push(`${where} ("${id}") has an invalid "title"; using the id instead.`);
    seen.add(id);
    templates.push({ id, title: shownTitle, prompt });
  });
  return { templates, problems };
}
