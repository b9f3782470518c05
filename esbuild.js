// @ts-check
// One build script, two product bundles (as in microsoft/vscode-eslint):
//   host    src/extension.ts -> dist/extension.js   (node, cjs, `vscode` external)
//           + its lazily loaded parts src/wiring/chatChunk.ts -> dist/chat.js, src/wiring/tasksChunk.ts -> dist/tasks.js
//   webview src/ui/main.ts   -> dist/webview.js     (browser, iife)
//           + its lazily loaded syntax highlighter src/ui/highlighterMain.ts -> dist/highlight.js
// plus, with --tests, the integration suite that runs inside the real extension host.
//   node esbuild.js               development build (linked sourcemaps)
//   node esbuild.js --production  minified, no sourcemaps (what the VSIX ships)
//   node esbuild.js --watch       rebuild on change
//   node esbuild.js --tests       out/test/integration/index.js
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/**
 * Logs build problems the way VS Code's esbuild problem matcher expects.
 * @type {import('esbuild').Plugin}
 */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** Codicons are shipped as the font plus its stylesheet, nothing else from the package. */
function copyCodicons() {
  // Resolved, not a path into node_modules: so npm may place it anywhere, and knip sees the dependency used.
  const from = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  const to = path.join(__dirname, 'dist', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join(to, file));
}

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: watch ? [problemMatcher] : [],
};

/** @type {import('esbuild').BuildOptions[]} */
const productContexts = [
  {
    ...common,
    // The host bundle, and its two lazily loaded parts, required by dist/extension.js only when first needed,
    // so they cost nothing at activation: dist/chat.js (the Quick Chat: src/wiring/chatFeatures.ts loads it
    // when its view resolves or a chat command runs) and dist/tasks.js (Cline's task events, the task view
    // and queue: src/wiring/taskFeatures.ts). They share no module state: each part gets what it needs passed in.
    entryPoints: { extension: 'src/extension.ts', tasks: 'src/wiring/tasksChunk.ts', chat: 'src/wiring/chatChunk.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', './tasks.js', './chat.js'],
  },
  {
    ...common,
    // The chat webview, and its syntax highlighter (highlight.js with the curated languages), which the chat
    // bundle adds to the page only when the first code block needs it (src/ui/markdown/highlight.ts). Two
    // separate iife scripts: the highlighter hands over through one global (src/ui/markdown/highlighterContract.ts).
    entryPoints: { webview: 'src/ui/main.ts', highlight: 'src/ui/highlighterMain.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
  },
];

/** @type {import('esbuild').BuildOptions[]} */
const testContexts = [
  {
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: ['test/integration/index.ts'],
    outfile: 'out/test/integration/index.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // mocha is loaded from node_modules at run time; bundling it breaks its dynamic requires.
    external: ['vscode', 'mocha'],
  },
  {
    ...common,
    minify: false,
    entryPoints: ['test/bench/activationProbe.ts'],
    outfile: 'out/test/bench/activationProbe.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
];

async function main() {
  const configs = tests ? testContexts : productContexts;
  if (!tests) copyCodicons();
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
