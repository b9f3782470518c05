import assert from 'node:assert/strict';
import { DEFAULT_TODO_TAGS, scanTodos, type TodoMatch } from '../../../src/core/scanners/todoScanner';
import { generateSource } from '../../bench/codelensBench';

/** [line, tag, text] of each match: compact to assert on. */
function found(text: string, languageId: string, tags?: string[]): [number, string, string][] {
  return scanTodos(text, { languageId, tags }).map((m) => [m.line, m.tag, m.text]);
}

describe('codelens/todoScanner', () => {
  describe('basics', () => {
    it('finds a tag in a line comment with its position', () => {
      const [m] = scanTodos('let a = 1;\n  // TODO: fix this  \n', { languageId: 'typescript' });
      assert.deepEqual(m, { tag: 'TODO', text: 'fix this', line: 1, startCharacter: 5, endCharacter: 19 } satisfies TodoMatch);
    });

    it('extracts the author and the text after (author):', () => {
      const [m] = scanTodos('// TODO(bob): fix this', { languageId: 'javascript' });
      assert.equal(m.text, 'fix this');
      assert.equal(m.author, 'bob');
      assert.equal(m.endCharacter, 22);
    });

    it('accepts no separator, a dash, or nothing after the tag', () => {
      assert.deepEqual(found('// FIXME handle it\n// HACK - temporary\n// XXX\n// TODO:\n', 'c'), [
        [0, 'FIXME', 'handle it'],
        [1, 'HACK', 'temporary'],
        [2, 'XXX', ''],
        [3, 'TODO', ''],
      ]);
      const [bare] = scanTodos('// TODO(ann):', { languageId: 'c' });
      assert.equal(bare.endCharacter, '// TODO(ann):'.length, 'a bare tag spans tag, author and colon');
    });

    it('uses the default tags TODO, FIXME, HACK, XXX', () => {
      assert.deepEqual([...DEFAULT_TODO_TAGS], ['TODO', 'FIXME', 'HACK', 'XXX']);
    });

    it('matches uppercase tags only, as configured', () => {
      assert.deepEqual(found('// todo: a\n// Todo: b\n// fixme\n', 'typescript'), []);
      assert.deepEqual(found('// NOTE: n\n// TODO: t\n', 'typescript', ['NOTE']), [[0, 'NOTE', 'n']]);
    });

    it('needs word boundaries around the tag', () => {
      assert.deepEqual(found('// TODOS\n// MY_TODO\n// XXXL size\n// TODO2\n', 'typescript'), []);
      assert.deepEqual(found('// @TODO write\n// [FIXME] later\n', 'typescript'), [
        [0, 'TODO', 'write'],
        [1, 'FIXME', '] later'],
      ]);
    });

    it('reports one match per line, the first tag', () => {
      assert.deepEqual(found('// TODO: a FIXME: b\n', 'typescript'), [[0, 'TODO', 'a FIXME: b']]);
    });

    it('handles CRLF line endings', () => {
      const matches = scanTodos('int a;\r\n// TODO: crlf\r\nint b; /* FIXME */\r\n', { languageId: 'c' });
      assert.deepEqual(
        matches.map((m) => [m.line, m.text, m.startCharacter]),
        [
          [1, 'crlf', 3],
          [2, '', 10],
        ],
      );
    });

    it('returns nothing for empty text, no tags or an empty tag list', () => {
      assert.deepEqual(scanTodos('', { languageId: 'typescript' }), []);
      assert.deepEqual(scanTodos('const a = 1; // nothing to do\n', { languageId: 'typescript' }), []);
      assert.deepEqual(scanTodos('// TODO x', { languageId: 'typescript', tags: [' ', ''] }), []);
    });
  });

  describe('JavaScript / TypeScript', () => {
    it('ignores tags inside strings and templates', () => {
      const code = [
        `const a = "TODO: no";`,
        `const b = 'FIXME: no';`,
        'const c = `HACK: no`;',
        `const d = "// TODO: no";`,
        `const e = '/* TODO: no */';`,
      ].join('\n');
      assert.deepEqual(found(code, 'typescript'), []);
    });

    it('finds a comment after a string with a tag in it', () => {
      assert.deepEqual(found(`const a = "TODO"; // FIXME: real\n`, 'typescript'), [[0, 'FIXME', 'real']]);
    });

    it('handles escaped quotes in strings', () => {
      assert.deepEqual(found(`const a = "say \\"// TODO: no\\""; // TODO: yes\n`, 'javascript'), [[0, 'TODO', 'yes']]);
    });

    it('finds tags in block comments, one per line, without the closer', () => {
      const code = '/**\n * Parses.\n * TODO: support quotes\n * FIXME: and escapes */\nfunction f() { /* HACK: inline */ }\n';
      assert.deepEqual(found(code, 'typescript'), [
        [2, 'TODO', 'support quotes'],
        [3, 'FIXME', 'and escapes'],
        [4, 'HACK', 'inline'],
      ]);
    });

    it('treats the rest of the file as comment after an unterminated block comment', () => {
      assert.deepEqual(found('/* open\nTODO: inside\n', 'typescript'), [[1, 'TODO', 'inside']]);
    });

    it('skips multi-line template literals, including nested ${} with strings and templates', () => {
      const code = [
        'const t = `line one',
        '// TODO: inside the template, not a comment',
        '${items.map((x) => `<li>${x + "}"}</li>`).join("")}',
        '`; // FIXME: after the template',
        'const u = `a ${`b ${"}"}`} c`; // HACK: after nested',
      ].join('\n');
      assert.deepEqual(found(code, 'typescriptreact'), [
        [3, 'FIXME', 'after the template'],
        [4, 'HACK', 'after nested'],
      ]);
    });

    it('tells regex literals from division', () => {
      const code = [
        `s = s.replace(/"/g, ''); // TODO: after a regex with a quote`,
        `x = a / b; y = c / d; // FIXME: after divisions`,
        'const r = /`/; // HACK: after a regex with a backtick',
        'return /\\/\\/ TODO/.test(s);',
      ].join('\n');
      assert.deepEqual(found(code, 'javascript'), [
        [0, 'TODO', 'after a regex with a quote'],
        [1, 'FIXME', 'after divisions'],
        [2, 'HACK', 'after a regex with a backtick'],
      ]);
    });

    it('does not take a JSX closing tag for a regex', () => {
      assert.deepEqual(found(`const el = <b>it</b>; // TODO: jsx\n`, 'typescriptreact'), [[0, 'TODO', 'jsx']]);
    });

    it('keeps line numbers right across many lines and skipped regions', () => {
      const filler = 'const x = `a`;\n'.repeat(500);
      const code = `${filler}// TODO: one\n${filler}/* FIXME: two */\n`;
      assert.deepEqual(found(code, 'typescript'), [
        [500, 'TODO', 'one'],
        [1001, 'FIXME', 'two'],
      ]);
    });
  });

  describe('Python', () => {
    it('# comments, not "#" in strings', () => {
      const code = ['x = "# TODO: no"', "y = '# FIXME: no'  # HACK: yes", '# TODO: top'].join('\n');
      assert.deepEqual(found(code, 'python'), [
        [1, 'HACK', 'yes'],
        [2, 'TODO', 'top'],
      ]);
    });

    it('reads docstrings as comments, but not triple-quoted data', () => {
      const code = [
        'def f():',
        '    """TODO: document f"""',
        '    sql = """',
        '    -- TODO: not a comment, data',
        '    """',
        "    '''",
        '    FIXME: multi-line docstring',
        "    '''",
      ].join('\n');
      assert.deepEqual(found(code, 'python'), [
        [1, 'TODO', 'document f'],
        [6, 'FIXME', 'multi-line docstring'],
      ]);
    });
  });

  describe('other languages', () => {
    const cases: [string, string, [number, string, string][]][] = [
      [
        'shellscript',
        'echo "# TODO: no"\necho a#TODO\nn=${#arr} # FIXME: yes\nls # TODO: list',
        [
          [2, 'FIXME', 'yes'],
          [3, 'TODO', 'list'],
        ],
      ],
      [
        'ruby',
        'puts "# TODO: no"\n# TODO: yes\n=begin\nFIXME: in block\n=end\n',
        [
          [1, 'TODO', 'yes'],
          [3, 'FIXME', 'in block'],
        ],
      ],
      ['go', 'var s = `\n// TODO: raw string\n`\n// FIXME: real\n', [[3, 'FIXME', 'real']]],
      [
        'rust',
        'fn f<\'a>(x: &\'a str) {} // TODO: lifetimes\nlet q = \'"\'; // FIXME: char\nlet r = r#"// TODO: raw "quote""#;\n/* outer /* inner */ HACK: still comment */\n',
        [
          [0, 'TODO', 'lifetimes'],
          [1, 'FIXME', 'char'],
          [3, 'HACK', 'still comment'],
        ],
      ],
      ['csharp', 'var p = @"C:\\dir\\"; // TODO: after verbatim\nvar s = "// FIXME: no";\n', [[0, 'TODO', 'after verbatim']]],
      ['java', 'String s = """\n  // TODO: text block\n  """; // FIXME: after\n', [[2, 'FIXME', 'after']]],
      ['c', 'char c = \'"\'; // TODO: after char\nputs("/* FIXME */");\n', [[0, 'TODO', 'after char']]],
      [
        'html',
        '<p>TODO: prose</p>\n<!-- TODO: in comment -->\n<a href="https://x.org">FIXME</a>\n<script>\n  // HACK: script\n</script>\n',
        [
          [1, 'TODO', 'in comment'],
          [4, 'HACK', 'script'],
        ],
      ],
      ['markdown', 'TODO: prose\n<!-- FIXME: hidden -->\n', [[1, 'FIXME', 'hidden']]],
      ['css', '.a { content: "/* TODO */"; } /* FIXME: css */\n', [[0, 'FIXME', 'css']]],
      ['scss', '.a { background: url(http://x/TODO.png); } // TODO: scss\n', [[0, 'TODO', 'scss']]],
      [
        'sql',
        "SELECT '-- TODO: no' FROM t; -- FIXME: sql\n/* TODO: block */\n",
        [
          [0, 'FIXME', 'sql'],
          [1, 'TODO', 'block'],
        ],
      ],
      [
        'lua',
        'local s = "-- TODO: no"\n--[[ FIXME: long\n TODO: comment ]]\n-- HACK: line\n',
        [
          [1, 'FIXME', 'long'],
          [2, 'TODO', 'comment'],
          [3, 'HACK', 'line'],
        ],
      ],
      [
        'haskell',
        "f' x = x -- TODO: prime\n{- FIXME: {- nested -} still -}\n",
        [
          [0, 'TODO', 'prime'],
          [1, 'FIXME', '{- nested -} still'],
        ],
      ],
      ['yaml', 'key: don\'t # TODO: yaml\nother: "# FIXME: no"\nurl: http://x#HACK\n', [[0, 'TODO', 'yaml']]],
      ['latex', '50\\% TODO: no\n% FIXME: tex\n', [[1, 'FIXME', 'tex']]],
      ['clojure', '(str "; TODO no") ; FIXME: lisp\n', [[0, 'FIXME', 'lisp']]],
      [
        'bat',
        'echo TODO\nREM TODO: batch\n:: FIXME: too\n',
        [
          [1, 'TODO', 'batch'],
          [2, 'FIXME', 'too'],
        ],
      ],
      [
        'php',
        '<?php\n#[Attr] // TODO: php\n# FIXME: hash\n$s = "# HACK";\n',
        [
          [1, 'TODO', 'php'],
          [2, 'FIXME', 'hash'],
        ],
      ],
      ['matlab', "a = b'; % TODO: after transpose\ns = 'FIXME';\n", [[0, 'TODO', 'after transpose']]],
      [
        'powershell',
        '<# TODO: block #>\nWrite-Host "# FIXME"\n# HACK: ps\n',
        [
          [0, 'TODO', 'block'],
          [2, 'HACK', 'ps'],
        ],
      ],
      ['vb', 'Dim s = "\' TODO" \' FIXME: vb\n', [[0, 'FIXME', 'vb']]],
    ];
    for (const [languageId, code, expected] of cases) {
      it(languageId, () => assert.deepEqual(found(code, languageId), expected));
    }
  });

  describe('unknown languages', () => {
    it('accepts a tag after a common comment marker on its line', () => {
      const code = [
        'TODO: plain prose',
        '# TODO: hash',
        'x = 1 ; FIXME: semi',
        '  * HACK: block continuation',
        '(* XXX: ml *)',
        "' TODO: basic",
      ].join('\n');
      assert.deepEqual(found(code, 'some-new-language'), [
        [1, 'TODO', 'hash'],
        [2, 'FIXME', 'semi'],
        [3, 'HACK', 'block continuation'],
        [4, 'XXX', 'ml'],
        [5, 'TODO', 'basic'],
      ]);
    });

    it('strips block closers from the text', () => {
      assert.deepEqual(found('/* TODO: closed */\n<!-- FIXME: html -->\n', 'plaintext'), [
        [0, 'TODO', 'closed'],
        [1, 'FIXME', 'html'],
      ]);
    });
  });
});

describe('codelens/todoScanner on generated TypeScript', () => {
  it('finds exactly the tags in comments, across skipped lines, templates and regexes', () => {
    const source = generateSource(300_000, 3);
    const expected = (source.match(/\/\/ TODO\(alice\)|\* FIXME:|\/\/ HACK:/g) ?? []).length;
    assert.ok(expected > 100);
    assert.ok(source.includes("'TODO: this text is a string"), 'the source also has tags in strings');
    const matches = scanTodos(source, { languageId: 'typescript' });
    assert.equal(matches.length, expected);
    const lines = source.split('\n');
    for (const m of matches) {
      assert.equal(lines[m.line].slice(m.startCharacter, m.startCharacter + m.tag.length), m.tag);
      assert.ok(/^(handle negative numbers in part \d+|the retry below .*|avoids a rounding issue)$/.test(m.text), m.text);
    }
  });
});
