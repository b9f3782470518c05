/**
 * What a VSIX must satisfy so that both the Visual Studio Marketplace and Open VSX accept it, written down
 * once, as pure functions over facts gathered by packageCheck.ts (the manifest, the list of files that
 * ship, the Marketplace README, the CHANGELOG, the icon's bytes). Each rule says where it comes from:
 *
 *  [vsce]     @vscode/vsce 3.9.2 (our devDependency), out/validation.js and out/package.js: what
 *             `vsce package` / `vsce publish` refuse, or stop to ask about (which hangs or aborts in CI).
 *  [docs]     code.visualstudio.com, api/references/extension-manifest and
 *             api/working-with-extensions/publishing-extension (the Marketplace's documented limits).
 *  [openvsx]  eclipse-openvsx/openvsx, server/.../ExtensionValidator.java (validateMetadata) and
 *             publish/PublishExtensionVersionHandler.java (license required on open-vsx.org, no SVG icon).
 *  [vscode]   VS Code 1.100.3 itself (our engine, the build code-server 4.100.3 ships): EXTENSION_CATEGORIES.
 *  [ours]     this project's own decision, with the reason next to it.
 */
import { marked, type Token, type Tokens } from 'marked';

export interface Problem {
  /** Short id of the rule, e.g. `manifest.icon`; the unit tests name rules by it. */
  rule: string;
  message: string;
}

type Manifest = Record<string, unknown>;

/** Read access to the repository's files, for the links the Marketplace README makes into it. */
export interface RepoFiles {
  exists(relativePath: string): boolean;
  readText(relativePath: string): string | undefined;
}

// ── Limits and vocabularies ──────────────────────────────────────────────────────────────────────────

/** [vsce] validation.js nameRegex, for `name` and `publisher`; lower case only because [docs] say so. */
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** [openvsx] DEFAULT_STRING_SIZE: displayName, license, URLs, each keyword and category. */
const OPENVSX_STRING_MAX = 255;
/** [openvsx] DESCRIPTION_SIZE. */
const OPENVSX_DESCRIPTION_MAX = 2048;
/** [openvsx] GALLERY_COLOR_SIZE. */
const OPENVSX_GALLERY_COLOR_MAX = 16;
/**
 * [docs] publishing FAQ: "You exceeded the number of allowed tags of 30", a limit on `keywords`. vsce adds
 * tags of its own (one per `onLanguage:` activation event, `keybindings`…: ours makes 40 in all); the
 * Marketplace counted those too for a day in January 2023 and then stopped (microsoft/vsmarketplace#569).
 */
const MAX_KEYWORDS = 30;
/** [docs] `icon`: "at least 128x128 pixels (256x256 for Retina screens)", "a squared 128px PNG". */
const MIN_ICON_SIZE = 128;
/** [vscode] EXTENSION_CATEGORIES of VS Code 1.100.3 (the Marketplace shows no other category). */
const CATEGORIES = [
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Extension Packs',
  'Education',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
  'Other',
];
/** [vsce] validateEngineCompatibility. */
const ENGINE_PATTERN = /^\*$|^(\^|>=)?((\d+)|x)\.((\d+)|x)\.((\d+)|x)(-.*)?$/;
/** Semantic Versioning 2.0.0's own regular expression (semver.org); [vsce] and [openvsx] both parse SemVer. */
const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** [docs] galleryBanner.color is "the intended hex value". */
const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
/** [docs] and [openvsx] GALLERY_THEME_VALUES. */
const BANNER_THEMES = ['dark', 'light'];
/** [vsce] ValidExtensionKinds. */
const EXTENSION_KINDS = ['ui', 'workspace', 'web'];

// ── Small helpers ────────────────────────────────────────────────────────────────────────────────────

function isString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * [openvsx] checkCharacters refuses control, format, unassigned, private-use and line/paragraph separator
 * characters (the description may hold a zero-width joiner, for emoji).
 */
function hasForbiddenCharacter(text: string, allowZeroWidthJoiner = false): boolean {
  for (const ch of text) {
    if (allowZeroWidthJoiner && ch === '\u200d') continue;
    if (/[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Zl}\p{Zp}]/u.test(ch)) return true;
  }
  return false;
}

/** An absolute https URL with a host. */
function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.host !== '';
  } catch {
    return false;
  }
}

/** npm's `repository` is a string or `{ type, url }`; vsce and Open VSX accept both. */
function repositoryUrl(manifest: Manifest): string | undefined {
  const repo = manifest.repository;
  if (typeof repo === 'string') return repo;
  if (isRecord(repo) && typeof repo.url === 'string') return repo.url;
  return undefined;
}

function bugsUrl(manifest: Manifest): unknown {
  const bugs = manifest.bugs;
  return isRecord(bugs) ? bugs.url : bugs;
}

/** WCAG 2.1 relative luminance of a `#rgb` / `#rrggbb` colour. */
function luminance(hex: string): number {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const channel = (i: number) => {
    const c = parseInt(full.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * [vsce] nls.js patchNLS: the manifest as the registries see it, every `%key%` string replaced by its English
 * text from package.nls.json. A key without a text is a problem (vsce stops on it: "No translation found").
 */
export function localizeManifest(manifest: Manifest, nls: Record<string, unknown>): { manifest: Manifest; problems: Problem[] } {
  const problems: Problem[] = [];
  const localized = JSON.parse(
    JSON.stringify(manifest, (_key, value: unknown) => {
      const match = typeof value === 'string' ? /^%([\w\d.]+)%$/i.exec(value) : null;
      if (!match) return value;
      const text = nls[match[1]];
      if (typeof text === 'string') return text;
      problems.push({ rule: 'manifest.nls', message: `package.nls.json has no text for ${value}.` });
      return value;
    }),
  ) as Manifest;
  return { manifest: localized, problems };
}

// ── The manifest ─────────────────────────────────────────────────────────────────────────────────────

/** Every manifest field the two registries need, with the values they accept. */
export function checkManifest(manifest: Manifest): Problem[] {
  const problems: Problem[] = [];
  const fail = (rule: string, message: string) => problems.push({ rule: `manifest.${rule}`, message });

  // Identity. [vsce] validateExtensionName / validatePublisher / validateVersion; [openvsx] name pattern,
  // reserved versions ('latest', 'pre-release', 'reviews' are no SemVer, so the pattern covers them).
  for (const field of ['name', 'publisher'] as const) {
    const value = manifest[field];
    if (!isString(value)) fail(field, `"${field}" is missing.`);
    else if (!ID_PATTERN.test(value))
      fail(field, `"${field}" is "${value}": lower-case letters, digits and "-" only, starting with a letter or digit.`);
  }
  if (!isString(manifest.version) || !SEMVER_PATTERN.test(manifest.version))
    fail('version', `"version" is ${JSON.stringify(manifest.version)}: it must be a semantic version (semver.org).`);

  // [vsce] validateEngineCompatibility; [docs] engines.vscode "cannot be *".
  const engines = isRecord(manifest.engines) ? manifest.engines : {};
  const engine = engines.vscode;
  if (!isString(engine)) fail('engines', '"engines.vscode" is missing.');
  else if (engine === '*' || !ENGINE_PATTERN.test(engine))
    fail('engines', `"engines.vscode" is "${engine}": use a version range such as "^1.100.0" (not "*").`);
  else {
    // [vsce] validateVSCodeTypesCompatibility: @types/vscode may not be newer than the engine (major.minor).
    const devDependencies = isRecord(manifest.devDependencies) ? manifest.devDependencies : {};
    const types = devDependencies['@types/vscode'];
    const version = (s: string) => (/(\d+)\.(\d+)/.exec(s) ?? []).slice(1, 3).map(Number);
    if (typeof types === 'string') {
      const [tMajor, tMinor] = version(types);
      const [eMajor, eMinor] = version(engine);
      if (tMajor > eMajor || (tMajor === eMajor && tMinor > eMinor))
        fail('engines', `@types/vscode ${types} is newer than "engines.vscode" ${engine}: vsce refuses to package.`);
    }
  }

  // What the listing shows. [openvsx] displayName ≤ 255, description ≤ 2048, no control characters.
  // [ours] both are required: without them the Marketplace shows the bare id and an empty summary.
  if (!isString(manifest.displayName)) fail('displayName', '"displayName" is missing.');
  else if (manifest.displayName.length > OPENVSX_STRING_MAX || hasForbiddenCharacter(manifest.displayName))
    fail('displayName', `"displayName" must be at most ${OPENVSX_STRING_MAX} characters without control characters.`);
  if (!isString(manifest.description)) fail('description', '"description" is missing.');
  else if (manifest.description.length > OPENVSX_DESCRIPTION_MAX || hasForbiddenCharacter(manifest.description, true))
    fail('description', `"description" must be at most ${OPENVSX_DESCRIPTION_MAX} characters without control characters.`);

  // [openvsx] open-vsx.org refuses an extension without a license ("cannot be accepted because it has no
  // license"); [vsce] LicenseProcessor ships the LICENSE file (checkShippedFiles checks it is there).
  if (!isString(manifest.license)) fail('license', '"license" is missing (Open VSX refuses unlicensed extensions).');
  else if (manifest.license.length > OPENVSX_STRING_MAX) fail('license', `"license" is longer than ${OPENVSX_STRING_MAX} characters.`);

  // Links. [vsce] ManifestProcessor.onEnd asks (and aborts in CI) without `repository`, and uses it to
  // resolve README links; [openvsx] checkURL and ≤ 255 for homepage, repository, bugs. [ours] https.
  const links: [string, unknown][] = [
    ['repository', repositoryUrl(manifest)],
    ['homepage', manifest.homepage],
    ['bugs', bugsUrl(manifest)],
  ];
  for (const [field, url] of links) {
    if (url === undefined) fail(field, `"${field}" is missing.`);
    else if (!isHttpsUrl(url) || (url as string).length > OPENVSX_STRING_MAX)
      fail(field, `"${field}" is ${JSON.stringify(url)}: it must be an https URL of at most ${OPENVSX_STRING_MAX} characters.`);
  }

  // [vsce] "SVGs can't be used as icons"; [openvsx] unsupportedIconFormats = svg. [ours] required: the
  // listing and the Extensions view show a generic icon without one. Its size: checkIcon.
  if (!isString(manifest.icon)) fail('icon', '"icon" is missing.');
  else if (!/\.png$/i.test(manifest.icon))
    fail('icon', `"icon" is "${manifest.icon}": it must be a PNG (SVG is refused by both registries).`);

  // [vscode] the categories VS Code knows; [openvsx] ≤ 255 characters each. [ours] at least one.
  const categories = manifest.categories;
  if (!Array.isArray(categories) || categories.length === 0) fail('categories', '"categories" is missing or empty.');
  else
    for (const c of categories)
      if (!CATEGORIES.includes(c as string)) fail('categories', `Category ${JSON.stringify(c)} is not one of: ${CATEGORIES.join(', ')}.`);

  // [docs] at most 30 keywords; [openvsx] each ≤ 255 characters, no control characters, and it folds
  // duplicates that differ only in case. [ours] at least one, so the extension can be found.
  const keywords = manifest.keywords;
  if (!Array.isArray(keywords) || keywords.length === 0) fail('keywords', '"keywords" is missing or empty.');
  else {
    if (keywords.length > MAX_KEYWORDS) fail('keywords', `${keywords.length} keywords: the Marketplace allows at most ${MAX_KEYWORDS}.`);
    const seen = new Set<string>();
    for (const k of keywords) {
      if (!isString(k) || k.length > OPENVSX_STRING_MAX || hasForbiddenCharacter(k))
        fail('keywords', `Keyword ${JSON.stringify(k)} must be a non-empty string of at most ${OPENVSX_STRING_MAX} characters.`);
      else if (seen.has(k.toLowerCase())) fail('keywords', `Keyword "${k}" is listed twice.`);
      else seen.add(k.toLowerCase());
    }
  }

  // [docs] galleryBanner { color: hex, theme: dark | light }; [openvsx] color ≤ 16 characters, theme in
  // GALLERY_THEME_VALUES. [ours] required by issue 11, and the banner's text (white on a dark theme,
  // black on a light one) must be readable: WCAG AA's 4.5:1.
  const banner = manifest.galleryBanner;
  if (!isRecord(banner)) fail('galleryBanner', '"galleryBanner" { color, theme } is missing.');
  else {
    const { color, theme } = banner;
    const colorOk = typeof color === 'string' && HEX_COLOR.test(color) && color.length <= OPENVSX_GALLERY_COLOR_MAX;
    if (!colorOk) fail('galleryBanner', `"galleryBanner.color" is ${JSON.stringify(color)}: use a hex colour such as "#1e2a4a".`);
    if (!BANNER_THEMES.includes(theme as string))
      fail('galleryBanner', `"galleryBanner.theme" is ${JSON.stringify(theme)}: it must be "dark" or "light".`);
    else if (colorOk) {
      const text = theme === 'dark' ? '#ffffff' : '#000000';
      const ratio = contrast(color as string, text);
      if (ratio < 4.5)
        fail(
          'galleryBanner',
          `The banner's ${theme} theme puts ${text} text on ${color as string}: contrast ${ratio.toFixed(1)}:1, below 4.5:1.`,
        );
    }
  }

  // [docs] qna: "marketplace", false or a URL; [openvsx] QNA_VALUES "marketplace", "false" or a URL.
  // [ours] required by issue 11 (a decision, not a default).
  const qna = manifest.qna;
  if (qna === undefined) fail('qna', '"qna" is missing: "marketplace", false or an https URL.');
  else if (!(qna === 'marketplace' || qna === false || isHttpsUrl(qna)))
    fail('qna', `"qna" is ${JSON.stringify(qna)}: it must be "marketplace", false or an https URL.`);

  // [vsce] "Pricing can only be "Free" or "Trial""; [ours] stated, not left to the default.
  if (manifest.pricing === undefined) fail('pricing', '"pricing" is missing: "Free" or "Trial".');
  else if (manifest.pricing !== 'Free' && manifest.pricing !== 'Trial')
    fail('pricing', `"pricing" is ${JSON.stringify(manifest.pricing)}: it must be "Free" or "Trial".`);

  // [docs] preview: boolean. [ours] stated explicitly, and true while the major version is 0: under SemVer
  // a 0.x release may change settings and the API without notice, and the listing should say so.
  if (typeof manifest.preview !== 'boolean') fail('preview', '"preview" must be stated: true or false.');
  else if (manifest.preview === false && typeof manifest.version === 'string' && manifest.version.startsWith('0.'))
    fail('preview', `"preview" is false but the version is ${manifest.version}: a 0.x release is flagged as a preview.`);

  // [vsce] star activation makes vsce stop and ask; [docs] it "impacts performance".
  const activation = manifest.activationEvents;
  if (Array.isArray(activation) && activation.includes('*'))
    fail('activationEvents', '"*" activation: activate on what the extension needs.');

  // [vsce] validateManifestForPackaging: an entry point; extensionKind values; no `vscode` dependency.
  if (!isString(manifest.main) && !isString(manifest.browser)) fail('main', 'Neither "main" nor "browser" names an entry point.');
  const kinds = manifest.extensionKind === undefined ? [] : ([] as unknown[]).concat(manifest.extensionKind);
  for (const kind of kinds)
    if (!EXTENSION_KINDS.includes(kind as string))
      fail('extensionKind', `"extensionKind" ${JSON.stringify(kind)} is not ui, workspace or web.`);
  if (isRecord(manifest.dependencies) && 'vscode' in manifest.dependencies)
    fail('dependencies', '"vscode" is in "dependencies": it belongs in devDependencies (as @types/vscode).');

  // [vsce] printAndValidatePackagedFiles exits when both .vscodeignore and `files` choose what ships;
  // [ours] .vscodeignore does (its `!` lines read as the list of what ships).
  if (manifest.files !== undefined) fail('files', '"files" is set: what ships is chosen by .vscodeignore, and vsce refuses both.');

  // [docs] and [openvsx] markdown: github | standard. [vsce] sponsor.url http(s); badges https, no SVG
  // ([ours] stricter than vsce's list of trusted SVG badge hosts: we have no badge).
  if (manifest.markdown !== undefined && manifest.markdown !== 'github' && manifest.markdown !== 'standard')
    fail('markdown', `"markdown" is ${JSON.stringify(manifest.markdown)}: "github" or "standard".`);
  if (manifest.sponsor !== undefined && !(isRecord(manifest.sponsor) && isHttpsUrl(manifest.sponsor.url)))
    fail('sponsor', '"sponsor.url" must be an https URL.');
  const badges = Array.isArray(manifest.badges) ? manifest.badges : [];
  for (const badge of badges) {
    const url = isRecord(badge) ? badge.url : undefined;
    if (!isHttpsUrl(url) || /\.svg$/i.test(new URL(url as string).pathname))
      fail('badges', `Badge ${JSON.stringify(url)} must be an https URL of a PNG or other non-SVG image.`);
  }

  return problems;
}

// ── What ships ───────────────────────────────────────────────────────────────────────────────────────

/** [ours] What the VSIX may hold, each with why: the bundles and what they load at run time, nothing else. */
const ALLOWED_FILES: { pattern: RegExp; why: string }[] = [
  {
    pattern: /^dist\/(extension|chat|tasks|webview|highlight)\.js$/,
    why: 'the host bundle, its two lazily loaded parts, the webview bundle and its lazily loaded syntax highlighter',
  },
  { pattern: /^dist\/codicons\/codicon\.(css|ttf)$/, why: "the chat view's icon font" },
  { pattern: /^media\/[^/].*$/, why: 'what runs loads: icons, the chat CSS, walkthrough pages and pictures (no sources)' },
  { pattern: /^api\/cline-companion\.d\.ts$/, why: 'the public API types for other extensions' },
  { pattern: /^package\.json$/, why: 'the manifest' },
  { pattern: /^package\.nls(\.[a-z-]+)?\.json$/i, why: "the manifest's strings" },
  { pattern: /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/i, why: "the host's strings" },
  { pattern: /^(CHANGELOG\.md|LICENSE)$/, why: 'the change log and licence the registries show' },
];

/** [ours] Must ship: what runs, and what the registries show. The Marketplace README is added by the caller. */
const REQUIRED_FILES = [
  'dist/extension.js',
  'dist/chat.js',
  'dist/tasks.js',
  'dist/webview.js',
  'dist/highlight.js',
  'dist/codicons/codicon.css',
  'dist/codicons/codicon.ttf',
  'api/cline-companion.d.ts',
  'package.json',
  'CHANGELOG.md',
  'LICENSE',
];

/** Keys under `contributes` whose string values are paths into the extension (icons, walkthrough media…). */
const PATH_KEYS = new Set(['icon', 'light', 'dark', 'hc', 'hcLight', 'image', 'markdown', 'svg', 'path']);

/** Paths the manifest points at inside the extension: its icon, entry points and what `contributes` names. */
export function manifestFileReferences(manifest: Manifest): string[] {
  const refs = new Set<string>();
  const add = (value: unknown) => {
    // Not a path: a codicon (`$(play)`) or a URL.
    if (typeof value !== 'string' || value.startsWith('$(') || /^[a-z][a-z0-9+.-]*:/i.test(value)) return;
    refs.add(value.replace(/^\.\//, ''));
  };
  const walk = (node: unknown, key: string): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, key));
    else if (isRecord(node)) for (const [k, v] of Object.entries(node)) walk(v, k);
    else if (PATH_KEYS.has(key)) add(node);
  };
  add(manifest.icon);
  add(manifest.main);
  add(manifest.browser);
  walk(manifest.contributes, '');
  return [...refs].sort();
}

/**
 * `shipped` is what `vsce ls` lists (paths relative to the repository). Every file must be allowed,
 * every required one present, the Marketplace README among them, and every file the manifest names.
 */
export function checkShippedFiles(shipped: string[], manifest: Manifest, marketplaceReadme: string): Problem[] {
  const problems: Problem[] = [];
  const files = new Set(shipped);
  for (const file of shipped)
    if (file !== marketplaceReadme && !ALLOWED_FILES.some((a) => a.pattern.test(file)))
      problems.push({ rule: 'files.unexpected', message: `${file} would ship but is not on the allowed list (.vscodeignore).` });
  for (const file of [...REQUIRED_FILES, marketplaceReadme])
    if (!files.has(file)) {
      const fix = file.startsWith('dist/') ? 'build first (node esbuild.js --production)' : 'is it in .vscodeignore?';
      problems.push({ rule: 'files.missing', message: `${file} does not ship: ${fix}` });
    }
  for (const ref of manifestFileReferences(manifest)) {
    // `main: ./dist/extension` may omit the extension, as Node's require does; ours does not.
    if (!files.has(ref)) problems.push({ rule: 'files.referenced', message: `package.json names ${ref}, which does not ship.` });
  }
  // [vsce] LicenseProcessor / [openvsx] "SEE LICENSE IN <file>" points at a file that must ship.
  const seeLicense = typeof manifest.license === 'string' ? /^SEE LICENSE IN (.*)$/.exec(manifest.license) : null;
  if (seeLicense && !files.has(seeLicense[1]))
    problems.push({ rule: 'files.license', message: `"license" points at ${seeLicense[1]}, which does not ship.` });
  return problems;
}

/**
 * [ours] The bundles that ship are production builds (esbuild.js --production: minified, no sourcemaps). A
 * development build links a `.map` file that does not ship, so VS Code's debugger would look for it in vain.
 */
export function checkBundles(bundles: Record<string, string>): Problem[] {
  return Object.entries(bundles)
    .filter(([, text]) => /^\/\/# sourceMappingURL=/m.test(text))
    .map(([file]) => ({ rule: 'files.production', message: `${file} is a development build: run node esbuild.js --production first.` }));
}

// ── The icon ─────────────────────────────────────────────────────────────────────────────────────────

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are no PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return undefined;
  if (String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** [docs] a square PNG of at least 128×128; [vsce]/[openvsx] no SVG (checked on the manifest's path). */
export function checkIcon(bytes: Uint8Array | undefined, iconPath: string): Problem[] {
  if (!bytes) return [{ rule: 'icon.file', message: `The icon ${iconPath} does not exist.` }];
  const size = pngSize(bytes);
  if (!size) return [{ rule: 'icon.png', message: `The icon ${iconPath} is not a PNG file.` }];
  if (size.width !== size.height || size.width < MIN_ICON_SIZE)
    return [
      {
        rule: 'icon.size',
        message: `The icon is ${size.width}×${size.height}: it must be square and at least ${MIN_ICON_SIZE}×${MIN_ICON_SIZE}.`,
      },
    ];
  return [];
}

// ── Markdown: the Marketplace README and the CHANGELOG ───────────────────────────────────────────────

interface MarkdownReference {
  kind: 'link' | 'image';
  url: string;
}

/** Every link and image in a Markdown text, Markdown syntax and raw HTML (`<a href>`, `<img src>`) alike. */
export function markdownReferences(text: string): MarkdownReference[] {
  const refs: MarkdownReference[] = [];
  const fromHtml = (html: string) => {
    for (const m of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*["']([^"']*)["']/gi)) refs.push({ kind: 'image', url: m[1] });
    for (const m of html.matchAll(/<a\b[^>]*?\bhref\s*=\s*["']([^"']*)["']/gi)) refs.push({ kind: 'link', url: m[1] });
  };
  marked.walkTokens(marked.lexer(text), (token: Token) => {
    if (token.type === 'link') refs.push({ kind: 'link', url: (token as Tokens.Link).href });
    else if (token.type === 'image') refs.push({ kind: 'image', url: (token as Tokens.Image).href });
    else if (token.type === 'html') fromHtml((token as Tokens.HTML).text);
  });
  return refs;
}

/** The plain text of inline tokens, as GitHub renders a heading before it makes its anchor. */
function plainText(tokens: Token[] | undefined): string {
  return (tokens ?? []).map((t) => ('tokens' in t && t.tokens ? plainText(t.tokens) : 'text' in t ? String(t.text) : '')).join('');
}

/** The anchors GitHub gives a Markdown file's headings (lower case, punctuation dropped, spaces to "-", -1, -2 for repeats). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  marked.walkTokens(marked.lexer(markdown), (token: Token) => {
    if (token.type !== 'heading') return;
    const base = plainText((token as Tokens.Heading).tokens)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  });
  return anchors;
}

/** A link into our own repository on GitHub, split into the file's path and the anchor. */
function ownRepositoryTarget(url: URL, repository: string): { path: string; anchor: string } | undefined {
  const repo = /github\.com[/:]([^/]+)\/([^/#]+?)(?:\.git)?\/?$/.exec(repository);
  if (!repo) return undefined;
  const [owner, name] = [repo[1].toLowerCase(), repo[2].toLowerCase()];
  const anchor = decodeURIComponent(url.hash.replace(/^#/, ''));
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (url.host === 'raw.githubusercontent.com' && parts[0]?.toLowerCase() === owner && parts[1]?.toLowerCase() === name)
    return { path: parts.slice(3).join('/'), anchor };
  if (url.host !== 'github.com' || parts[0]?.toLowerCase() !== owner || parts[1]?.toLowerCase() !== name) return undefined;
  if (parts.length === 2) return { path: 'README.md', anchor: anchor === 'readme' ? '' : anchor };
  if (['blob', 'raw', 'tree'].includes(parts[2]) && parts.length >= 5) return { path: parts.slice(4).join('/'), anchor };
  return undefined; // issues, discussions, releases…: not files
}

/**
 * The Marketplace README: [docs]/[vsce] images come from https and are no SVG (nor SVG data, nor inline
 * <svg>); [ours] every link is absolute https too, so the page reads the same on the Marketplace, on Open VSX
 * and in VS Code's extension view; links into our repository name files (and headings) that exist; and it
 * points at the full documentation (the homepage).
 */
export function checkMarketplaceReadme(text: string, manifest: Manifest, repo: RepoFiles): Problem[] {
  const problems: Problem[] = [];
  const fail = (message: string) => problems.push({ rule: 'readme', message });
  // [vsce] MarkdownProcessor refuses the generator's template text.
  if (/This is the README for your extension /.test(text)) fail('The README still holds the template text.');
  if (/<svg[\s>]/i.test(text)) fail('The README holds an inline <svg>, which vsce refuses.');
  const repository = repositoryUrl(manifest) ?? '';
  const refs = markdownReferences(text);
  for (const { kind, url } of refs) {
    if (/^mailto:/i.test(url)) continue;
    if (!isHttpsUrl(url)) {
      fail(`The ${kind} "${url}" is not an absolute https URL.`);
      continue;
    }
    const parsed = new URL(url);
    if (kind === 'image' && /\.svg$/i.test(parsed.pathname)) fail(`The image "${url}" is an SVG, which the Marketplace refuses.`);
    const target = ownRepositoryTarget(parsed, repository);
    if (!target) continue;
    if (!repo.exists(target.path)) fail(`The ${kind} "${url}" points at ${target.path}, which is not in the repository.`);
    else if (target.anchor && /\.md$/i.test(target.path) && !headingAnchors(repo.readText(target.path) ?? '').has(target.anchor))
      fail(`The link "${url}" points at #${target.anchor}, which is no heading of ${target.path}.`);
  }
  if (typeof manifest.homepage === 'string' && !refs.some((r) => r.kind === 'link' && r.url === manifest.homepage))
    fail(`The README does not link to the full documentation (the homepage, ${manifest.homepage}).`);
  return problems;
}

/**
 * [ours] The CHANGELOG (Keep a Changelog) has a section for the version being packaged: `## [x.y.z]`,
 * optionally followed by ` - date` or ` - Unreleased`. [vsce] its images are https and no SVG too.
 */
export function checkChangelog(text: string, version: string): Problem[] {
  const problems: Problem[] = [];
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!new RegExp(`^## \\[${escaped}\\]`, 'm').test(text))
    problems.push({ rule: 'changelog.version', message: `CHANGELOG.md has no "## [${version}]" section for the version being packaged.` });
  for (const { kind, url } of markdownReferences(text))
    if (kind === 'image' && (!isHttpsUrl(url) || /\.svg$/i.test(new URL(url).pathname)))
      problems.push({ rule: 'changelog.image', message: `CHANGELOG.md's image "${url}" must be an https URL of a non-SVG image.` });
  return problems;
}

/**
 * [ours] The `package` script is where the VSIX's options are written down; the check reads them from it:
 * no dependency scan (everything is bundled) and the short Marketplace README.
 */
export function packageScriptOptions(manifest: Manifest): { readmePath?: string; problems: Problem[] } {
  const scripts = isRecord(manifest.scripts) ? manifest.scripts : {};
  const script = typeof scripts.package === 'string' ? scripts.package : '';
  const problems: Problem[] = [];
  if (!/\bvsce package\b/.test(script))
    problems.push({ rule: 'script.package', message: 'The "package" script does not run vsce package.' });
  if (!/--no-dependencies\b/.test(script))
    problems.push({ rule: 'script.package', message: 'The "package" script lacks --no-dependencies (the bundles hold every dependency).' });
  const readme = /--readme-path[ =](\S+)/.exec(script);
  if (!readme)
    problems.push({ rule: 'script.package', message: 'The "package" script lacks --readme-path <the short Marketplace README>.' });
  return { readmePath: readme?.[1], problems };
}

/**
 * [vsce] what the built extension.vsixmanifest must list for the registries to show the listing: the
 * README (Details), the CHANGELOG, the LICENSE and the icon. vsce leaves an asset out silently when its
 * file does not ship.
 */
export function checkVsixManifest(xml: string): Problem[] {
  const assets = ['Content.Details', 'Content.Changelog', 'Content.License', 'Icons.Default'];
  return assets
    .filter((a) => !xml.includes(`Type="Microsoft.VisualStudio.Services.${a}"`))
    .map((a) => ({ rule: 'vsix.assets', message: `The built extension.vsixmanifest lacks the ${a} asset.` }));
}
