/**
 * User templates from settings (`[{id, title, prompt}]`), checked tolerantly: a bad entry is dropped
 * with a reason the caller can show or log, and the good ones are kept.
 *
 * Ids that clash with a built-in are **rejected**, not treated as overrides. Built-in ids are referred to
 * by lens and command settings and carry a scope and an icon; a silent override would change what those
 * do in ways that are hard to trace. To customise a built-in, copy it under a new id and point the
 * setting (for example the lens actions) at that id.
 */

import * as l10n from '@vscode/l10n';
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
    problems.push(l10n.t('Templates must be a list of {id, title, prompt} objects; got {0}.', typeof raw));
    return { templates, problems };
  }
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const number = index + 1;
    if (!isRecord(entry)) {
      problems.push(l10n.t('Template #{0} is not an object; skipped.', number));
      return;
    }
    const { id, title, prompt } = entry;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      problems.push(l10n.t('Template #{0} needs an "id" made of letters, digits, "_", "-" or "." (at most 64); skipped.', number));
      return;
    }
    if (isBuiltInTemplateId(id)) {
      problems.push(l10n.t('Template #{0} uses the id "{1}" of a built-in template; skipped. Choose another id.', number, id));
      return;
    }
    if (seen.has(id)) {
      problems.push(l10n.t('Template #{0} repeats the id "{1}"; only the first one is kept.', number, id));
      return;
    }
    if (typeof prompt !== 'string' || prompt.trim() === '') {
      problems.push(l10n.t('Template #{0} ("{1}") has no "prompt" text; skipped.', number, id));
      return;
    }
    let shownTitle = id;
    if (typeof title === 'string' && title.trim() !== '') shownTitle = title.trim();
    else if (title !== undefined) problems.push(l10n.t('Template #{0} ("{1}") has an invalid "title"; using the id instead.', number, id));
    seen.add(id);
    templates.push({ id, title: shownTitle, prompt });
  });
  return { templates, problems };
}
