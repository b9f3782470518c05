/** Prompts: templates + plain editor context → prompt text for Cline. No `vscode` here. */

export type {
  DiagnosticSeverityName,
  PromptContext,
  PromptDiagnostic,
  PromptFile,
  PromptRange,
  PromptSymbol,
  PromptTodo,
} from './promptContext';
export type { BuiltInTemplate, PromptTemplate, TemplateScope } from './promptTemplate';
export { BUILT_IN_TEMPLATES, isBuiltInTemplateId, type BuiltInTemplateId } from './builtInTemplates';
export { validateUserTemplates, type UserTemplatesResult } from './userTemplates';
export { fenceFor, fencedCode, longestBacktickRun } from './fence';
export {
  contextBlock,
  DEFAULT_MAX_INLINE_BYTES,
  displayPath,
  formatLines,
  shouldInline,
  utf8ByteLengthUpTo,
  type ContextBlockOptions,
} from './contextBlock';
export {
  formatDiagnostics,
  PLACEHOLDERS,
  renderPrompt,
  templateNeedsInput,
  type PlaceholderName,
  type RenderedPrompt,
  type RenderOptions,
} from './renderPrompt';
