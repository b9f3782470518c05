/**
 * The settings the Cline side reads, with their defaults (which mirror package.json). Read on use, never
 * cached, so a change applies to the next call without a reload.
 */
import { setting } from './config';

export const clineSettings = {
  /** Seconds before a pending ClineAPI call gets a progress notification. */
  timeoutSeconds: (): number => setting('cline.timeoutSeconds', 60),
  revealView: (): boolean => setting('cline.revealView', true),
  historySize: (): number => setting('cline.historySize', 20),
  /** Above this, a saved target is sent as path + lines instead of its text. */
  maxInlineBytes: (): number => Math.max(1, setting('cline.maxInlineKB', 100)) * 1024,
  maxImageBytes: (): number => Math.max(0.01, setting('images.maxSizeMB', 5)) * 1024 * 1024,
  statusBarEnabled: (): boolean => setting('statusBar.enabled', true),
  codeActionsEnabled: (): boolean => setting('codeActions.enabled', true),
  userTemplatesRaw: (): unknown => setting<unknown[]>('prompts', []),
};
