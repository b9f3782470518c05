/**
 * `npm run l10n:manifest`: moves every word of package.json the user sees (manifestStrings.ts) into
 * package.nls.json and leaves `%key%` in its place. Strings already `%key%` stay. Run it after adding a command,
 * a setting or a view; then translate the new keys in package.nls.<language>.json (README "Localisation").
 * Writes both files as JSON with two spaces, which is what Prettier keeps.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manifestTexts, NLS_REFERENCE } from './manifestStrings';

const root = path.resolve(__dirname, '../..');
const manifestPath = path.join(root, 'package.json');
const nlsPath = path.join(root, 'package.nls.json');

const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
const nls = fs.existsSync(nlsPath) ? (JSON.parse(fs.readFileSync(nlsPath, 'utf8')) as Record<string, string>) : {};

let moved = 0;
const conflicts: string[] = [];
for (const text of manifestTexts(manifest)) {
  if (NLS_REFERENCE.test(text.value)) continue;
  if (text.key in nls && nls[text.key] !== text.value) {
    // The same key with another text: a changed string, or two strings the key scheme cannot tell apart.
    conflicts.push(`${text.key}: package.nls.json has "${nls[text.key]}", package.json "${text.value}"`);
    continue;
  }
  nls[text.key] = text.value;
  text.set(`%${text.key}%`);
  moved++;
}
if (conflicts.length) {
  console.error(`Not changed; edit package.nls.json by hand for:\n${conflicts.join('\n')}`);
  process.exit(1);
}
fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
fs.writeFileSync(nlsPath, `${JSON.stringify(nls, null, 2)}\n`);
console.log(`${moved} strings moved to package.nls.json (${Object.keys(nls).length} keys).`);
