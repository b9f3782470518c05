/**
 * Where comments and string literals start and end, per VS Code language id. Just enough lexing for the
 * TODO scanner to tell "a tag in a comment" from "a tag in a string or in code": not a parser.
 *
 * Each rule is keyed by the text that opens it. A `when` guard, checked only when the opener is found,
 * handles the context-dependent cases cheaply (a shell `#` must start a word; TeX `\%` is no comment).
 */

/** Decides, at an opener found at `at`, whether it really opens the construct. */
type OpenerGuard = (text: string, at: number) => boolean;

export type SyntaxRule =
  | { kind: 'line'; open: string; when?: OpenerGuard }
  | { kind: 'block'; open: string; close: string; nests?: boolean; when?: OpenerGuard }
  | {
      kind: 'string';
      open: string;
      close: string;
      /** Backslash escapes apply inside. */
      escapes: boolean;
      /** May span lines; otherwise an unterminated string ends at the end of its line. */
      multiline: boolean;
      /** Python: a triple-quoted string that starts a statement is a docstring, read as a comment. */
      docstring?: boolean;
      /** C#: `@"..."` is verbatim (no escapes, may span lines). */
      verbatimAt?: boolean;
      /** Rust: `r"..."`, `r#"..."#` are raw (no escapes). */
      rustRaw?: boolean;
      when?: OpenerGuard;
    }
  /** `'x'` / `'\n'` is a character literal; any other `'` (Rust lifetime, Haskell prime) is plain code. */
  | { kind: 'char' }
  /** JavaScript regular-expression literal, told apart from division by what precedes the `/`. */
  | { kind: 'regex' }
  /** JavaScript template literal: a backtick string whose `${...}` parts are code (and may nest templates). */
  | { kind: 'template' };

export interface CommentSyntax {
  rules: readonly SyntaxRule[];
}

// ---- guards ----

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Only spaces or tabs between the start of the line and `at`. */
export function atLineStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Shell, YAML, HTML: the marker must start a word (`a#b`, `$#`, `http://x` are not comments). */
const afterSpace: OpenerGuard = (text, at) => at === 0 || isSpace(text.charCodeAt(at - 1));
/** Shell: also right after an operator (`cmd;# note`, `(# x`). */
const shellHash: OpenerGuard = (text, at) => at === 0 || isSpace(text.charCodeAt(at - 1)) || ';|&()'.includes(text[at - 1]);
/** TeX `\%`, make `\#`: an escaped marker is plain text. */
const notEscaped: OpenerGuard = (text, at) => at === 0 || text.charCodeAt(at - 1) !== 92;
/** PHP 8 attributes `#[...]` are not comments. */
const phpHash: OpenerGuard = (text, at) => text.charCodeAt(at + 1) !== 91;
/** Sass/Less: `url(http://x)` is not a comment. */
const notAfterColon: OpenerGuard = (text, at) => at === 0 || text.charCodeAt(at - 1) !== 58;
/** Batch `REM`/`::`, Ruby `=begin`, MATLAB `%{`: only at the start of a line (optionally after `@`). */
const lineStart: OpenerGuard = (text, at) => atLineStart(text, at) || (text[at - 1] === '@' && atLineStart(text, at - 1));
/** `REM` must be followed by a space or the end of the line (`REMOVE` is a command). */
const batchRem: OpenerGuard = (text, at) => lineStart(text, at) && !isWordChar(text.charCodeAt(at + 3));

/** YAML: a quote opens a string only where a scalar starts (not in `don't` inside a plain scalar). */
const yamlQuote: OpenerGuard = (text, at) => {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    return c === 10 || ':-[{,?'.includes(text[i]);
  }
  return true;
};

/** MATLAB: after a value (`a'`, `x(1)'`, `b.'`) a quote is the transpose operator. */
const matlabQuote: OpenerGuard = (text, at) => {
  if (at === 0) return true;
  const c = text.charCodeAt(at - 1);
  return !(isWordChar(c) || c === 41 || c === 93 || c === 125 || c === 46 || c === 39);
};

// ---- rule builders ----

const line = (open: string, when?: OpenerGuard): SyntaxRule => ({ kind: 'line', open, when });
const block = (open: string, close: string, nests = false, when?: OpenerGuard): SyntaxRule => ({
  kind: 'block',
  open,
  close,
  nests,
  when,
});
/** A one-line string with backslash escapes, the common case. */
const str = (quote: string, extra: Partial<Extract<SyntaxRule, { kind: 'string' }>> = {}): SyntaxRule => ({
  kind: 'string',
  open: quote,
  close: quote,
  escapes: true,
  multiline: false,
  ...extra,
});
const multi = (quote: string, escapes: boolean, extra: Partial<Extract<SyntaxRule, { kind: 'string' }>> = {}): SyntaxRule =>
  str(quote, { multiline: true, escapes, ...extra });
const CHAR: SyntaxRule = { kind: 'char' };
const REGEX: SyntaxRule = { kind: 'regex' };
const TEMPLATE: SyntaxRule = { kind: 'template' };

const C_COMMENTS = [line('//'), block('/*', '*/')];
const C_STRINGS = [str('"'), str("'")];

// ---- families ----

const cStyle: CommentSyntax = { rules: [...C_COMMENTS, ...C_STRINGS] };
const javascript: CommentSyntax = { rules: [...C_COMMENTS, ...C_STRINGS, TEMPLATE, REGEX] };
const java: CommentSyntax = { rules: [...C_COMMENTS, multi('"""', true), ...C_STRINGS] };
const csharp: CommentSyntax = {
  rules: [...C_COMMENTS, multi('"""', false), str('"', { verbatimAt: true }), str("'")],
};
const go: CommentSyntax = { rules: [...C_COMMENTS, ...C_STRINGS, multi('`', false)] };
const rust: CommentSyntax = {
  rules: [line('//'), block('/*', '*/', true), multi('"', true, { rustRaw: true }), CHAR],
};
/** Kotlin, Scala: nested block comments, raw `"""` strings. */
const kotlin: CommentSyntax = { rules: [line('//'), block('/*', '*/', true), multi('"""', false), ...C_STRINGS] };
const swift: CommentSyntax = { rules: [line('//'), block('/*', '*/', true), multi('"""', true), str('"')] };
const dart: CommentSyntax = {
  rules: [line('//'), block('/*', '*/', true), multi("'''", true), multi('"""', true), ...C_STRINGS],
};
const groovy: CommentSyntax = { rules: [...C_COMMENTS, multi("'''", true), multi('"""', true), ...C_STRINGS] };
const php: CommentSyntax = { rules: [...C_COMMENTS, line('#', phpHash), multi('"', true), multi("'", true)] };
const css: CommentSyntax = { rules: [block('/*', '*/'), ...C_STRINGS] };
const scss: CommentSyntax = { rules: [line('//', notAfterColon), block('/*', '*/'), ...C_STRINGS] };
const json: CommentSyntax = { rules: [...C_COMMENTS, str('"')] };
const fsharp: CommentSyntax = { rules: [line('//'), block('(*', '*)', true), multi('"""', false), str('"'), CHAR] };
const pascal: CommentSyntax = { rules: [line('//'), block('{', '}'), block('(*', '*)'), str("'", { escapes: false })] };
const hcl: CommentSyntax = { rules: [line('#'), ...C_COMMENTS, str('"')] };
const nix: CommentSyntax = { rules: [line('#'), block('/*', '*/'), multi('"', true), multi("''", false)] };

const python: CommentSyntax = {
  rules: [line('#'), multi('"""', true, { docstring: true }), multi("'''", true, { docstring: true }), ...C_STRINGS],
};
const shell: CommentSyntax = { rules: [line('#', shellHash), multi("'", false), multi('"', true), multi('`', true)] };
const ruby: CommentSyntax = {
  rules: [block('=begin', '=end', false, lineStart), line('#'), multi('"', true), multi("'", true)],
};
const perl: CommentSyntax = {
  rules: [block('=pod', '=cut', false, lineStart), block('=head', '=cut', false, lineStart), line('#'), multi('"', true), multi("'", true)],
};
const rLang: CommentSyntax = { rules: [line('#'), multi('"', true), multi("'", true)] };
const yaml: CommentSyntax = {
  rules: [line('#', afterSpace), str('"', { when: yamlQuote }), str("'", { escapes: false, when: yamlQuote })],
};
const toml: CommentSyntax = { rules: [line('#'), multi('"""', true), multi("'''", false), str('"'), str("'", { escapes: false })] };
const ini: CommentSyntax = { rules: [line('#', lineStart), line(';', lineStart)] };
const makefile: CommentSyntax = { rules: [line('#', notEscaped)] };
const cmake: CommentSyntax = { rules: [block('#[[', ']]'), line('#'), multi('"', true)] };
const powershell: CommentSyntax = {
  rules: [block('<#', '#>'), line('#'), multi('"', false), multi("'", false)],
};
const coffeescript: CommentSyntax = {
  rules: [block('###', '###'), line('#'), multi('"""', true), multi("'''", true), multi('"', true), multi("'", true)],
};
const julia: CommentSyntax = { rules: [block('#=', '=#', true), line('#'), multi('"""', true), multi('"', true), CHAR] };
const nim: CommentSyntax = { rules: [block('#[', ']#', true), line('#'), multi('"""', false), str('"'), CHAR] };
const elixir: CommentSyntax = { rules: [line('#'), multi('"""', true), multi("'''", true), multi('"', true), multi("'", true)] };
const graphql: CommentSyntax = { rules: [line('#'), multi('"""', true), str('"')] };

const sql: CommentSyntax = { rules: [line('--'), block('/*', '*/'), multi("'", false), multi('"', false)] };
const mysql: CommentSyntax = { rules: [line('--'), line('#'), block('/*', '*/'), multi("'", true), multi('"', true)] };
const lua: CommentSyntax = {
  rules: [block('--[[', ']]'), line('--'), multi('[[', false, { close: ']]' }), ...C_STRINGS],
};
const haskell: CommentSyntax = { rules: [block('{-', '-}', true), line('--'), str('"'), CHAR] };
const ada: CommentSyntax = { rules: [line('--'), str('"', { escapes: false })] };
const vhdl: CommentSyntax = { rules: [line('--'), block('/*', '*/'), str('"', { escapes: false })] };
const applescript: CommentSyntax = { rules: [block('(*', '*)', true), line('--'), line('#'), str('"')] };
const ocaml: CommentSyntax = { rules: [block('(*', '*)', true), multi('"', true), CHAR] };

const clojure: CommentSyntax = { rules: [line(';'), multi('"', true)] };
const lisp: CommentSyntax = { rules: [block('#|', '|#', true), line(';'), multi('"', true)] };
const asm: CommentSyntax = { rules: [line(';'), str('"')] };

const tex: CommentSyntax = { rules: [line('%', notEscaped)] };
const matlab: CommentSyntax = {
  rules: [block('%{', '%}', false, lineStart), line('%'), str('"', { escapes: false }), str("'", { escapes: false, when: matlabQuote })],
};
const erlang: CommentSyntax = { rules: [line('%'), multi('"', true)] };
const prolog: CommentSyntax = { rules: [line('%'), block('/*', '*/'), str('"'), str("'")] };

const vb: CommentSyntax = { rules: [line("'"), str('"', { escapes: false })] };
const bat: CommentSyntax = {
  rules: [line('REM', batchRem), line('rem', batchRem), line('Rem', batchRem), line('::', lineStart)],
};
const fortran: CommentSyntax = { rules: [line('!'), str('"'), str("'")] };

/** Markup: no string rules, because prose is full of apostrophes. */
const markup: CommentSyntax = { rules: [block('<!--', '-->')] };
/** HTML-like files embed scripts and styles; `//` counts only where it starts a word (not in `https://`). */
const htmlLike: CommentSyntax = { rules: [block('<!--', '-->'), block('/*', '*/'), line('//', afterSpace)] };

const BY_LANGUAGE: ReadonlyMap<string, CommentSyntax> = new Map<string, CommentSyntax>([
  ...(['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'json5'] as const).map(
    (id) => [id, javascript] as [string, CommentSyntax],
  ),
  ...[
    'c',
    'cpp',
    'cuda-cpp',
    'objective-c',
    'objective-cpp',
    'hlsl',
    'glsl',
    'shaderlab',
    'proto',
    'proto3',
    'solidity',
    'zig',
    'd',
    'haxe',
    'apex',
    'verilog',
    'systemverilog',
    'stylus',
    'typst',
    'wgsl',
    'arduino',
  ].map((id) => [id, cStyle] as [string, CommentSyntax]),
  ['java', java],
  ['csharp', csharp],
  ['go', go],
  ['rust', rust],
  ['kotlin', kotlin],
  ['scala', kotlin],
  ['swift', swift],
  ['dart', dart],
  ['groovy', groovy],
  ['php', php],
  ['css', css],
  ['scss', scss],
  ['less', scss],
  ['json', json],
  ['jsonc', json],
  ['jsonl', json],
  ['fsharp', fsharp],
  ['pascal', pascal],
  ['objectpascal', pascal],
  ['terraform', hcl],
  ['hcl', hcl],
  ['nix', nix],
  ['python', python],
  ['starlark', python],
  ['bazel', python],
  ['gdscript', python],
  ['shellscript', shell],
  ['bash', shell],
  ['sh', shell],
  ['zsh', shell],
  ['fish', shell],
  ['dockerfile', shell],
  ['ruby', ruby],
  ['crystal', ruby],
  ['perl', perl],
  ['perl6', perl],
  ['raku', perl],
  ['r', rLang],
  ['tcl', rLang],
  ['awk', rLang],
  ['yaml', yaml],
  ['dotenv', yaml],
  ['toml', toml],
  ['ini', ini],
  ['properties', ini],
  ['editorconfig', ini],
  ['ignore', ini],
  ['makefile', makefile],
  ['cmake', cmake],
  ['powershell', powershell],
  ['coffeescript', coffeescript],
  ['julia', julia],
  ['nim', nim],
  ['elixir', elixir],
  ['graphql', graphql],
  ['sql', sql],
  ['plsql', sql],
  ['postgres', sql],
  ['mysql', mysql],
  ['lua', lua],
  ['haskell', haskell],
  ['elm', haskell],
  ['purescript', haskell],
  ['ada', ada],
  ['vhdl', vhdl],
  ['applescript', applescript],
  ['ocaml', ocaml],
  ['reason', cStyle],
  ['clojure', clojure],
  ['lisp', lisp],
  ['scheme', lisp],
  ['racket', lisp],
  ['commonlisp', lisp],
  ['asm', asm],
  ['nasm', asm],
  ['latex', tex],
  ['tex', tex],
  ['bibtex', tex],
  ['matlab', matlab],
  ['octave', matlab],
  ['erlang', erlang],
  ['prolog', prolog],
  ['vb', vb],
  ['vbscript', vb],
  ['bat', bat],
  ['fortran', fortran],
  ['fortran-modern', fortran],
  ['FortranFreeForm', fortran],
  ['html', htmlLike],
  ['vue', htmlLike],
  ['svelte', htmlLike],
  ['astro', htmlLike],
  ['handlebars', htmlLike],
  ['razor', htmlLike],
  ['xml', markup],
  ['xsl', markup],
  ['svg', markup],
  ['markdown', markup],
]);

/** The syntax for a language id, or undefined when we do not know the language. */
export function commentSyntaxFor(languageId: string): CommentSyntax | undefined {
  return BY_LANGUAGE.get(languageId);
}
