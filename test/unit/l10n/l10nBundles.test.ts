/**
 * Localisation (README "Localisation"): every word of the manifest is a `%key%` of package.nls.json, every
 * `l10n.t` string of the host is in l10n/bundle.l10n.json (re-extracted here with @vscode/l10n-dev, the same
 * extractor as `npm run l10n:export`, so a string added without exporting fails), and every other language
 * translates every key with the same placeholders and links.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { manifestTexts, NLS_REFERENCE } from '../../release/manifestStrings';

const root = path.resolve(__dirname, '../../..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const messageOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'object' && value !== null ? String((value as { message?: unknown }).message) : '';

/** What a translation must keep exactly: `{0}` placeholders and the targets of Markdown links (`](command:…)`). */
function invariants(text: string): string[] {
  return [...(text.match(/\{\d+\}/g) ?? []), ...(text.match(/\]\([^)]*\)/g) ?? [])].sort();
}

/** The other languages of a file: package.nls.de.json for package.nls.json. */
function translationsOf(dir: string, base: string): string[] {
  const [name, ext] = [base.slice(0, -'.json'.length), '.json'];
  return fs
    .readdirSync(path.join(root, dir))
    .filter((f) => f.startsWith(`${name}.`) && f.endsWith(ext) && f !== base)
    .map((f) => path.posix.join(dir, f));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function checkTranslations(englishFile: string, translations: string[]): void {
  const english = readJson(englishFile);
  assert.ok(translations.length > 0, `no translation of ${englishFile}`);
  for (const file of translations) {
    const translated = readJson(file);
    assert.deepEqual(
      Object.keys(translated).filter((k) => !(k in english)),
      [],
      `${file} has keys that ${englishFile} no longer has`,
    );
    for (const [key, value] of Object.entries(english)) {
      const text = translated[key];
      assert.ok(typeof text === 'string' && text.trim() !== '', `${file} does not translate ${JSON.stringify(key)}`);
      assert.deepEqual(
        invariants(text),
        invariants(messageOf(value)),
        `${file}: ${JSON.stringify(key)} must keep its placeholders and links`,
      );
    }
  }
}

describe('localisation', () => {
  describe('the manifest (package.nls.json)', () => {
    it('every word the user sees is a %key% with an English text', () => {
      const nls = readJson('package.nls.json');
      const manifest = readJson('package.json');
      const texts = manifestTexts(manifest);
      assert.ok(texts.length > 100, `only ${texts.length} manifest strings found: is manifestStrings.ts still walking package.json?`);
      const plain = texts.filter((t) => !NLS_REFERENCE.test(t.value)).map((t) => `${t.key}: ${t.value}`);
      assert.deepEqual(plain, [], 'run `npm run l10n:manifest` to move these into package.nls.json');
      const missing = texts
        .map((t) => NLS_REFERENCE.exec(t.value)?.[1] ?? '')
        .filter((key) => typeof nls[key] !== 'string' || nls[key] === '');
      assert.deepEqual(missing, [], 'package.nls.json has no text for these keys');
    });

    it('package.nls.json has no key that package.json does not use', () => {
      const nls = readJson('package.nls.json');
      const manifest = readJson('package.json');
      const used = new Set(
        JSON.stringify(manifest)
          .match(/"%[\w.-]+%"/g)
          ?.map((ref) => ref.slice(2, -2)),
      );
      assert.deepEqual(
        Object.keys(nls).filter((key) => !used.has(key)),
        [],
      );
    });

    it('every other language translates every key, keeping placeholders and command links', () => {
      checkTranslations('package.nls.json', translationsOf('.', 'package.nls.json'));
    });
  });

  describe('the host (l10n/bundle.l10n.json)', () => {
    it('holds exactly the vscode.l10n.t strings of src/ (run `npm run l10n:export` after adding one)', async function () {
      this.timeout(60_000);
      const files = sourceFiles(path.join(root, 'src')).map((file) => ({
        contents: fs.readFileSync(file, 'utf8'),
        extension: path.extname(file),
      }));
      const extracted = await getL10nJson(files);
      const bundle = readJson('l10n/bundle.l10n.json');
      assert.ok(Object.keys(extracted).length > 100, 'the extractor found almost nothing: is src/ still using vscode.l10n.t?');
      assert.deepEqual(
        Object.keys(extracted).filter((key) => !(key in bundle)),
        [],
        'these strings are not in l10n/bundle.l10n.json: run `npm run l10n:export`',
      );
      assert.deepEqual(
        Object.keys(bundle).filter((key) => !(key in extracted)),
        [],
        'l10n/bundle.l10n.json has strings no code uses any more: run `npm run l10n:export`',
      );
    });

    it('every other language translates every string, keeping its placeholders', () => {
      checkTranslations('l10n/bundle.l10n.json', translationsOf('l10n', 'bundle.l10n.json'));
    });
  });
});
