/** The quick fixes' settings. Read on every light-bulb request, so a change applies at once. */
import { setting } from './config';

export const codeActionSettings = {
  enabled: (): boolean => setting('codeActions.enabled'),
  /** Every action of ours, even those Cline's own code actions already offer. */
  showAll: (): boolean => setting('codeActions.showAll'),
};
