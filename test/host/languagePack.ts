/**
 * A German display language for the offline host. VS Code (and code-server's `--locale`) switches its display
 * language only when a language pack for it is installed and listed in the user-data folder's
 * languagepacks.json; without one it stays English, and no extension gets its package.nls.de.json or
 * bundle.l10n.de.json. The real pack (MS-CEINTL.vscode-language-pack-de) cannot be downloaded here, so
 * test/fixtures/languagePackDe stands in: a language pack that translates nothing of VS Code itself, which is
 * enough for VS Code to run in German and load Cline Companion's own German strings.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtureVsix } from './standInCline';

const PACK_ID = 'companion-tests.language-pack-de-standin';
const PACK_VERSION = '1.0.0';

/**
 * Installs the stand-in German language pack with code-server's CLI and lists it in languagepacks.json, the way
 * VS Code's language pack cache writes it (an installed pack is listed there by the desktop's shared process;
 * code-server's CLI and server do not write the file, so it is written here). Then `--locale de` takes effect.
 */
export function installGermanLanguagePack(cli: string[], env: NodeJS.ProcessEnv, userData: string, extensionsDir: string): void {
  execFileSync(process.execPath, [...cli, '--install-extension', fixtureVsix('languagePackDe', `${PACK_ID}.vsix`)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  const installed = path.join(extensionsDir, `${PACK_ID}-${PACK_VERSION}`);
  const translations = path.join(installed, 'translations', 'main.i18n.json');
  if (!fs.existsSync(translations)) throw new Error(`the German language pack did not install to ${installed}`);
  // The hash names the folder of generated translations (clp/<hash>.de); VS Code uses the md5 of id and version.
  const hash = crypto.createHash('md5').update(PACK_ID).update(PACK_VERSION).digest('hex');
  const languagePacks = {
    de: {
      hash,
      extensions: [{ extensionIdentifier: { id: PACK_ID }, version: PACK_VERSION }],
      translations: { vscode: translations },
      label: 'Deutsch',
    },
  };
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(languagePacks));
}
