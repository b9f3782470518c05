import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTING_DEFAULTS, SETTINGS_SECTION, settingValue, type SettingKey } from '../../../src/core/settingDefaults';

interface ManifestProperty {
  type: string | string[];
  default: unknown;
}

/** Every `clineCompanion.*` property of package.json's contributes.configuration, by key without the section. */
function manifestProperties(): Map<string, ManifestProperty> {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
  const sections: Array<{ properties: Record<string, ManifestProperty> }> = manifest.contributes.configuration;
  const properties = new Map<string, ManifestProperty>();
  for (const section of sections) {
    for (const [name, property] of Object.entries(section.properties)) {
      assert.ok(name.startsWith(`${SETTINGS_SECTION}.`), name);
      properties.set(name.slice(SETTINGS_SECTION.length + 1), property);
    }
  }
  return properties;
}

/** The JSON-schema type of a value, as package.json writes it. */
function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

describe('setting defaults: the code and package.json agree', () => {
  const manifest = manifestProperties();
  const codeKeys = Object.keys(SETTING_DEFAULTS) as SettingKey[];

  it('the code knows every setting package.json declares, and declares none of its own', () => {
    assert.deepEqual([...codeKeys].sort(), [...manifest.keys()].sort());
  });

  for (const key of codeKeys) {
    it(`${key}: the same default, of a type package.json allows`, () => {
      const property = manifest.get(key);
      assert.ok(property, `package.json has no clineCompanion.${key}`);
      assert.deepEqual(SETTING_DEFAULTS[key], property.default);
      const types = Array.isArray(property.type) ? property.type : [property.type];
      assert.ok(types.includes(jsonType(SETTING_DEFAULTS[key])), `${jsonType(SETTING_DEFAULTS[key])} is not one of ${types.join(', ')}`);
    });
  }
});

describe('settingValue', () => {
  it('gives the default for an unset value or one of the wrong type', () => {
    assert.equal(settingValue('cline.timeoutSeconds', undefined), 60);
    assert.equal(settingValue('cline.timeoutSeconds', '90'), 60);
    assert.equal(settingValue('cline.timeoutSeconds', 90), 90);
    assert.deepEqual(settingValue('codeLens.actions', 'explain'), ['explain', 'writeTests', 'refactor']);
  });

  it('hands out arrays that may be changed without changing the default', () => {
    const tags = settingValue('codeLens.todo.tags', undefined);
    tags.push('NOTE');
    assert.deepEqual(SETTING_DEFAULTS['codeLens.todo.tags'], ['TODO', 'FIXME', 'HACK', 'XXX']);
  });

  it('keeps a value whose default is null (chat.temperature: a number set by the user)', () => {
    assert.equal(settingValue('chat.temperature', 0.7), 0.7);
    assert.equal(settingValue('chat.temperature', 0), 0);
    assert.equal(settingValue('chat.temperature', null), null);
  });
});
