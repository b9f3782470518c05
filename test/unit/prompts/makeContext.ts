/** Shared test contexts for the prompt tests (not a test file itself). */
import type { PromptContext } from '../../../src/core/prompts';

export function makeContext(overrides: Partial<PromptContext> = {}, file: Partial<PromptContext['file']> = {}): PromptContext {
  return {
    file: {
      relativePath: 'src/parser.ts',
      workspaceFolderName: 'app',
      multiRoot: false,
      languageId: 'typescript',
      isUntitled: false,
      isDirty: false,
      absolutePath: '/home/me/app/src/parser.ts',
      ...file,
    },
    range: { startLine: 12, endLine: 40 },
    code: 'export function parse(s: string) {\n  return s.split(",");\n}\n',
    ...overrides,
  };
}
