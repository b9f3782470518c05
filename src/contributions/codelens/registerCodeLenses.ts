/**
 * Registers the lens provider for the configured languages only (never `*` unless the user lists it),
 * and only while lenses are enabled. Settings changes apply at once: the provider is re-registered when
 * the language list or the master switch changes, and refreshed for every other lens setting.
 */
import * as vscode from 'vscode';
import { onSettingsChange } from '../../adapters/settings/config';
import type { TemplateCatalog } from '../../adapters/prompts/templateCatalog';
import type { Log } from '../../adapters/log';
import { ClineCodeLensProvider } from './clineCodeLensProvider';
import { lensDocumentSelector, readCodeLensSettings } from '../../adapters/settings/codeLensSettings';

/** `queueLens`: whether TODO comments also get "Add to Queue" (task events connected); call `refresh` when it changes. */
export function registerCodeLenses(
  templates: TemplateCatalog,
  log: Log,
  queueLens?: () => boolean,
): vscode.Disposable & { refresh(): void } {
  const provider = new ClineCodeLensProvider(templates, queueLens);
  let registration: vscode.Disposable | undefined;
  let registeredFor = '';

  const sync = (): void => {
    const settings = readCodeLensSettings();
    const wanted = settings.enabled ? JSON.stringify(settings.languages) : '';
    if (wanted !== registeredFor) {
      registration?.dispose();
      registration = undefined;
      registeredFor = wanted;
      if (settings.enabled) {
        registration = vscode.languages.registerCodeLensProvider(lensDocumentSelector(settings), provider);
        log.debug(`code lenses registered for ${settings.languages.join(', ')}`);
      } else {
        log.debug('code lenses off');
      }
    }
    provider.refresh();
  };
  sync();

  const subscriptions = [
    onSettingsChange('codeLens', sync),
    // Lens rows may show user templates: their titles and icons come from here.
    onSettingsChange('prompts', () => provider.refresh()),
  ];
  return Object.assign(
    new vscode.Disposable(() => {
      registration?.dispose();
      for (const s of subscriptions) s.dispose();
      provider.dispose();
    }),
    { refresh: () => provider.refresh() },
  );
}
