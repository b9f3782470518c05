/**
 * Cline Companion's API for other extensions (and keybinding macros). Copy this file into your extension.
 *
 *   const ext = vscode.extensions.getExtension<ClineCompanionApi>('cline-companion.cline-companion');
 *   const api = await ext?.activate();
 *   const task = await api?.startTask('Add input validation to the signup form');
 *   api?.onDidChangeTask((t) => { if (t.id === task?.id && t.state === 'completed') console.log(t.result); });
 *
 * States other than `queued`, `starting`, `failed` and `unknown` come from Cline's hook events: they need
 * "Cline Companion: Connect Cline Task Events". Without events a started task's state is `unknown`.
 */
import type * as vscode from 'vscode';

export interface ClineCompanionApi {
  readonly apiVersion: 1;
  /** True once forwarders are installed and we listen; false after disconnect. */
  readonly eventsConnected: boolean;
  /** Starts a Cline task now (replacing Cline's current one); resolves when Cline took it, rejects when it did not. */
  startTask(text: string, options?: { images?: string[] }): Promise<CompanionTask>;
  /** Queues a task: it starts when Cline is idle (automatically only with events connected). */
  enqueueTask(text: string, options?: { images?: string[] }): CompanionTask;
  /** The tasks this window knows of, oldest first. */
  getTasks(): readonly CompanionTask[];
  /** Every state change of any task. */
  readonly onDidChangeTask: vscode.Event<CompanionTask>;
}

export type CompanionTaskState = 'queued' | 'starting' | 'running' | 'waiting' | 'completed' | 'cancelled' | 'failed' | 'unknown';

export interface CompanionTask {
  /** Ours, stable. */
  readonly id: string;
  /** Cline's task id, from the events. */
  readonly clineTaskId?: string;
  readonly prompt: string;
  readonly state: CompanionTaskState;
  /** What waits for approval; the name as Cline gives it, e.g. `run_commands` (legacy Cline: the ask's source, e.g. `command`). */
  readonly pendingTool?: { readonly name: string; readonly parameters: Readonly<Record<string, unknown>> };
  /** Cline's final answer, when completed. */
  readonly result?: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
}
