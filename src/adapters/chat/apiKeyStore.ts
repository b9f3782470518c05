/**
 * The API key: kept in SecretStorage (the OS keychain), with the CLINE_API_KEY environment variable
 * as a fallback. It is read when a request is made, and to learn whether one exists (the chat view, the
 * walkthrough's "Set your Cline API key" step after activation); it is never handed to settings, state, logs
 * or the webview: the rest of the extension only learns whether a key exists.
 */
import * as vscode from 'vscode';

const SECRET_KEY = 'clineCompanion.apiKey';
const API_KEY_ENV = 'CLINE_API_KEY';

export type ApiKeySource = 'secretStorage' | 'environment' | 'none';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the stored key is set or cleared (in this window or another). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) this.changed.fire();
    });
  }

  async get(): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET_KEY);
    if (stored) return stored;
    const fromEnv = this.env[API_KEY_ENV]?.trim();
    return fromEnv || undefined;
  }

  async source(): Promise<ApiKeySource> {
    if (await this.secrets.get(SECRET_KEY)) return 'secretStorage';
    return this.env[API_KEY_ENV]?.trim() ? 'environment' : 'none';
  }

  async has(): Promise<boolean> {
    return (await this.source()) !== 'none';
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Asks for the key with a password input; returns true when one was stored. */
export async function promptForApiKey(store: ApiKeyStore): Promise<boolean> {
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Cline API Key'),
    prompt: vscode.l10n.t('Paste your Cline API key (app.cline.bot → Settings → API Keys). It is kept in your OS keychain.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length < 8 ? vscode.l10n.t('That does not look like an API key.') : undefined),
  });
  if (!key) return false;
  await store.set(key);
  return true;
}
