/** Prompts: templates + plain editor context → prompt text for Cline. No `vscode` here. */

export type {
  DiagnosticSeverityName,
  PromptContext,
  PromptDiagnostic,
  PromptFile,
  PromptSymbol,
  PromptTodo,
  WorkspacePromptContext,
} from './promptContext';
export type { PromptTemplate } from './promptTemplate';
export { BUILT_IN_TEMPLATES, isBuiltInTemplateId } from './builtInTemplates';
export { validateUserTemplates } from './userTemplates';
export { fenceFor, fencedCode, longestBacktickRun } from './fence';
export { contextBlock, displayPath, formatLines, formatSize, utf8ByteLengthUpTo, utf8Prefix } from './contextBlock';
export { renderPrompt, templateNeedsChanges, templateNeedsInput } from './renderPrompt';
export { formatChanges, hasChanges, type RepositoryChanges } from './workingTreeChanges';
