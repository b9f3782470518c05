import assert from 'node:assert/strict';
import {
  DEFAULT_SEARCH_RESULTS,
  MAX_SEARCH_RESULTS,
  globArgumentMatcher,
  parseToolArguments,
  tools,
} from '../../../src/core/tools/toolDefinitions';
import { TOOL_NAMES } from '../../../src/core/tools/toolTypes';

/** The error text for arguments that must be refused (fails the test if they are accepted). */
function errorFor(name: string, json: string): string {
  const parsed = parseToolArguments(name, json);
  assert.equal(parsed.ok, false, `expected ${name} ${String(json).slice(0, 80)} to be refused`);
  return (parsed as { error: string }).error;
}

function argsOf(name: string, json: string): unknown {
  const parsed = parseToolArguments(name, json);
  if (!parsed.ok) assert.fail(`expected ${name} ${json} to be accepted, got: ${parsed.error}`);
  assert.equal(parsed.call.name, name);
  return parsed.call.args;
}

describe('tools/toolDefinitions', () => {
  it('defines exactly the five tools, with the parameters of the interface', () => {
    assert.deepEqual(
      tools.map((t) => t.function.name),
      [...TOOL_NAMES],
    );
    const parameters = Object.fromEntries(
      tools.map((t) => [
        t.function.name,
        { properties: Object.keys(t.function.parameters.properties as object), required: t.function.parameters.required ?? [] },
      ]),
    );
    assert.deepEqual(parameters, {
      read_file: { properties: ['path', 'startLine', 'endLine'], required: ['path'] },
      list_files: { properties: ['path', 'glob', 'recursive'], required: [] },
      search_text: { properties: ['query', 'isRegex', 'glob', 'maxResults'], required: ['query'] },
      get_problems: { properties: ['path'], required: [] },
      get_symbols: { properties: ['path'], required: ['path'] },
    });
    for (const tool of tools) {
      assert.equal(tool.type, 'function');
      assert.match(tool.function.description, /read-only/i, `${tool.function.name} says it only reads`);
      assert.match(tool.function.description, /relative to the workspace/i);
    }
    // What is sent must survive JSON (the request body).
    assert.deepEqual(JSON.parse(JSON.stringify(tools)), tools);
  });

  it('accepts valid arguments and types them, null meaning "not given"', () => {
    assert.deepEqual(argsOf('read_file', '{"path":"src/a.ts","startLine":3,"endLine":9}'), { path: 'src/a.ts', startLine: 3, endLine: 9 });
    assert.deepEqual(argsOf('read_file', '{"path":"a.ts","startLine":null,"endLine":null}'), { path: 'a.ts' });
    assert.deepEqual(argsOf('list_files', ''), {});
    assert.deepEqual(argsOf('list_files', '{"path":"src","glob":"*.ts","recursive":true}'), { path: 'src', glob: '*.ts', recursive: true });
    assert.deepEqual(argsOf('search_text', '{"query":"TODO"}'), { query: 'TODO', isRegex: false, maxResults: DEFAULT_SEARCH_RESULTS });
    assert.deepEqual(argsOf('search_text', '{"query":"a.b","isRegex":true,"glob":"*.md","maxResults":7}'), {
      query: 'a.b',
      isRegex: true,
      glob: '*.md',
      maxResults: 7,
    });
    assert.deepEqual(argsOf('get_problems', '{}'), {});
    assert.deepEqual(argsOf('get_symbols', '{"path":"x.py"}'), { path: 'x.py' });
    // Extra properties a model invents are dropped, not passed on.
    assert.deepEqual(argsOf('get_symbols', '{"path":"x.py","reason":"curious"}'), { path: 'x.py' });
  });

  it('caps maxResults instead of refusing a big one', () => {
    assert.equal((argsOf('search_text', '{"query":"x","maxResults":100000}') as { maxResults: number }).maxResults, MAX_SEARCH_RESULTS);
  });

  it('names an unknown tool and lists the real ones', () => {
    const error = errorFor('write_file', '{"path":"a"}');
    assert.match(error, /Unknown tool "write_file"/);
    assert.match(error, /read_file, list_files, search_text, get_problems, get_symbols/);
    assert.ok(errorFor('x'.repeat(10_000), '{}').length < 300, 'a huge name is not echoed whole');
  });

  it('says what is wrong with arguments that are not a JSON object', () => {
    assert.match(errorFor('read_file', '{"path": "a.ts"'), /Invalid arguments for read_file: the arguments are not valid JSON/);
    assert.match(errorFor('read_file', '["a.ts"]'), /must be a JSON object/);
    assert.match(errorFor('read_file', '"a.ts"'), /must be a JSON object/);
    assert.match(errorFor('read_file', 'null'), /must be a JSON object/);
    assert.match(errorFor('read_file', `{"path":"${'a'.repeat(70_000)}"}`), /longer than/);
    assert.match(errorFor('read_file', undefined as unknown as string), /not a JSON text/);
  });

  it('names a missing required argument and shows the parameters', () => {
    const error = errorFor('read_file', '{}');
    assert.match(error, /"path" is required/);
    assert.match(error, /Expected \{path, startLine\?, endLine\?\}/);
    assert.match(errorFor('search_text', '{"glob":"*.ts"}'), /"query" is required/);
    assert.match(errorFor('get_symbols', '{"path":null}'), /"path" is required/);
  });

  it('names a wrong-typed argument', () => {
    assert.match(errorFor('read_file', '{"path":42}'), /"path" must be a string/);
    assert.match(errorFor('read_file', '{"path":"a","startLine":"3"}'), /"startLine" must be a whole number/);
    assert.match(errorFor('read_file', '{"path":"a","startLine":1.5}'), /"startLine" must be a whole number/);
    assert.match(errorFor('read_file', '{"path":"a","startLine":0}'), /"startLine" must be 1 or more/);
    assert.match(errorFor('read_file', '{"path":"a","startLine":5,"endLine":2}'), /"endLine" must not be before "startLine"/);
    assert.match(errorFor('list_files', '{"recursive":"yes"}'), /"recursive" must be true or false/);
    assert.match(errorFor('search_text', '{"query":"x","maxResults":-1}'), /"maxResults" must be 1 or more/);
    assert.match(errorFor('search_text', '{"query":["x"]}'), /"query" must be a string/);
    assert.match(errorFor('search_text', '{"query":""}'), /"query" must not be empty/);
    assert.match(errorFor('get_problems', '{"path":{}}'), /"path" must be a string/);
  });

  it('refuses huge arguments with their limit', () => {
    assert.match(errorFor('read_file', JSON.stringify({ path: 'a/'.repeat(2049) })), /"path" is longer than 4096 characters/);
    assert.match(errorFor('search_text', JSON.stringify({ query: 'q'.repeat(1001) })), /"query" is longer than 1000 characters/);
    assert.match(errorFor('list_files', JSON.stringify({ glob: '*'.repeat(1001) })), /"glob" is longer than 1000 characters/);
    assert.ok(parseToolArguments('search_text', JSON.stringify({ query: 'q'.repeat(1000) })).ok, '1000 characters are fine');
  });

  it('never throws, whatever the arguments', () => {
    const inputs = ['', ' ', '{', '}', '[]', '0', 'true', '{"path":true}', '{"__proto__":{"path":"x"}}', '\u0000', '{"path":"\\u0000"}'];
    for (const name of [...TOOL_NAMES, 'nope', '']) {
      for (const json of inputs) assert.doesNotThrow(() => parseToolArguments(name, json));
    }
  });

  describe('globArgumentMatcher', () => {
    it('matches a glob without "/" against names at any depth, one with "/" against the whole relative path', () => {
      const ts = globArgumentMatcher('*.ts');
      assert.ok(ts('a.ts') && ts('src/deep/b.ts'));
      assert.ok(!ts('a.tsx') && !ts('src/a.js'));
      const nested = globArgumentMatcher('src/**/*.test.ts');
      assert.ok(nested('src/a.test.ts') && nested('src/x/y/a.test.ts'));
      assert.ok(!nested('lib/src/a.test.ts') && !nested('a.test.ts'));
      assert.ok(globArgumentMatcher('./src/*.ts')('src/a.ts'), 'a leading ./ is the folder itself');
      assert.ok(globArgumentMatcher('*.yml')('.github/workflows/ci.yml'), 'dot folders are not special');
      assert.ok(globArgumentMatcher('.env*')('config/.env.local'));
    });
  });
});
