/** The settings about handing work to Cline. Read on use, never cached, so a change applies to the next call without a reload. */
import { setting } from './config';

export const clineSettings = {
  /** Seconds before a pending ClineAPI call gets a progress notification. */
  timeoutSeconds: (): number => setting('cline.timeoutSeconds'),
  revealView: (): boolean => setting('cline.revealView'),
  historySize: (): number => setting('cline.historySize'),
  /** Above this, a saved target is sent as path + lines instead of its text. */
  maxInlineBytes: (): number => Math.max(1, setting('cline.maxInlineKB')) * 1024,
};
