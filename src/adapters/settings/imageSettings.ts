/** The settings of images attached to a new Cline task. Read on use, so a change applies at once. */
import { setting } from './config';

export const imageSettings = {
  /** The largest image accepted, per file. */
  maxImageBytes: (): number => Math.max(0.01, setting('images.maxSizeMB')) * 1024 * 1024,
};
