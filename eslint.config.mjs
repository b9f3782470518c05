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
    // The webview app runs in the browser: it may import only its own files, the protocol and browser libraries.
    files: ['src/ui/**/*.ts'],
    rules: {
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
