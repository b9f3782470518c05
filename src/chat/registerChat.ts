import * as vscode from 'vscode';
import type { Log } from '../log';
import type { ClineFeatures } from '../cline/registerClineFeatures';

/** Placeholder until the sidebar chat lands. */
export function registerChat(_context: vscode.ExtensionContext, _log: Log, _cline: ClineFeatures): void {}
