/**
 * The one rule for a model id, shared by the webview's picker (src/ui/modelPicker.ts), the host
 * (src/core/chat/: the controller and the model catalog) and the wire schema (chatProtocol.ts).
 *
 * A model id is whatever the server calls its model, so almost anything is one. The Cline API uses
 * `provider/model`, but llama.cpp's `llama-server` reports the model file (`/models/qwen2.5-7b-instruct-q4_k_m.gguf`
 * or `qwen2.5-7b-instruct-q4_k_m.gguf`), Ollama `llama3.2:3b`, vLLM a Hugging Face repo (`Qwen/Qwen2.5-7B-Instruct`)
 * or a local path, LM Studio its own names, and a user may type a plain `llama3`. Which id exists is the
 * server's business (an unknown one is its 404, with a hint); only what can never be sent as one is refused.
 */
import * as l10n from '@vscode/l10n';

/** Longest model id: PATH_MAX on Linux, since llama.cpp reports the model's file path as its id. */
export const MAX_MODEL_ID_CHARS = 4096;

/** C0 and C1 control characters (a pasted line break, a tab, NUL): no server names a model with them. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/** Why `id` cannot be sent as a model id, in words for the user; `undefined` when it can be sent as given. */
export function modelIdProblem(id: string): string | undefined {
  if (id.trim() === '') return l10n.t('The model id is empty.');
  if (id.length > MAX_MODEL_ID_CHARS) return l10n.t('The model id is longer than {0} characters.', MAX_MODEL_ID_CHARS);
  if (CONTROL_CHARACTER.test(id)) return l10n.t('The model id contains a line break or another control character.');
  return undefined;
}

/** True when `id` can be sent to the server exactly as it is. */
export function isUsableModelId(id: string): boolean {
  return modelIdProblem(id) === undefined;
}
