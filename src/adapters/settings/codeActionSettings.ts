/** The quick fixes' settings. Read on every light-bulb request, so a change applies at once. */
import { setting } from './config';

export const codeActionSettings = {
  enabled: (): boolean => setting('codeActions.enabled'),
};
