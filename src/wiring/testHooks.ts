/**
 * Internals handed to the integration tests, and only to them: activate() returns this object
 * when VS Code runs the extension in test mode (extensionMode Test), and nothing otherwise.
 */
import type * as vscode from 'vscode';
import type { ChatFeatures } from './chatFeatures';
import type { ClineFeatures } from './clineFeatures';

export interface TestHooks {
  context: vscode.ExtensionContext;
  chat: ChatFeatures;
  cline: ClineFeatures;
  /** Wall time of activate() itself, for the activation benchmark. */
  activationMs: number;
}
