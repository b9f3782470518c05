/** What the command handlers share; built once in registerClineFeatures. */
import type { ClineBridge } from '../../adapters/cline/clineBridge';
import type { ClineDispatcher, DispatchRequest } from '../../adapters/cline/clineDispatcher';
import type { ClineFailureNotifier } from '../../adapters/cline/clineFailureNotifier';
import type { PromptMemory } from '../../core/cline/promptMemory';
import type { Log } from '../../adapters/log';
import type { CommandResult } from '../../core/commandResult';
import type { TemplateCatalog } from '../../adapters/prompts/templateCatalog';
import type { TaskAwareness } from '../../core/tasks/taskAwareness';

export interface CommandServices {
  bridge: ClineBridge;
  dispatcher: ClineDispatcher;
  memory: PromptMemory;
  notifier: ClineFailureNotifier;
  templates: TemplateCatalog;
  log: Log;
  /** Cline's tasks as its hook events show them (when connected). */
  tasks: TaskAwareness;
}

/** Dispatches and turns the outcome into the command's result. */
export async function dispatchForCommand(services: CommandServices, request: DispatchRequest): Promise<CommandResult> {
  const result = await services.dispatcher.dispatch(request);
  if (result.ok) return { ok: true, prompt: request.text };
  return { ok: false, reason: result.error.kind, message: result.error.message, prompt: request.text };
}
