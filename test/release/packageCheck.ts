/**
 * `npm run package:check`: is the VSIX ready for the Visual Studio Marketplace and Open VSX? Offline, in
 * about ten seconds (most of it vsce matching .vscodeignore against every file of the folder), after a
 * production build (`pretest` runs it right after `node esbuild.js --production`, so
 * `npm test` and CI fail on a problem). It gathers the facts and applies the rules of packageRules.ts:
 * the manifest's fields, the icon, the Marketplace README's links, the CHANGELOG's section for the version;
 * then it builds the VSIX into a temporary folder and checks what ships against the allowed list.
 * Prints every problem and exits 1 when there is any.
 *
 *   tsx test/release/packageCheck.ts
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import {
  checkBundles,
  checkChangelog,
  checkIcon,
  checkManifest,
  checkMarketplaceReadme,
  checkShippedFiles,
  checkVsixManifest,
  localizeManifest,
  packageScriptOptions,
  type Problem,
  type RepoFiles,
} from './packageRules';

const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * vsce's own packing, without its `vscode:prepublish` step: the public `createVSIX` always runs that step
 * (type-check, lint and build: a minute or more), and here the build is already done. `pack` is what
 * `vsce package` calls after it, and `listFiles` what `vsce ls` prints (@vscode/vsce 3.9.2, out/package.js).
 * Both walk the whole folder (.cache and .git included) before applying .vscodeignore, which costs seconds,
 * so the list of files that ship is taken from the build, and `listFiles` runs only when the build fails.
 */
interface VscePackage {
  listFiles(options: { cwd: string; dependencies: false; readmePath?: string }): Promise<string[]>;
  pack(options: {
    cwd: string;
    dependencies: false;
    readmePath?: string;
    packagePath: string;
    // Our rules report a missing repository or '*' activation; without these vsce would stop and ask.
    allowMissingRepository: true;
    allowStarActivation: true;
  }): Promise<{ packagePath: string; files: VsixEntry[] }>;
}

/**
 * An entry of the VSIX. The repository file it comes from is `localPath`, or `originalPath` for the README and
 * CHANGELOG, which vsce rewrites in memory; generated entries (extension.vsixmanifest) have neither.
 */
interface VsixEntry {
  path: string;
  localPath?: string;
  originalPath?: string;
  contents?: Buffer | string;
}

function loadVsce(): VscePackage {
  const vsce = createRequire(__filename)('@vscode/vsce/out/package') as Partial<VscePackage>;
  if (typeof vsce.listFiles !== 'function' || typeof vsce.pack !== 'function')
    throw new Error('@vscode/vsce no longer exports listFiles and pack from out/package.js: update test/release/packageCheck.ts.');
  return vsce as VscePackage;
}

/** The repository's files, for the README's links; nothing outside the repository is looked at. */
const repoFiles: RepoFiles = {
  exists: (p) => inRepo(p) !== undefined && fs.existsSync(inRepo(p)!),
  readText: (p) => {
    const file = inRepo(p);
    return file && fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
  },
};

function inRepo(relative: string): string | undefined {
  const full = path.resolve(repoRoot, relative);
  return full === repoRoot || full.startsWith(repoRoot + path.sep) ? full : undefined;
}

function readIfExists(relative: string): Buffer | undefined {
  const file = inRepo(relative);
  return file && fs.existsSync(file) ? fs.readFileSync(file) : undefined;
}

interface Build {
  problems: Problem[];
  /** Repository paths of the files in the VSIX, as `vsce ls` lists them; undefined when the build failed. */
  shipped?: string[];
  summary?: string;
}

async function buildVsix(vsce: VscePackage, readmePath: string | undefined): Promise<Build> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'companion-package-check-'));
  try {
    const { packagePath, files } = await vsce.pack({
      cwd: repoRoot,
      dependencies: false,
      readmePath,
      packagePath: path.join(dir, 'check.vsix'),
      allowMissingRepository: true,
      allowStarActivation: true,
    });
    const shipped = files.flatMap((f) => {
      const source = f.originalPath ?? f.localPath;
      return source ? [path.relative(repoRoot, source).split(path.sep).join('/')] : [];
    });
    const manifestEntry = files.find((f) => f.path === 'extension.vsixmanifest');
    const problems = checkVsixManifest(manifestEntry?.contents?.toString() ?? '');
    const kb = Math.round(fs.statSync(packagePath).size / 1024);
    return { problems, shipped, summary: `the VSIX builds (${files.length} entries, ${kb} KB)` };
  } catch (err) {
    return {
      problems: [{ rule: 'vsix.build', message: `vsce could not build the VSIX: ${err instanceof Error ? err.message : String(err)}` }],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const raw = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  const nls = JSON.parse(repoFiles.readText('package.nls.json') ?? '{}') as Record<string, unknown>;
  const { manifest, problems: nlsProblems } = localizeManifest(raw, nls);
  const vsce = loadVsce();
  const script = packageScriptOptions(manifest);
  const readmePath = script.readmePath;
  const problems: Problem[] = [...nlsProblems, ...script.problems, ...checkManifest(manifest)];

  if (typeof manifest.icon === 'string') problems.push(...checkIcon(readIfExists(manifest.icon), manifest.icon));
  const readme = readmePath ? repoFiles.readText(readmePath) : undefined;
  if (readmePath && readme === undefined)
    problems.push({ rule: 'readme', message: `The Marketplace README ${readmePath} does not exist.` });
  if (readme !== undefined) problems.push(...checkMarketplaceReadme(readme, manifest, repoFiles));
  problems.push(...checkChangelog(repoFiles.readText('CHANGELOG.md') ?? '', String(manifest.version)));

  // vsce ends the process (no list of problems then) on a missing --readme-path file or a `files` field.
  const buildable = (readmePath === undefined || readme !== undefined) && manifest.files === undefined;
  const build: Build = buildable
    ? await buildVsix(vsce, readmePath)
    : { problems: [{ rule: 'vsix.build', message: 'The VSIX was not built: vsce would stop on the problems above.' }] };
  problems.push(...build.problems);
  const shipped = build.shipped ?? (await vsce.listFiles({ cwd: repoRoot, dependencies: false, readmePath }));
  problems.push(...checkShippedFiles(shipped, manifest, readmePath ?? 'README.md'));
  // A translation may name its own files (the walkthrough's pages in German): those must ship too.
  for (const file of fs.readdirSync(repoRoot).filter((f) => /^package\.nls\.[\w-]+\.json$/.test(f))) {
    const translated = { ...nls, ...(JSON.parse(repoFiles.readText(file) ?? '{}') as Record<string, unknown>) };
    const references = checkShippedFiles(shipped, localizeManifest(raw, translated).manifest, readmePath ?? 'README.md');
    problems.push(...references.filter((p) => p.rule === 'files.referenced').map((p) => ({ ...p, message: `${file}: ${p.message}` })));
  }
  const bundles = shipped.filter((f) => /^dist\/[^/]+\.js$/.test(f));
  problems.push(...checkBundles(Object.fromEntries(bundles.map((f) => [f, repoFiles.readText(f) ?? '']))));

  if (problems.length > 0) {
    console.error(`\npackage:check found ${problems.length} problem(s):`);
    for (const p of problems) console.error(`  ✘ [${p.rule}] ${p.message}`);
    return 1;
  }
  console.log(`\npackage:check: ready for the Marketplace and Open VSX: ${shipped.length} files ship, ${build.summary}.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
