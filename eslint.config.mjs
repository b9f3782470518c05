// Lint: the recommended JS and typescript-eslint rules, and the layering rules that keep every import
// pointing down (see "Source layout" in the README). Formatting is Prettier's job, not lint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The layers of src/, lowest first. A file may import its own layer and the ones below it, never above. */
const LAYERS = ['protocol', 'core', 'adapters', 'contributions', 'wiring'];

/** An import of one of these top-level folders of src/, written relatively from anywhere below src/. */
const folderImport = (folders) => `^(\\.\\.?/)+(${folders.join('|')})(/|$)`;

/** no-restricted-imports for a layer: nothing above it, and `vscode` only from the adapters up. */
function layerRule(layer) {
  const above = [...LAYERS.slice(LAYERS.indexOf(layer) + 1), 'ui', 'extension'];
  const pure = layer === 'protocol' || layer === 'core';
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: pure
            ? [
                {
                  name: 'vscode',
                  message: `src/${layer}/ is a pure core: it must not import vscode (put the VS Code part in src/adapters/).`,
                },
              ]
            : [],
          patterns: [
            {
              regex: folderImport(above),
              message: `src/${layer}/ may import only ${LAYERS.slice(0, LAYERS.indexOf(layer) + 1).join(', ')} (imports point down; see the README's source layout).`,
            },
          ],
        },
      ],
    },
  };
}

/**
 * Words the user sees in the host go through `vscode.l10n.t` (README "Localisation"): a string or template literal
 * passed straight to a notification, or as the title, placeholder, prompt, tooltip, label, description or detail of
 * a quick pick, input box, button or tree item, is an error. (A literal that starts with a letter: `''`, `@selection`
 * and `$(icon) ${vscode.l10n.t('…')}` pass.) l10n/bundle.l10n.json is re-extracted and compared by
 * test/unit/l10n/l10nBundles.test.ts, so a translated string that was never exported fails there.
 */
const UNTRANSLATED = [
  {
    selector:
      'CallExpression[callee.property.name=/^(show(Information|Warning|Error)Message|setStatusBarMessage)$/] > Literal.arguments[value=/^[A-Za-z]/]',
    message: 'Words the user sees go through vscode.l10n.t (README "Localisation").',
  },
  {
    selector:
      'CallExpression[callee.property.name=/^(show(Information|Warning|Error)Message|setStatusBarMessage)$/] > TemplateLiteral.arguments > TemplateElement:first-child[value.raw=/^[A-Za-z]/]',
    message: 'Words the user sees go through vscode.l10n.t, with {0} placeholders, not a template literal (README "Localisation").',
  },
  {
    selector:
      'Property[key.name=/^(title|placeHolder|placeholder|prompt|tooltip|label|description|detail|openLabel)$/] > Literal.value[value=/^[A-Za-z]/]',
    message: 'Words the user sees go through vscode.l10n.t (README "Localisation").',
  },
  {
    selector:
      'Property[key.name=/^(title|placeHolder|placeholder|prompt|tooltip|label|description|detail|openLabel)$/] > TemplateLiteral.value > TemplateElement:first-child[value.raw=/^[A-Za-z]/]',
    message: 'Words the user sees go through vscode.l10n.t, with {0} placeholders, not a template literal (README "Localisation").',
  },
  {
    selector:
      'AssignmentExpression[left.property.name=/^(title|placeholder|tooltip|text|name|description)$/] > Literal.right[value=/^[A-Za-z]/]',
    message: 'Words the user sees go through vscode.l10n.t (README "Localisation").',
  },
  {
    selector:
      'AssignmentExpression[left.property.name=/^(title|placeholder|tooltip|text|name|description)$/] > TemplateLiteral.right > TemplateElement:first-child[value.raw=/^[A-Za-z]/]',
    message: 'Words the user sees go through vscode.l10n.t, with {0} placeholders, not a template literal (README "Localisation").',
  },
];

/**
 * The same rule for the chat webview (src/ui/), where the words go through `l10n.t` of `@vscode/l10n` with the
 * host's bundle (README "Localisation"). These are the places this app puts words into the page: the `h()`
 * helper's `text` and its children, a `title`/`label`/`hint`/`placeholder` property, an `aria-label`,
 * `aria-description`, `title`, `placeholder` or `alt` attribute (in `attrs` or through `setAttribute`), an icon
 * button's label, `textContent`/`title`/`placeholder` assignments, DOM text insertion (`append`, `replaceChildren`,
 * `createTextNode`, …), the live region (`announce`) and errors shown to the user. A string or template literal
 * that starts with a letter there, directly or as a branch of `?:` or `||`, is an error.
 */
const WORD = '/^\\s*[A-Za-z]/';
const UI_SINKS = [
  ['Property[key.name=/^(text|title|label|hint|placeholder)$/]', '.value'],
  [
    'Property[key.value=/^(aria-label|aria-description|aria-roledescription|aria-placeholder|aria-valuetext|title|placeholder|alt)$/]',
    '.value',
  ],
  [
    'AssignmentExpression[left.property.name=/^(textContent|innerText|title|placeholder|ariaLabel|ariaDescription|data|nodeValue)$/]',
    '.right',
  ],
  [
    "CallExpression[callee.property.name='setAttribute'][arguments.0.value=/^(aria-label|aria-description|aria-roledescription|aria-placeholder|aria-valuetext|title|placeholder|alt)$/]",
    '.arguments:nth-child(2)',
  ],
  ["CallExpression[callee.name='iconButton']", '.arguments:nth-child(2)'],
  ["CallExpression[callee.name='h']", '.arguments:not(:first-child):not(:nth-child(2))'],
  [
    'CallExpression[callee.property.name=/^(append|prepend|replaceChildren|replaceWith|before|after|createTextNode|appendData|announce)$/]',
    '.arguments',
  ],
  ["NewExpression[callee.name='Error']", '.arguments'],
];
const UI_UNTRANSLATED = UI_SINKS.flatMap(([sink, field]) =>
  [
    `${sink} > Literal${field}[value=${WORD}]`,
    `${sink} > TemplateLiteral${field} > TemplateElement:first-child[value.raw=${WORD}]`,
    `${sink} > ConditionalExpression${field} > Literal[value=${WORD}]`,
    `${sink} > ConditionalExpression${field} > TemplateLiteral > TemplateElement:first-child[value.raw=${WORD}]`,
    `${sink} > LogicalExpression${field} > Literal.right[value=${WORD}]`,
  ].map((selector) => ({
    selector,
    message: 'Words the chat shows go through l10n.t of @vscode/l10n, whole sentences with {0} placeholders (README "Localisation").',
  })),
);

/**
 * The same for the pure cores (src/core/), which translate with `@vscode/l10n`'s `l10n.t` (README "Localisation").
 * Words are written there as the value of a property or field the user reads (a message, title, label, reason,
 * summary or note: directly, as a branch of `?:`, `??` or `||`, or as what an arrow function there returns), as a
 * note added to an answer, a refused call's summary, a ChatError's or ClineError's message, a problem with the
 * user's templates, or what a function named for words returns (`…Label`, `…Message`, `…Note`, `…Summary`, …).
 * A literal counts as words when it starts with a capital letter or with a word and a space ('notInstalled' and
 * 'cancelled' are identifiers or state names; 'Declined' and 'no matches' are words). Text for the model stays
 * English and is written elsewhere (`output`, tool results, prompts); a dual-use literal caught here takes an
 * eslint-disable comment with the reason.
 */
const WORDS = '/^([A-Z]|[a-z]+\\s)/';
/** A literal or template literal that starts with words, as the child of `parent` (an esquery selector). */
const wordsUnder = (parent, field) => [
  `${parent} > Literal${field ? `.${field}` : ''}[value=${WORDS}]`,
  `${parent} > TemplateLiteral${field ? `.${field}` : ''} > TemplateElement:first-child[value.raw=${WORDS}]`,
  `${parent} > :matches(ConditionalExpression, LogicalExpression, ArrowFunctionExpression)${field ? `.${field}` : ''} > Literal[value=${WORDS}]`,
  `${parent} > :matches(ConditionalExpression, LogicalExpression, ArrowFunctionExpression)${field ? `.${field}` : ''} > TemplateLiteral > TemplateElement:first-child[value.raw=${WORDS}]`,
];
const CORE_FIELDS = '/^(message|title|label|reason|pausedReason|summary|note|tooltip|placeholder|detail)$/';
const CORE_UNTRANSLATED = [
  ...wordsUnder(`Property[key.name=${CORE_FIELDS}]`, 'value'),
  ...wordsUnder(`AssignmentExpression[left.property.name=${CORE_FIELDS}]`, 'right'),
  ...wordsUnder('CallExpression[callee.property.name=/^(addNote|refuseCalls)$/]', 'arguments'),
  ...wordsUnder('CallExpression[callee.name="badResponse"]', 'arguments'),
  // A refused or failed tool call: the first argument is the model's (English), the second the user's summary.
  ...wordsUnder('CallExpression[callee.name=/^(refused|refusedCall|failed)$/]', 'arguments:nth-child(2)'),
  ...wordsUnder('CallExpression[callee.object.name="problems"][callee.property.name="push"]', 'arguments'),
  ...wordsUnder('NewExpression[callee.name=/^(ChatError|ClineError)$/]', 'arguments'),
  // What a function named for words returns: failureActionLabel, statusMessage, roundLimitNote, listSummary…
  ...wordsUnder(':function[id.name=/(Label|Message|Note|Summary|Title|Reason)$/] ReturnStatement', 'argument'),
].map((selector) => ({
  selector,
  message:
    'Words the user sees go through l10n.t from @vscode/l10n, with {0} placeholders (README "Localisation"); text for the model stays English.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      eqeqeq: ['error', 'smart'],
      'no-throw-literal': 'error',
    },
  },
  ...LAYERS.map(layerRule),
  {
    files: ['src/adapters/**/*.ts', 'src/contributions/**/*.ts', 'src/wiring/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...UNTRANSLATED] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...CORE_UNTRANSLATED] },
  },
  {
    // The webview app runs in the browser: it may import only its own files, the protocol and browser libraries.
    files: ['src/ui/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...UI_UNTRANSLATED],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'src/ui/ runs in the webview: there is no vscode module there; talk to the host through src/protocol/.',
            },
          ],
          patterns: [
            {
              regex: folderImport(['core', 'adapters', 'contributions', 'wiring', 'extension']),
              message: 'src/ui/ may import only the protocol (src/protocol/) and its own files.',
            },
            { regex: '^node:', message: 'src/ui/ runs in the browser: no Node modules.' },
          ],
        },
      ],
    },
  },
);
