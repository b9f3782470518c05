import { strict as assert } from 'node:assert';
import {
  checkBundles,
  checkChangelog,
  checkIcon,
  checkManifest,
  checkMarketplaceReadme,
  checkShippedFiles,
  checkVsixManifest,
  headingAnchors,
  localizeManifest,
  manifestFileReferences,
  markdownReferences,
  packageScriptOptions,
  pngSize,
  type Problem,
  type RepoFiles,
} from '../../release/packageRules';

const REPO = 'https://github.com/acme/companion';

/** A manifest that passes every rule; each test breaks one thing in a copy. */
function goodManifest(): Record<string, unknown> {
  return {
    name: 'cline-companion',
    publisher: 'acme',
    version: '0.1.0',
    displayName: 'Cline Companion',
    description: 'Drive Cline from your code.',
    license: 'MIT',
    icon: 'media/icon.png',
    galleryBanner: { color: '#1e2a4a', theme: 'dark' },
    preview: true,
    pricing: 'Free',
    qna: `${REPO}/discussions`,
    homepage: `${REPO}#readme`,
    repository: { type: 'git', url: `${REPO}.git` },
    bugs: { url: `${REPO}/issues` },
    engines: { vscode: '^1.100.0' },
    categories: ['AI', 'Chat'],
    keywords: ['cline', 'ai'],
    extensionKind: ['workspace'],
    main: './dist/extension.js',
    activationEvents: ['onLanguage:typescript'],
    devDependencies: { '@types/vscode': '~1.100.0' },
    dependencies: { marked: '^18.0.0' },
    scripts: { package: 'vsce package --no-dependencies --readme-path docs/MARKETPLACE.md --out x.vsix' },
    contributes: {
      viewsContainers: { activitybar: [{ id: 'c', title: 'C', icon: 'media/activity.svg' }] },
      commands: [{ command: 'c.start', title: 'Start', icon: '$(play)' }],
      configuration: [{ properties: { 'c.files': { type: 'array', default: ['credentials.json', '*.pem'] } } }],
    },
  };
}

/** The ids of the rules that fail, each once. */
function failing(problems: Problem[]): string[] {
  return [...new Set(problems.map((p) => p.rule))];
}

function manifestWith(change: (m: Record<string, unknown>) => void): Record<string, unknown> {
  const m = goodManifest();
  change(m);
  return m;
}

describe('package rules: the manifest', () => {
  it('a complete manifest passes', () => {
    assert.deepEqual(checkManifest(goodManifest()), []);
  });

  const cases: [string, (m: Record<string, unknown>) => void, string][] = [
    ['a missing name', (m) => delete m.name, 'manifest.name'],
    ['a name with capitals', (m) => (m.name = 'Cline-Companion'), 'manifest.name'],
    ['a name with a space', (m) => (m.name = 'cline companion'), 'manifest.name'],
    ['a missing publisher', (m) => delete m.publisher, 'manifest.publisher'],
    ['a publisher given as a display name', (m) => (m.publisher = 'Acme Corp'), 'manifest.publisher'],
    ['a two-part version', (m) => (m.version = '0.1'), 'manifest.version'],
    ['a reserved version', (m) => (m.version = 'latest'), 'manifest.version'],
    ['no engines', (m) => delete m.engines, 'manifest.engines'],
    ['a * engine', (m) => (m.engines = { vscode: '*' }), 'manifest.engines'],
    ['@types/vscode newer than the engine', (m) => (m.devDependencies = { '@types/vscode': '^1.101.0' }), 'manifest.engines'],
    ['no displayName', (m) => delete m.displayName, 'manifest.displayName'],
    ['a displayName over 255 characters', (m) => (m.displayName = 'x'.repeat(256)), 'manifest.displayName'],
    ['a control character in the displayName', (m) => (m.displayName = 'Cline\u0007Companion'), 'manifest.displayName'],
    ['no description', (m) => delete m.description, 'manifest.description'],
    ['a description over 2048 characters', (m) => (m.description = 'x'.repeat(2049)), 'manifest.description'],
    ['no license', (m) => delete m.license, 'manifest.license'],
    ['no repository', (m) => delete m.repository, 'manifest.repository'],
    ['an http repository', (m) => (m.repository = 'http://github.com/acme/companion'), 'manifest.repository'],
    ['a homepage that is no URL', (m) => (m.homepage = 'see the README'), 'manifest.homepage'],
    ['no bugs link', (m) => delete m.bugs, 'manifest.bugs'],
    ['no icon', (m) => delete m.icon, 'manifest.icon'],
    ['an SVG icon', (m) => (m.icon = 'media/icon.svg'), 'manifest.icon'],
    ['no categories', (m) => (m.categories = []), 'manifest.categories'],
    ['a category VS Code does not know', (m) => (m.categories = ['Productivity']), 'manifest.categories'],
    ['no keywords', (m) => delete m.keywords, 'manifest.keywords'],
    ['31 keywords', (m) => (m.keywords = Array.from({ length: 31 }, (_, i) => `k${i}`)), 'manifest.keywords'],
    ['a keyword twice, in another case', (m) => (m.keywords = ['AI', 'ai']), 'manifest.keywords'],
    ['no gallery banner', (m) => delete m.galleryBanner, 'manifest.galleryBanner'],
    ['a banner colour by name', (m) => (m.galleryBanner = { color: 'navy', theme: 'dark' }), 'manifest.galleryBanner'],
    ['a banner theme other than dark or light', (m) => (m.galleryBanner = { color: '#1e2a4a', theme: 'blue' }), 'manifest.galleryBanner'],
    ['white banner text on a pale colour', (m) => (m.galleryBanner = { color: '#cccccc', theme: 'dark' }), 'manifest.galleryBanner'],
    ['black banner text on a dark colour', (m) => (m.galleryBanner = { color: '#222', theme: 'light' }), 'manifest.galleryBanner'],
    ['no qna', (m) => delete m.qna, 'manifest.qna'],
    ['a qna that is neither marketplace, false nor a URL', (m) => (m.qna = 'github'), 'manifest.qna'],
    ['an http qna', (m) => (m.qna = 'http://example.com/q'), 'manifest.qna'],
    ['no pricing', (m) => delete m.pricing, 'manifest.pricing'],
    ['a pricing the Marketplace does not know', (m) => (m.pricing = 'Paid'), 'manifest.pricing'],
    ['no preview decision', (m) => delete m.preview, 'manifest.preview'],
    ['a 0.x version not flagged as preview', (m) => (m.preview = false), 'manifest.preview'],
    ['* activation', (m) => (m.activationEvents = ['*']), 'manifest.activationEvents'],
    ['no entry point', (m) => delete m.main, 'manifest.main'],
    ['an unknown extensionKind', (m) => (m.extensionKind = ['desktop']), 'manifest.extensionKind'],
    ['vscode as a dependency', (m) => (m.dependencies = { vscode: '^1.1.0' }), 'manifest.dependencies'],
    ['a files field beside .vscodeignore', (m) => (m.files = ['dist']), 'manifest.files'],
    ['an unknown markdown flavour', (m) => (m.markdown = 'gfm'), 'manifest.markdown'],
    ['a sponsor link that is no web URL', (m) => (m.sponsor = { url: 'ftp://example.com' }), 'manifest.sponsor'],
    ['an SVG badge', (m) => (m.badges = [{ url: 'https://example.com/b.svg', href: REPO, description: 'b' }]), 'manifest.badges'],
  ];
  for (const [what, change, rule] of cases)
    it(`refuses ${what} (${rule}, and only that)`, () => {
      assert.deepEqual(failing(checkManifest(manifestWith(change))), [rule]);
    });

  it('accepts what the registries allow besides our choices', () => {
    for (const change of [
      (m: Record<string, unknown>) => (m.qna = 'marketplace'),
      (m: Record<string, unknown>) => (m.qna = false),
      (m: Record<string, unknown>) => ((m.version = '1.0.0'), (m.preview = false)),
      (m: Record<string, unknown>) => (m.repository = `${REPO}.git`),
      (m: Record<string, unknown>) => (m.galleryBanner = { color: '#fff', theme: 'light' }),
      (m: Record<string, unknown>) => (m.version = '0.2.0-beta.1'),
      (m: Record<string, unknown>) => (m.engines = { vscode: '>=1.100.0' }),
    ])
      assert.deepEqual(checkManifest(manifestWith(change)), []);
  });
});

describe('package rules: the localised manifest', () => {
  it('reads %key% strings from package.nls.json, as vsce does, and checks the English text', () => {
    const m = manifestWith((m) => {
      m.displayName = '%displayName%';
      m.description = '%description%';
    });
    const { manifest, problems } = localizeManifest(m, { displayName: 'Cline Companion', description: 'x'.repeat(2049) });
    assert.deepEqual(problems, []);
    assert.equal(manifest.displayName, 'Cline Companion');
    assert.deepEqual(failing(checkManifest(manifest)), ['manifest.description']);
  });

  it('refuses a %key% that package.nls.json lacks', () => {
    const { problems } = localizeManifest(
      manifestWith((m) => (m.displayName = '%displayName%')),
      {},
    );
    assert.deepEqual(
      problems.map((p) => p.message),
      ['package.nls.json has no text for %displayName%.'],
    );
  });
});

describe('package rules: what ships', () => {
  const shipped = [
    'dist/extension.js',
    'dist/chat.js',
    'dist/tasks.js',
    'dist/webview.js',
    'dist/highlight.js',
    'dist/codicons/codicon.css',
    'dist/codicons/codicon.ttf',
    'media/activity.svg',
    'media/icon.png',
    'media/chat.css',
    'api/cline-companion.d.ts',
    'package.json',
    'package.nls.json',
    'package.nls.de.json',
    'l10n/bundle.l10n.de.json',
    'docs/MARKETPLACE.md',
    'CHANGELOG.md',
    'LICENSE',
  ];
  const readme = 'docs/MARKETPLACE.md';

  it('the bundles, run-time media, the API types, the manifest, its strings and the listing files pass', () => {
    assert.deepEqual(checkShippedFiles(shipped, goodManifest(), readme), []);
  });

  for (const extra of [
    'src/extension.ts',
    'dist/extension.js.map',
    'README.md',
    'test/unit/x.test.ts',
    'node_modules/marked/lib/marked.cjs',
  ])
    it(`refuses ${extra} in the VSIX`, () => {
      const problems = checkShippedFiles([...shipped, extra], goodManifest(), readme);
      assert.deepEqual(failing(problems), ['files.unexpected']);
      assert.match(problems[0].message, new RegExp(extra.replace(/\./g, '\\.')));
    });

  for (const gone of ['dist/chat.js', 'LICENSE', 'docs/MARKETPLACE.md'])
    it(`refuses a VSIX without ${gone}`, () => {
      const problems = checkShippedFiles(
        shipped.filter((f) => f !== gone),
        goodManifest(),
        readme,
      );
      assert.ok(failing(problems).includes('files.missing'));
      assert.ok(problems.some((p) => p.message.startsWith(gone)));
    });

  it('refuses a VSIX without a file the manifest names (a walkthrough picture, the icon)', () => {
    const m = manifestWith((m) => {
      (m.contributes as Record<string, unknown>).walkthroughs = [
        { steps: [{ media: { image: 'media/walkthrough/lenses.png', altText: 'x' } }] },
      ];
    });
    assert.deepEqual(failing(checkShippedFiles(shipped, m, readme)), ['files.referenced']);
    assert.deepEqual(failing(checkShippedFiles([...shipped, 'media/walkthrough/lenses.png'], m, readme)), []);
    const withoutIcon = shipped.filter((f) => f !== 'media/icon.png');
    assert.deepEqual(failing(checkShippedFiles(withoutIcon, goodManifest(), readme)), ['files.referenced']);
  });

  it('refuses a "SEE LICENSE IN" file that does not ship', () => {
    const m = manifestWith((m) => (m.license = 'SEE LICENSE IN LICENSE.txt'));
    assert.deepEqual(failing(checkShippedFiles(shipped, m, readme)), ['files.license']);
  });

  it('takes as file references only paths: no codicon, URL or setting default', () => {
    const m = manifestWith((m) => {
      (m.contributes as Record<string, unknown>).walkthroughs = [
        {
          steps: [{ media: { markdown: 'media/a.md' } }, { media: { image: { light: 'media/l.png', dark: 'media/d.png' }, altText: 'x' } }],
        },
        { steps: [{ media: { image: 'https://example.com/x.png', altText: 'x' } }] },
      ];
    });
    assert.deepEqual(manifestFileReferences(m), [
      'dist/extension.js',
      'media/a.md',
      'media/activity.svg',
      'media/d.png',
      'media/icon.png',
      'media/l.png',
    ]);
  });
});

/** The first 24 bytes of a PNG: signature, IHDR length, "IHDR", width, height. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

describe('package rules: the bundles', () => {
  it('accepts production bundles and refuses one that links a sourcemap', () => {
    const production = '"use strict";var a=1;\n';
    assert.deepEqual(checkBundles({ 'dist/extension.js': production }), []);
    const problems = checkBundles({ 'dist/extension.js': production, 'dist/chat.js': `${production}//# sourceMappingURL=chat.js.map\n` });
    assert.deepEqual(
      problems.map((p) => p.message),
      ['dist/chat.js is a development build: run node esbuild.js --production first.'],
    );
  });
});

describe('package rules: the icon', () => {
  it('reads the size from a PNG header', () => {
    assert.deepEqual(pngSize(pngHeader(256, 256)), { width: 256, height: 256 });
    assert.equal(pngSize(new TextEncoder().encode('GIF89a and some more bytes here....')), undefined);
  });

  it('accepts a square PNG of 128 px or more', () => {
    assert.deepEqual(checkIcon(pngHeader(128, 128), 'i.png'), []);
    assert.deepEqual(checkIcon(pngHeader(256, 256), 'i.png'), []);
  });

  it('refuses a small, a non-square, a non-PNG and a missing icon', () => {
    assert.deepEqual(failing(checkIcon(pngHeader(64, 64), 'i.png')), ['icon.size']);
    assert.deepEqual(failing(checkIcon(pngHeader(256, 128), 'i.png')), ['icon.size']);
    assert.deepEqual(failing(checkIcon(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'i.png')), ['icon.png']);
    assert.deepEqual(failing(checkIcon(undefined, 'i.png')), ['icon.file']);
  });
});

describe('package rules: Markdown links and anchors', () => {
  it('finds links and images in Markdown and in HTML', () => {
    const refs = markdownReferences(
      '[a](https://a.example) ![b](https://b.example/b.png)\n\n[c][ref]\n\n[ref]: https://c.example\n\n<p><img src="https://d.example/d.png"> <a href="https://e.example">e</a></p>\n',
    );
    assert.deepEqual(refs, [
      { kind: 'link', url: 'https://a.example' },
      { kind: 'image', url: 'https://b.example/b.png' },
      { kind: 'link', url: 'https://c.example' },
      { kind: 'image', url: 'https://d.example/d.png' },
      { kind: 'link', url: 'https://e.example' },
    ]);
  });

  it('makes the anchors GitHub makes', () => {
    const anchors = headingAnchors(
      '# Cline Companion\n## See what Cline is doing: task events, the task view and the queue\n### `chat.model` and **more**\n## Settings\n## Settings\n',
    );
    assert.deepEqual(
      [...anchors],
      [
        'cline-companion',
        'see-what-cline-is-doing-task-events-the-task-view-and-the-queue',
        'chatmodel-and-more',
        'settings',
        'settings-1',
      ],
    );
  });
});

describe('package rules: the Marketplace README', () => {
  const files: Record<string, string> = {
    'README.md': '# Companion\n## Quick Chat\n',
    'docs/images/chat.png': '',
    'CHANGELOG.md': '# Changelog\n',
  };
  const repo: RepoFiles = { exists: (p) => p in files, readText: (p) => files[p] };
  const good = [
    '# Companion',
    `[Full documentation](${REPO}#readme) · [Quick Chat](${REPO}/blob/HEAD/README.md#quick-chat) · [Changes](${REPO}/blob/HEAD/CHANGELOG.md)`,
    `![Chat](https://raw.githubusercontent.com/acme/companion/HEAD/docs/images/chat.png)`,
    `[Questions](${REPO}/discussions) · [Mail](mailto:team@example.com)`,
  ].join('\n\n');

  it('absolute https links into files and headings that exist, and a link to the full docs, pass', () => {
    assert.deepEqual(checkMarketplaceReadme(good, goodManifest(), repo), []);
  });

  const cases: [string, string, RegExp][] = [
    ['a relative link', `${good}\n\n[Settings](README.md#quick-chat)`, /not an absolute https URL/],
    ['a relative image in HTML', `${good}\n\n<img src="docs/images/chat.png">`, /not an absolute https URL/],
    ['an http image', `${good}\n\n![x](http://example.com/x.png)`, /not an absolute https URL/],
    ['an SVG image', `${good}\n\n![x](https://example.com/x.svg)`, /SVG/],
    ['an inline SVG', `${good}\n\n<svg width="1"></svg>`, /<svg>/],
    ['a link to a file the repository lacks', `${good}\n\n[x](${REPO}/blob/HEAD/docs/GONE.md)`, /not in the repository/],
    ['a picture the repository lacks', `${good}\n\n![x](${REPO}/raw/HEAD/docs/images/gone.png)`, /not in the repository/],
    ['a link to a heading that does not exist', `${good}\n\n[x](${REPO}/blob/HEAD/README.md#settings)`, /no heading/],
    ['no link to the full documentation', good.replace(`${REPO}#readme`, `${REPO}/blob/HEAD/README.md`), /full documentation/],
    ['the template text of a new extension', `${good}\n\nThis is the README for your extension "x".`, /template/],
  ];
  for (const [what, text, message] of cases)
    it(`refuses ${what}`, () => {
      const problems = checkMarketplaceReadme(text, goodManifest(), repo);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0].message, message);
    });
});

describe('package rules: the CHANGELOG, the package script and the built VSIX', () => {
  it('needs a section for the version being packaged', () => {
    assert.deepEqual(checkChangelog('# Changelog\n\n## [0.1.0] - 2026-12-02\n', '0.1.0'), []);
    assert.deepEqual(checkChangelog('# Changelog\n\n## [0.1.0] - Unreleased\n', '0.1.0'), []);
    assert.deepEqual(failing(checkChangelog('# Changelog\n\n## [Unreleased]\n\n## [0.0.9]\n', '0.1.0')), ['changelog.version']);
    assert.deepEqual(failing(checkChangelog('## [0.1.01]\n', '0.1.0')), ['changelog.version']);
  });

  it("refuses the CHANGELOG's non-https or SVG images", () => {
    assert.deepEqual(failing(checkChangelog('## [1.0.0]\n\n![x](http://example.com/x.png)\n', '1.0.0')), ['changelog.image']);
    assert.deepEqual(failing(checkChangelog('## [1.0.0]\n\n![x](https://example.com/x.svg)\n', '1.0.0')), ['changelog.image']);
  });

  it('reads the Marketplace README from the package script, and needs --no-dependencies', () => {
    assert.deepEqual(packageScriptOptions(goodManifest()), { readmePath: 'docs/MARKETPLACE.md', problems: [] });
    const without = (script: string) => packageScriptOptions(manifestWith((m) => (m.scripts = { package: script })));
    assert.equal(without('vsce package --no-dependencies').problems.length, 1);
    assert.equal(without('vsce package --readme-path docs/M.md').problems.length, 1);
    assert.equal(without('echo --no-dependencies --readme-path docs/M.md').problems.length, 1);
  });

  it('needs the README, CHANGELOG, licence and icon among the built assets', () => {
    const asset = (a: string) => `<Asset Type="Microsoft.VisualStudio.Services.${a}" Path="extension/x" Addressable="true" />`;
    const all = ['Content.Details', 'Content.Changelog', 'Content.License', 'Icons.Default'].map(asset).join('\n');
    assert.deepEqual(checkVsixManifest(all), []);
    const problems = checkVsixManifest(all.replace(asset('Icons.Default'), ''));
    assert.deepEqual(
      problems.map((p) => p.message),
      ['The built extension.vsixmanifest lacks the Icons.Default asset.'],
    );
  });
});
