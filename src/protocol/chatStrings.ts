/**
 * Words the user sees that both sides of the chat say: the host (in what it stores and posts, and in VS Code's
 * own notifications) and the webview. Written once here, because src/protocol/ is the only code both bundles
 * may import.
 */

/** A question asked without an API key: the host stores it as the answer's error, the view shows it as the hint and the composer's call to action. */
export const NO_API_KEY_TEXT = 'Set your Cline API key to start chatting.';

/** The button that runs the Set API Key command (the command's own title in package.json is the same). */
export const SET_API_KEY_LABEL = 'Set API Key';

/** The code block action, and what the host offers instead when there is no editor to insert the code into. */
export const OPEN_IN_NEW_EDITOR_LABEL = 'Open in New Editor';
