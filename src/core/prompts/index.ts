/** Prompts: templates + plain editor context → prompt text for Cline. No `vscode` here. */

export type { DiagnosticSeverityName, PromptContext, PromptDiagnostic, PromptFile, PromptSymbol, PromptTodo } from './promptContext';
export type { PromptTemplate } from './promptTemplate';
export { BUILT_IN_TEMPLATES, isBuiltInTemplateId } from './builtInTemplates';
export { validateUserTemplates } from './userTemplates';
export { fenceFor, fencedCode, longestBacktickRun } from './fence';
export { contextBlock, displayPath, formatLines, utf8ByteLengthUpTo } from './contextBlock';
export { renderPrompt, templateNeedsInput } from './renderPrompt';
