/**
 * One dispatch = one ClineAPI call with the house rules around it: on failure the notification with its
 * actions, the prompt kept as a draft for the input it came from; on success the draft cleared and typed
 * text added to the history. Every command, lens, quick fix and the chat's "Continue in Cline" go through
 * here, so they all fail the same friendly way.
 */
import type { Log } from '../log';
import type { ClineBridge } from './clineBridge';
import type { ClineMethod } from '../../core/cline/clineApi';
import { ClineError, describeThrown } from '../../core/cline/clineError';
import type { ClineFailureNotifier } from './clineFailureNotifier';
import type { DraftKey, PromptMemory } from '../../core/cline/promptMemory';

export interface DispatchRequest {
  method: ClineMethod;
  text?: string;
  images?: string[];
  /**
   * What the user typed, and the input it came from. On failure it is kept there as a draft, so running the
   * command again pre-fills it; on success the draft is cleared. (For a template this is the `{{input}}`
   * answer, not the whole prompt.)
   */
  keep?: { key: DraftKey; text: string };
  /** Typed text worth offering again: added to the input history once it reached Cline. */
  remember?: string;
  /** Who asked, for the log ("startTask", "lens:explain", "chat"...). */
  source: string;
  /** Show no notification on failure (the caller reports it its own way). */
  quiet?: boolean;
  /** The task model's id of this task, when it exists already (a queued task, a task started by the API). */
  companionTaskId?: string;
}

/**
 * Sees every startNewTask we send (commands, lenses, quick fixes, the chat, the queue, the API), so the task
 * model can link it to the TaskStart event that follows. Installed when the task model loads.
 */
export interface TaskStartObserver {
  /** Returns the task model's id for this start. */
  starting(request: DispatchRequest): string;
  started(id: string): void;
  failed(id: string, error: ClineError): void;
}

export type DispatchResult = { ok: true } | { ok: false; error: ClineError };

export class ClineDispatcher {
  private tasksStarted = 0;
  private observer: TaskStartObserver | undefined;

  constructor(
    private readonly bridge: ClineBridge,
    private readonly memory: PromptMemory,
    private readonly notifier: ClineFailureNotifier,
    private readonly log: Log,
  ) {}

  /** Whether a task was started from this window since it opened (ClineAPI cannot tell us more). */
  get startedTaskThisSession(): boolean {
    return this.tasksStarted > 0;
  }

  setTaskObserver(observer: TaskStartObserver | undefined): void {
    this.observer = observer;
  }

  async dispatch(request: DispatchRequest): Promise<DispatchResult> {
    const { method, text, images, keep } = request;
    this.log.debug(`dispatch ${method} from ${request.source}`);
    const taskId = method === 'startNewTask' ? this.observer?.starting(request) : undefined;
    try {
      if (method === 'startNewTask') await this.bridge.call(method, text, images);
      else if (method === 'sendMessage') await this.bridge.call(method, text, images);
      else await this.bridge.call(method);
    } catch (thrown) {
      const error = thrown instanceof ClineError ? thrown : new ClineError('callFailed', describeThrown(thrown), { method, cause: thrown });
      if (taskId !== undefined) this.observer?.failed(taskId, error);
      const kept = keep !== undefined && keep.text.trim() !== '';
      if (kept) await this.memory.setDraft(keep.key, keep.text);
      if (!request.quiet) {
        this.notifier.show(error, {
          prompt: text,
          draftKept: kept,
          retry: () => this.dispatch(request),
        });
      }
      return { ok: false, error };
    }
    if (method === 'startNewTask') this.tasksStarted++;
    if (taskId !== undefined) this.observer?.started(taskId);
    if (keep) await this.memory.clearDraftIf(keep.key, keep.text);
    if (request.remember !== undefined) await this.memory.remember(request.remember);
    return { ok: true };
  }
}
