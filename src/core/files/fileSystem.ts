/**
 * The few file operations the chat history needs, as an interface: the store and the atomic writer use
 * `nodeFileSystem`, and tests inject failures (a rename that Windows refuses for a moment) into it.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';

export interface FileSystem {
  /** UTF-8 text. */
  readFile(path: string): Promise<string>;
  /** UTF-8 text; replaces the file. */
  writeFile(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Deletes a file; no error when it is already gone. */
  remove(path: string): Promise<void>;
  /** Creates the folder and its parents; no error when it exists. */
  makeFolder(path: string): Promise<void>;
  /** The names in a folder. */
  readFolder(path: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  /** Last modification time, in milliseconds since the epoch. */
  modifiedAt(path: string): Promise<number>;
}

export const nodeFileSystem: FileSystem = {
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  makeFolder: async (path) => void (await mkdir(path, { recursive: true })),
  readFolder: (path) => readdir(path),
  exists: (path) =>
    stat(path).then(
      () => true,
      () => false,
    ),
  modifiedAt: async (path) => (await stat(path)).mtimeMs,
};
