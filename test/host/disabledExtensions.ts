/**
 * Disables extensions in a code-server workbench. code-server rejects VS Code's
 * `--disable-extension` flag; in the web workbench the disabled list lives in the browser's
 * storage (IndexedDB `vscode-web-state-db-global`, key `extensionsIdentifiers/disabled`), so the page
 * writes it there before the workbench reads it.
 */
import type { Page } from 'playwright-core';

export async function disableExtensionsInPage(page: Page, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await page.addInitScript((disabled: string[]) => {
    const request = indexedDB.open('vscode-web-state-db-global');
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains('ItemTable')) request.result.createObjectStore('ItemTable');
    };
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('ItemTable', 'readwrite');
      tx.objectStore('ItemTable').put(JSON.stringify(disabled.map((id) => ({ id }))), 'extensionsIdentifiers/disabled');
      tx.oncomplete = () => db.close();
    };
  }, ids);
}
