/**
 * What every Cline command resolves to, so that code running it (other extensions, tests) learns whether
 * the text reached Cline. Failures have already been shown to the user.
 */
import type { ClineErrorKind } from './cline/clineError';

type CommandFailureReason =
  | ClineErrorKind
  /** The user closed an input or a picker. */
  | 'cancelled'
  /** Bad arguments or files (an image too big, an unknown template id...). Nothing was sent. */
  | 'invalidInput'
  /** Nothing to act on: no editor, no TODO, no problem at the cursor. Nothing was sent. */
  | 'noTarget';

export type CommandResult =
  | {
      ok: true;
      /** The text sent to Cline, if any. */ prompt?: string;
      /** What was done, in words (approve/reject say what they answered). */ message?: string;
    }
  | { ok: false; reason: CommandFailureReason; message: string; prompt?: string };

// For the code that ran the command (other extensions, tests), not shown to the user: English, like the reasons.
// eslint-disable-next-line no-restricted-syntax
export const cancelled: CommandResult = { ok: false, reason: 'cancelled', message: 'Cancelled.' };
