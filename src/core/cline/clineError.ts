/**
 * Everything that can go wrong between us and Cline, as one typed error. The UI maps `kind` to words and
 * actions in one table (clineFailureNotifier.ts); nothing else inspects messages.
 */
import type { ClineMethod } from './clineApi';

export type ClineErrorKind =
  /** No Cline extension in this window. */
  | 'notInstalled'
  /** Cline is on disk but VS Code did not load it: disabled (globally or for this workspace). */
  | 'disabled'
  /** Cline's own `activate()` threw. */
  | 'activationFailed'
  /** Cline's exports lack one of the four methods (an API change, or exports unreachable from our host). */
  | 'incompatible'
  /** The ClineAPI method itself threw or rejected. */
  | 'callFailed';

export const CLINE_ERROR_KINDS: readonly ClineErrorKind[] = ['notInstalled', 'disabled', 'activationFailed', 'incompatible', 'callFailed'];

export interface ClineErrorDetails {
  method?: ClineMethod;
  /** For `incompatible`: the methods Cline's exports lack. */
  missing?: readonly ClineMethod[];
  /** Cline's version, when known. */
  version?: string;
  cause?: unknown;
}

export class ClineError extends Error {
  override readonly name = 'ClineError';
  readonly method?: ClineMethod;
  readonly missing: readonly ClineMethod[];
  readonly version?: string;
  override readonly cause?: unknown;

  constructor(
    readonly kind: ClineErrorKind,
    message: string,
    details: ClineErrorDetails = {},
  ) {
    super(message);
    this.method = details.method;
    this.missing = details.missing ?? [];
    this.version = details.version;
    this.cause = details.cause;
  }
}

/** The message of whatever was thrown, for logs and notifications (never `[object Object]`). */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message || thrown.name;
  if (typeof thrown === 'string') return thrown;
  try {
    return JSON.stringify(thrown) ?? String(thrown);
  } catch {
    return String(thrown);
  }
}
