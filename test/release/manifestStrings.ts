/**
 * The words of the manifest that users see (command titles, view names, settings' descriptions, the walkthrough,
 * the welcome content…), each with the key it has in package.nls.json. One list for the conversion script
 * (localizeManifest.ts) and for the test that every one of them is a `%key%` (test/unit/l10n/l10nBundles.test.ts).
 * Ids, `when` clauses, enum values and defaults are not words: they stay as they are.
 */

type Json = Record<string, unknown>;

/** One string of the manifest the user sees: its text (or `%key%` once localised) and the key it gets. */
export interface ManifestText {
  key: string;
  value: string;
  /** Replaces the string in the manifest object (with `%key%`). */
  set(text: string): void;
}

/** What a setting's schema shows: descriptions, enum descriptions, error and deprecation messages. */
const SCHEMA_TEXT_FIELDS = [
  'title',
  'description',
  'markdownDescription',
  'patternErrorMessage',
  'deprecationMessage',
  'markdownDeprecationMessage',
];
const SCHEMA_TEXT_LISTS = ['enumDescriptions', 'markdownEnumDescriptions'];

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
/** Ids without our prefix, for shorter keys: `clineCompanion.startTask` → `startTask`. */
const short = (id: unknown): string => String(id).replace(/^clineCompanion\./, '');

export function manifestTexts(manifest: Json): ManifestText[] {
  const texts: ManifestText[] = [];
  const add = (owner: Json | unknown[], field: string | number, key: string): void => {
    const value = (owner as Record<string | number, unknown>)[field];
    if (typeof value !== 'string' || value === '') return;
    texts.push({ key, value, set: (text) => ((owner as Record<string | number, unknown>)[field] = text) });
  };

  add(manifest, 'displayName', 'displayName');
  add(manifest, 'description', 'description');
  const capabilities = isRecord(manifest.capabilities) ? manifest.capabilities : {};
  for (const [name, capability] of Object.entries(capabilities)) {
    if (isRecord(capability)) add(capability, 'description', `capabilities.${name}.description`);
  }

  const contributes = isRecord(manifest.contributes) ? manifest.contributes : {};
  for (const command of records(contributes.commands)) {
    add(command, 'title', `command.${short(command.command)}.title`);
    add(command, 'shortTitle', `command.${short(command.command)}.shortTitle`);
    // Every command has the same category: one key, translated once.
    add(command, 'category', 'command.category');
  }
  for (const containers of Object.values(isRecord(contributes.viewsContainers) ? contributes.viewsContainers : {})) {
    for (const container of records(containers)) add(container, 'title', `viewsContainer.${short(container.id)}.title`);
  }
  for (const views of Object.values(isRecord(contributes.views) ? contributes.views : {})) {
    for (const view of records(views)) {
      add(view, 'name', `view.${short(view.id)}.name`);
      add(view, 'contextualTitle', `view.${short(view.id)}.contextualTitle`);
    }
  }
  for (const submenu of records(contributes.submenus)) add(submenu, 'label', `submenu.${short(submenu.id)}.label`);
  const welcomeCount = new Map<string, number>();
  for (const welcome of records(contributes.viewsWelcome)) {
    const view = short(welcome.view);
    const index = welcomeCount.get(view) ?? 0;
    welcomeCount.set(view, index + 1);
    add(welcome, 'contents', `viewsWelcome.${view}.${index}`);
  }
  for (const walkthrough of records(contributes.walkthroughs)) {
    const prefix = `walkthrough.${short(walkthrough.id)}`;
    add(walkthrough, 'title', `${prefix}.title`);
    add(walkthrough, 'description', `${prefix}.description`);
    for (const step of records(walkthrough.steps)) {
      add(step, 'title', `${prefix}.step.${step.id}.title`);
      add(step, 'description', `${prefix}.step.${step.id}.description`);
      if (isRecord(step.media)) add(step.media, 'altText', `${prefix}.step.${step.id}.altText`);
    }
  }
  const configurations = Array.isArray(contributes.configuration) ? contributes.configuration : [contributes.configuration];
  for (const section of configurations.filter(isRecord)) {
    add(section, 'title', `configuration.${short(section.id ?? 'title')}.title`);
    for (const [name, schema] of Object.entries(isRecord(section.properties) ? section.properties : {})) {
      schemaTexts(schema, `config.${short(name)}`, add);
    }
  }
  return texts;
}

/** A setting's schema, and the schemas inside it (an array's items, an object's properties). */
function schemaTexts(schema: unknown, key: string, add: (owner: Json | unknown[], field: string | number, key: string) => void): void {
  if (!isRecord(schema)) return;
  for (const field of SCHEMA_TEXT_FIELDS) add(schema, field, `${key}.${field}`);
  for (const field of SCHEMA_TEXT_LISTS) {
    const list = schema[field];
    if (Array.isArray(list)) list.forEach((_, i) => add(list, i, `${key}.${field}.${i}`));
  }
  schemaTexts(schema.items, `${key}.items`, add);
  if (isRecord(schema.additionalProperties)) schemaTexts(schema.additionalProperties, `${key}.additionalProperties`, add);
  for (const [name, inner] of Object.entries(isRecord(schema.properties) ? schema.properties : {}))
    schemaTexts(inner, `${key}.${name}`, add);
}

/** `%key%`: a string VS Code and vsce replace with the text of package.nls(.<language>).json. */
export const NLS_REFERENCE = /^%([\w.-]+)%$/;
