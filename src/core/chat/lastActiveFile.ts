import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Which conversation was open, per workspace. A file rather than workspaceState: the web workbench
 * flushes state lazily, and a reload in the middle of an answer must still find the conversation.
 */
export function lastActiveFile(file: string): { get(): string | undefined; set(id: string | undefined): void } {
  let current: string | undefined;
  let loaded = false;
  return {
    get() {
      if (!loaded) {
        loaded = true;
        try {
          current = fs.readFileSync(file, 'utf8').trim() || undefined;
        } catch {
          current = undefined; // never written yet
        }
      }
      return current;
    },
    set(id) {
      if (id === current) return;
      current = id;
      loaded = true;
      void fs.promises
        .mkdir(path.dirname(file), { recursive: true })
        .then(() => fs.promises.writeFile(file, id ?? ''))
        .catch(() => undefined);
    },
  };
}
