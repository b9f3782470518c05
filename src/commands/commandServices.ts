/** What the command handlers share; built once in registerClineFeatures. */
import type { ClineBridge } from '../cline/clineBridge';
import type { ClineDispatcher, DispatchRequest } from '../cline/clineDispatcher';
import type { ClineFailureNotifier } from '../cline/clineFailureNotifier';
import type { PromptMemory } from '../cline/promptMemory';
import type { Log } from '../log';
import type { CommandResult } from './commandResult';
import type { TemplateCatalog } from './templateCatalog';

export interface CommandServices {
  bridge: ClineBridge;
  dispatcher: ClineDispatcher;
  memory: PromptMemory;
  notifier: ClineFailureNotifier;
  templates: TemplateCatalog;
  log: Log;
}

/** Dispatches and turns the outcome into the command's result. */
export async function dispatchForCommand(services: CommandServices, request: DispatchRequest): Promise<CommandResult> {
  const result = await services.dispatcher.dispatch(request);
  if (result.ok) return { ok: true, prompt: request.text };
  return { ok: false, reason: result.error.kind, message: result.error.message, prompt: request.text };
}
