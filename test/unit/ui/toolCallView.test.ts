/** What a tool call's summary line says it asked for, and how its arguments are shown (toolCallView.ts), in Node. */
import { strict as assert } from 'node:assert';
import { argumentBrief, prettyArguments } from '../../../src/ui/toolCallView';

describe('tool call arguments, for the user', () => {
  it('says in a few words what each workspace tool asked for', () => {
    const cases: Array<[string, unknown, string]> = [
      ['read_file', { path: 'src/app.ts' }, 'src/app.ts'],
      ['read_file', { path: 'src/app.ts', startLine: 1, endLine: 40 }, 'src/app.ts lines 1-40'],
      ['read_file', { path: 'a.ts', startLine: 10 }, 'a.ts lines 10-end'],
      ['read_file', { path: 'a.ts', endLine: 5 }, 'a.ts lines 1-5'],
      ['list_files', {}, '.'],
      ['list_files', { path: 'src', glob: '**/*.ts', recursive: true }, 'src **/*.ts (recursive)'],
      ['search_text', { query: 'TODO' }, '"TODO"'],
      ['search_text', { query: 'a"b', glob: 'src/**' }, '"a\\"b" in src/**'],
      ['get_problems', {}, 'whole workspace'],
      ['get_problems', { path: 'src/app.ts' }, 'src/app.ts'],
      ['get_symbols', { path: 'src/app.ts' }, 'src/app.ts'],
      ['get_weather', { city: 'Paris' }, ''],
    ];
    for (const [name, args, brief] of cases)
      assert.equal(argumentBrief(name, JSON.stringify(args)), brief, `${name} ${JSON.stringify(args)}`);
  });

  it('says nothing for arguments that are not a JSON object, or of the wrong type', () => {
    for (const args of ['', '{"path":', 'null', '[1]', '"src"', '42']) assert.equal(argumentBrief('read_file', args), '', args);
    assert.equal(argumentBrief('read_file', '{"path":{"x":1}}'), '');
    assert.equal(argumentBrief('list_files', '{"recursive":"yes"}'), '.');
  });

  it('indents complete JSON and keeps anything else exactly as the model sent it', () => {
    assert.equal(prettyArguments('{"path":"a","n":[1,2]}'), '{\n  "path": "a",\n  "n": [\n    1,\n    2\n  ]\n}');
    assert.equal(prettyArguments('{"path": "a"'), '{"path": "a"');
    assert.equal(prettyArguments('not json <b>'), 'not json <b>');
  });
});
