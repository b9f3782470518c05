/**
 * Internals handed to the integration tests, and only to them: in test mode (extensionMode Test) the object
 * activate() returns carries them as `testHooks`; never otherwise.
 */
import type * as vscode from 'vscode';
import type { ChatFeatures } from './chatChunk';
import type { ClineFeatures } from './clineFeatures';

export interface TestHooks {
  context: vscode.ExtensionContext;
  /** The chat, loaded on first read (it is a lazily loaded part). */
  readonly chat: ChatFeatures;
  cline: ClineFeatures;
  /** Wall time of activate() itself, for the activation benchmark. */
  activationMs: number;
}
