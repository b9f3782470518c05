/** The status bar item's settings. Read on use, so a change applies at once. */
import { setting } from './config';

export const statusBarSettings = {
  enabled: (): boolean => setting('statusBar.enabled'),
};
