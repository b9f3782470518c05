/** The user's prompt templates, as set (src/core/prompts/userTemplates.ts validates them). Read on use. */
import { setting } from './config';

export const promptSettings = {
  userTemplatesRaw: (): unknown => setting('prompts'),
};
