/**
 * The built-in prompts. They go to Cline, an agent that can read and edit files and run commands in the
 * workspace, so they ask it to look around before acting, to keep changes scoped, and to verify its work.
 * Each uses only placeholders that always have a value for its scope, so none renders with a warning.
 * The prompts stay English (they go to a model); the titles the user sees are translated when read (a getter:
 * the display language's bundle is set at activation, after this module loads).
 */

import * as l10n from '@vscode/l10n';
import type { BuiltInTemplate } from './promptTemplate';

export type BuiltInTemplateId = 'explain' | 'refactor' | 'writeTests' | 'document' | 'fix' | 'optimize' | 'implementTodo' | 'reviewChanges';

export const BUILT_IN_TEMPLATES: Readonly<Record<BuiltInTemplateId, BuiltInTemplate>> = Object.freeze({
  explain: {
    id: 'explain',
    get title() {
      return l10n.t('Explain');
    },
    icon: 'comment-discussion',
    scope: 'selection',
    prompt: [
      'Explain the following {{language}} code from {{file}} (lines {{lines}}).',
      '',
      '- Start with a short summary: what it does and why it exists.',
      '- Then walk through the important steps in order.',
      '- Point out anything non-obvious: edge cases, side effects, error handling, and performance or concurrency concerns.',
      '- Read the surrounding code, its callers and the types it uses in the workspace where that helps explain how it is meant to be used.',
      '',
      'This is a question, not a task: do not change any files.',
      '',
      '{{code}}',
    ].join('\n'),
  },

  refactor: {
    id: 'refactor',
    get title() {
      return l10n.t('Refactor');
    },
    icon: 'wand',
    scope: 'symbol',
    prompt: [
      'Refactor {{symbol}} in {{file}} (lines {{lines}}) so it is easier to read and maintain, without changing its behaviour.',
      '',
      '- Follow the conventions already used in this project (naming, error handling, structure).',
      '- Prefer small, well-named functions; remove duplication and dead code; simplify control flow.',
      '- Keep its public signature and exported names. If a change to them is clearly worth it, update every caller in the workspace.',
      '- Do not mix in new features or unrelated changes.',
      '- If tests cover this code, run them afterwards and make sure they still pass.',
      '',
      'Finish with a short list of what you changed and why.',
      '',
      '{{code}}',
    ].join('\n'),
  },

  writeTests: {
    id: 'writeTests',
    get title() {
      return l10n.t('Write Tests');
    },
    icon: 'beaker',
    scope: 'symbol',
    prompt: [
      'Write unit tests for {{symbol}} in {{file}} (lines {{lines}}).',
      '',
      '- First find out how this project already tests its code (framework, file locations, naming, helpers, fixtures) and follow the same conventions. Put the tests where the existing ones live.',
      '- Cover the normal cases, the edge cases (empty, boundary and invalid inputs) and the error paths.',
      '- Every test must assert something that could fail. Avoid over-mocking: test behaviour, not implementation details.',
      '- Do not change the code under test. If a test reveals a bug, leave the failing test in place and report the bug.',
      '- Run the new tests and report the results.',
      '',
      '{{code}}',
    ].join('\n'),
  },

  document: {
    id: 'document',
    get title() {
      return l10n.t('Document');
    },
    icon: 'book',
    scope: 'symbol',
    prompt: [
      'Write documentation comments for {{symbol}} in {{file}} (lines {{lines}}).',
      '',
      '- Use the idiomatic doc-comment format for {{language}} (for example JSDoc/TSDoc, docstrings, Javadoc, XML doc comments, rustdoc), matching the style already used in this project.',
      '- Describe what it does, its parameters, its return value, the errors it can raise and any side effects.',
      '- Explain *why* where the intent is not obvious from the code; do not restate the code line by line.',
      '- Keep existing comments that are still accurate and fix the ones that are wrong.',
      '',
      'Only add or update comments: do not change any behaviour.',
      '',
      '{{code}}',
    ].join('\n'),
  },

  fix: {
    id: 'fix',
    get title() {
      return l10n.t('Fix');
    },
    icon: 'wrench',
    scope: 'diagnostic',
    prompt: [
      'Fix the problems reported in {{file}} at lines {{lines}}:',
      '',
      '{{diagnostics}}',
      '',
      '- Find and fix the root cause; do not silence the problem (no `any` casts, `@ts-ignore`, `# type: ignore`, `# noqa`, disabled lint rules or empty catch blocks, unless there is truly no correct alternative, and then say why).',
      '- Keep the change minimal and consistent with the surrounding code. If a signature must change, update its callers.',
      '- Verify the fix where you can: re-run the type checker, linter, build or the relevant tests.',
      '',
      '{{code}}',
    ].join('\n'),
  },

  optimize: {
    id: 'optimize',
    get title() {
      return l10n.t('Optimize');
    },
    icon: 'rocket',
    scope: 'symbol',
    prompt: [
      'Improve the performance of {{symbol}} in {{file}} (lines {{lines}}) without changing its behaviour or its public interface.',
      '',
      '- First work out where the time or memory actually goes: algorithmic complexity, repeated work, needless allocations or copies, I/O or blocking calls inside loops.',
      '- Make the changes with the best payoff. Do not trade readability for negligible gains.',
      '- Explain each change and its expected effect (for example, O(n²) to O(n)).',
      '- Run the existing tests afterwards to confirm nothing broke.',
      '',
      '{{code}}',
    ].join('\n'),
  },

  implementTodo: {
    id: 'implementTodo',
    get title() {
      return l10n.t('Implement TODO');
    },
    icon: 'checklist',
    scope: 'todo',
    prompt: [
      'In {{file}}, do what this comment asks:',
      '',
      '{{todo}}',
      '',
      '- Read the surrounding code (shown below) and whatever else in the workspace you need to understand the intent.',
      '- Implement it in the style of the surrounding code, keeping the change focused on this comment.',
      '- When it is done, remove the comment; if only part of it is done, update the comment to say what remains.',
      '- If the comment is ambiguous, pick the most reasonable reading and state your assumption.',
      '- Run the relevant tests or build if there are any.',
      '',
      '{{code}}',
    ].join('\n'),
  },

  reviewChanges: {
    id: 'reviewChanges',
    get title() {
      return l10n.t('Review Changes');
    },
    icon: 'git-compare',
    scope: 'workspace',
    prompt: [
      'Review the uncommitted changes in this workspace: what is staged, what is not staged yet, and the new files.',
      '',
      '{{changes}}',
      '',
      '- Read the changed files and the code around the changes in the workspace, and the new files, before judging.',
      '- Look for bugs, missed edge cases and error paths, security problems, behaviour changes that callers or tests do not expect, and leftovers (debug output, commented-out code, TODOs).',
      '- Check whether tests cover the changes, and which are missing.',
      '- Report findings by file and line, the most serious first, each with a suggested fix. Say plainly when a change looks fine.',
      '',
      'This is a review: do not change any files unless I ask you to.',
    ].join('\n'),
  },
});

export function isBuiltInTemplateId(id: string): id is BuiltInTemplateId {
  return Object.prototype.hasOwnProperty.call(BUILT_IN_TEMPLATES, id);
}
