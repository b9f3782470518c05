/**
 * What the always-loaded parts (the approve/reject/send commands, the status bar item, the API) may ask
 * about Cline's tasks. The task model itself lives in a lazily loaded part of the extension; this small
 * interface is how the rest reaches it without loading it when task events are not connected.
 */
import type { CompanionTask } from './taskTracker';

export interface Subscription {
  dispose(): void;
}

export interface TaskAwareness {
  /** True once forwarders are installed and we listen (the model may still be loading); false after disconnect. */
  readonly connected: boolean;
  /** The task waiting for Approve/Reject; undefined when none waits or events are not connected. */
  waiting(): Promise<CompanionTask | undefined>;
  /** Whether Cline has a task open that a message would reach (running, waiting, or finished but not closed). */
  hasOpenTask(): Promise<boolean>;
  /** Adds a task to the queue (loading the task model); it starts when Cline is idle. */
  enqueue(text: string, images?: string[]): Promise<CompanionTask>;
  /** The newest task this window knows of, without loading anything. */
  current(): CompanionTask | undefined;
  /** Any task's change, and connecting or disconnecting. */
  onDidChange(listener: (task: CompanionTask | undefined) => void): Subscription;
}
