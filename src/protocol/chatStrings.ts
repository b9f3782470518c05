/**
 * Words the user sees that both sides of the chat say: the host (in what it stores and posts, and in VS Code's
 * own notifications) and the webview. Written once here, because src/protocol/ is the only code both bundles
 * may import. Functions, not constants: `@vscode/l10n` gets its bundle when each side starts (the host's
 * src/adapters/coreL10n.ts, the webview's main.ts), after this module has loaded; both sides configure it with
 * the same bundle, so both say the same words.
 */
import * as l10n from '@vscode/l10n';

/** A question asked without an API key: the host stores it as the answer's error, the view shows it as the hint and the composer's call to action. */
export const noApiKeyText = (): string => l10n.t('Set your Cline API key to start chatting.');

/** The button that runs the Set API Key command (the command's own title in package.json is the same). */
export const setApiKeyLabel = (): string => l10n.t('Set API Key');

/** The code block action, and what the host offers instead when there is no editor to insert the code into. */
export const openInNewEditorLabel = (): string => l10n.t('Open in New Editor');

/** The id of the chat page's JSON block of translations: written by the host (chatHtml.ts), read by the webview (locale.ts). */
export const L10N_BUNDLE_ID = 'l10n-bundle';
