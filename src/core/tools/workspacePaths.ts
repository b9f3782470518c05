/**
 * Confinement of the paths a model names in a tool call (issue 10, section 3): a path is resolved against the
 * workspace folders, normalised, and accepted only when its REAL path (symlinks and junctions resolved) lies
 * inside the real path of a workspace folder. Everything that could name something else is refused before
 * the file system is touched: URIs, `~`, drive letters, UNC and device paths, control characters, `..` that
 * climbs above the folder. The refusal's `reason` is sent back to the model as the tool result, so it is short
 * and plain ("outside the workspace").
 *
 * Pure apart from the injected {@link PathFs}; the platform is a parameter so that tests cover Windows rules
 * (case-insensitive, drive letters, reserved device names) on any machine.
 */
import { realpath, lstat } from 'node:fs/promises';
import * as nodePath from 'node:path';

/** A workspace folder: its name (what VS Code shows, the first segment of paths when there are several) and absolute path. */
export interface WorkspaceRoot {
  name: string;
  fsPath: string;
}

/** The file-system calls confinement needs: node's `fs.promises` in production ({@link nodePathFs}). */
export interface PathFs {
  realpath(p: string): Promise<string>;
  /**
   * Optional: tells a missing path from a link that cannot be resolved (dangling, a loop, no permission). With
   * it, such a link is refused; without it, it counts as missing (reading it later fails).
   */
  lstat?(p: string): Promise<unknown>;
}

export const nodePathFs: PathFs = { realpath, lstat };

export type ResolvedPath =
  | {
      ok: true;
      /** The folder the path was resolved against, and the path as named, relative to it (`/`-separated, '' for the folder). */
      root: WorkspaceRoot;
      /** The normalised absolute path as named (native separators); symlinks not resolved. */
      absolute: string;
      /**
       * The real path (native separators): what to open, so that a link swapped after the check still cannot
       * lead out. For a missing path: the real path of its nearest existing parent plus the rest.
       */
      real: string;
      relative: string;
      /**
       * The folder that contains {@link real} and the real path relative to its real path. Differs from
       * root/relative when the path goes through a symlink that stays inside the workspace: check protection and
       * `.clineignore` on BOTH, or a link `notes.txt -> .env` would read a protected file unasked.
       */
      realRoot: WorkspaceRoot;
      realRelative: string;
      /** False when the path does not exist (yet); `real` is then what it would be. */
      exists: boolean;
    }
  | { ok: false; reason: string };

/** Longest path accepted (characters). PATH_MAX on Linux; longer input is refused before any file-system call. */
export const MAX_PATH_LENGTH = 4096;

/** The reasons given back to the model. `outside the workspace` starts every reason for a path that leads out. */
export const REFUSAL = {
  notString: 'the path must be a string',
  empty: 'empty path',
  tooLong: `path too long (over ${MAX_PATH_LENGTH} characters)`,
  control: 'control characters in the path',
  uri: 'not a workspace path (URI)',
  home: 'not a workspace path (home directory)',
  drive: 'not a workspace path (drive letter)',
  network: 'not a workspace path (network or device path)',
  windowsName: 'not a valid Windows file name',
  noWorkspace: 'no workspace folder is open',
  outside: 'outside the workspace',
  outsideByLink: 'outside the workspace (a link points outside)',
  unresolvable: 'outside the workspace (a link that cannot be resolved)',
} as const;

// C0 controls (NUL included), DEL and C1 controls: never in a file name a model should name.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
/** `scheme:` of two or more characters (one letter followed by `:` is a drive letter). */
const URI_SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const DRIVE_LETTER = /^[a-z]:/i;
const DRIVE_ABSOLUTE = /^[a-z]:\//i;
/** Windows device names, which open a device whatever the folder or extension (`CON` would read the console and hang). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

const isWindows = (platform: NodeJS.Platform): boolean => platform === 'win32';
const pathFor = (platform: NodeJS.Platform): nodePath.PlatformPath => (isWindows(platform) ? nodePath.win32 : nodePath.posix);

/**
 * Whether `child` is `parent` or below it. Compares whole segments (`/work/ws-evil` is not inside `/work/ws`),
 * case-insensitively on Windows. Both paths should be absolute and of the same kind (both real, or both not).
 */
export function isInside(child: string, parent: string, platform: NodeJS.Platform = process.platform): boolean {
  const path = pathFor(platform);
  let c = path.normalize(child);
  let p = path.normalize(parent);
  if (isWindows(platform)) {
    c = c.toLowerCase();
    p = p.toLowerCase();
  }
  c = stripTrailingSeparator(c, path.sep);
  p = stripTrailingSeparator(p, path.sep);
  if (c === p) return true;
  return c.startsWith(p.endsWith(path.sep) ? p : p + path.sep);
}

/** `a/b/` → `a/b`, but the file-system root (`/`, `C:\`) stays as it is. */
function stripTrailingSeparator(p: string, sep: string): string {
  while (p.length > 1 && p.endsWith(sep) && !/^[a-z]:\\$/i.test(p)) p = p.slice(0, -1);
  return p;
}

/**
 * How a path is shown to the model and the user: `relative` to its folder, with the folder's name first when
 * there are several folders (the form {@link resolveWorkspacePath} accepts back). The folder itself is `.` (one
 * folder) or its name.
 */
export function displayPath(resolved: { root: WorkspaceRoot; relative: string }, roots: readonly WorkspaceRoot[]): string {
  if (roots.length > 1) return resolved.relative ? `${resolved.root.name}/${resolved.relative}` : resolved.root.name;
  return resolved.relative || '.';
}

/**
 * Resolves a path a model wrote to a file or folder of the workspace, or refuses it with a reason.
 *
 * - Backslashes count as separators (a model may write Windows paths); `.` and empty segments are dropped.
 * - A relative path: with several folders, a first segment that names a folder selects it; otherwise each
 *   folder is tried in order. The first candidate that exists wins; when none exists, the first candidate is
 *   the answer (a missing file is still confined: `link-out/new.txt` is refused).
 * - `..` may not climb above the folder, even to come back (`../ws/a`): refused.
 * - An absolute path is accepted when it lies (as written, normalised) inside a folder; on Windows with its
 *   drive letter. Elsewhere a drive letter is refused.
 * - Percent escapes are NOT decoded: `%2e%2e` is a file name like any other.
 */
export async function resolveWorkspacePath(
  input: string,
  roots: readonly WorkspaceRoot[],
  fs: PathFs,
  platform: NodeJS.Platform = process.platform,
): Promise<ResolvedPath> {
  const syntaxProblem = checkSyntax(input, platform);
  if (syntaxProblem) return refuse(syntaxProblem);
  if (roots.length === 0) return refuse(REFUSAL.noWorkspace);

  const text = input.replace(/\\/g, '/');
  const absolute = isWindows(platform) ? DRIVE_ABSOLUTE.test(text) : text.startsWith('/');
  if (!absolute && text.startsWith('/')) return refuse(REFUSAL.outside); // `\x` on Windows: the current drive's root

  let candidates: Candidate[];
  if (absolute) {
    const candidate = candidateForAbsolute(text, roots, platform);
    if (!candidate) return refuse(REFUSAL.outside);
    candidates = [candidate];
  } else {
    const segments = normalizeSegments(text.split('/'));
    if (!segments) return refuse(REFUSAL.outside);
    candidates = candidatesForRelative(segments, roots, platform);
  }
  for (const { segments } of candidates) {
    const problem = checkSegments(segments, platform);
    if (problem) return refuse(problem);
  }

  const realRoots = new RealRoots(roots, fs);
  let first: ResolvedPath | undefined;
  for (const candidate of candidates) {
    const result = await confine(candidate, realRoots, fs, platform);
    if (result.ok && !result.exists) {
      first ??= result;
      continue;
    }
    if (!result.ok && result.reason === REFUSAL.noWorkspace) continue; // that folder is gone; try the next
    // An existing path decides, and so does a refusal: a candidate that leads out is never skipped for another.
    return result;
  }
  return first ?? refuse(REFUSAL.noWorkspace);
}

interface Candidate {
  root: WorkspaceRoot;
  segments: string[];
}

const refuse = (reason: string): ResolvedPath => ({ ok: false, reason });

/** The checks on the text as written, before any interpretation. */
function checkSyntax(input: unknown, platform: NodeJS.Platform): string | undefined {
  if (typeof input !== 'string') return REFUSAL.notString;
  if (input.length > MAX_PATH_LENGTH) return REFUSAL.tooLong;
  if (CONTROL_CHARACTERS.test(input)) return REFUSAL.control;
  if (input.trim() === '') return REFUSAL.empty;
  const text = input.replace(/\\/g, '/');
  if (text.startsWith('//')) return REFUSAL.network; // UNC `\\server\share`, `//server/share`, `\\?\`, `\\.\`
  if (text.startsWith('~')) return REFUSAL.home; // `~`, `~/x`, `~user/x`
  if (DRIVE_LETTER.test(text)) {
    // `C:\x` is an absolute path on Windows (accepted if inside a folder); `c:x` is relative to the drive's
    // current directory, which we cannot know; on other systems a drive letter never names the workspace.
    if (!isWindows(platform) || !DRIVE_ABSOLUTE.test(text)) return REFUSAL.drive;
  } else if (URI_SCHEME.test(text)) {
    return REFUSAL.uri;
  }
  return undefined;
}

/** Checks of each segment of the normalised path: names that Windows would read as something else. */
function checkSegments(segments: readonly string[], platform: NodeJS.Platform): string | undefined {
  if (!isWindows(platform)) return undefined;
  for (const segment of segments) {
    // `a:b` is an alternate data stream; `x.` and `x ` are `x` to Windows (`.env.` would read `.env`).
    if (segment.includes(':') || /[. ]$/.test(segment)) return REFUSAL.windowsName;
    if (WINDOWS_DEVICE.test(segment.split('.')[0].trim())) return REFUSAL.windowsName;
  }
  return undefined;
}

/** Drops `.` and empty segments and applies `..`; undefined when `..` climbs above the start. */
function normalizeSegments(segments: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return out;
}

function sameName(a: string, b: string, platform: NodeJS.Platform): boolean {
  return isWindows(platform) ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function candidatesForRelative(segments: string[], roots: readonly WorkspaceRoot[], platform: NodeJS.Platform): Candidate[] {
  const candidates: Candidate[] = [];
  if (roots.length > 1 && segments.length > 0) {
    for (const root of roots) {
      if (sameName(root.name, segments[0], platform)) candidates.push({ root, segments: segments.slice(1) });
    }
  }
  for (const root of roots) candidates.push({ root, segments });
  return candidates;
}

/** The folder an absolute path lies in (the deepest, when folders are nested), by its normalised text. */
function candidateForAbsolute(text: string, roots: readonly WorkspaceRoot[], platform: NodeJS.Platform): Candidate | undefined {
  const segments = normalizeSegments(text.split('/'));
  if (!segments) return undefined; // `/..`
  let best: Candidate | undefined;
  let bestLength = -1;
  for (const root of roots) {
    const rootSegments = normalizeSegments(root.fsPath.replace(/\\/g, '/').split('/'));
    if (!rootSegments || rootSegments.length > segments.length) continue;
    if (!rootSegments.every((segment, i) => sameName(segment, segments[i], platform))) continue;
    if (rootSegments.length > bestLength) {
      best = { root, segments: segments.slice(rootSegments.length) };
      bestLength = rootSegments.length;
    }
  }
  return best;
}

/** The real paths of the folders, each looked up once per resolution and only when needed. */
class RealRoots {
  private readonly cache = new Map<WorkspaceRoot, Promise<string | undefined>>();
  constructor(
    readonly roots: readonly WorkspaceRoot[],
    private readonly fs: PathFs,
  ) {}
  get(root: WorkspaceRoot): Promise<string | undefined> {
    let real = this.cache.get(root);
    if (!real) {
      real = this.fs.realpath(root.fsPath).then(
        (p) => p,
        () => undefined,
      );
      this.cache.set(root, real);
    }
    return real;
  }
}

async function confine(candidate: Candidate, realRoots: RealRoots, fs: PathFs, platform: NodeJS.Platform): Promise<ResolvedPath> {
  const path = pathFor(platform);
  const { root, segments } = candidate;
  const rootReal = await realRoots.get(root);
  if (rootReal === undefined) return refuse(REFUSAL.noWorkspace);
  const absolute = path.join(root.fsPath, ...segments);
  const realOfPrefix = (count: number): Promise<string | undefined> =>
    fs.realpath(path.join(root.fsPath, ...segments.slice(0, count))).then(
      (p) => p,
      () => undefined,
    );

  // The real path of the longest existing prefix, then the missing rest appended as written. Existence is
  // monotone (a path through a missing or unresolvable component fails too), so bisection finds the prefix in
  // a few calls even for a 2,000-segment path.
  let existing = segments.length;
  let real = await realOfPrefix(existing);
  if (real === undefined) {
    let found = 0;
    let foundReal = rootReal;
    let missing = segments.length;
    while (missing - found > 1) {
      const middle = (found + missing) >> 1;
      const middleReal = await realOfPrefix(middle);
      if (middleReal === undefined) {
        missing = middle;
      } else {
        found = middle;
        foundReal = middleReal;
      }
    }
    existing = found;
    real = foundReal;
  }
  const exists = existing === segments.length;
  if (!exists && fs.lstat) {
    // The first missing segment must really be missing: if it is there (a dangling link, a link loop, a
    // folder we may not enter), its target is unknown and might be outside.
    const firstMissing = path.join(root.fsPath, ...segments.slice(0, existing + 1));
    const present = await fs.lstat(firstMissing).then(
      () => true,
      () => false,
    );
    if (present) return refuse(REFUSAL.unresolvable);
  }
  real = path.join(real, ...segments.slice(existing));

  let realRoot: WorkspaceRoot | undefined;
  let realRootPath = '';
  for (const candidateRoot of realRoots.roots) {
    const candidateReal = await realRoots.get(candidateRoot);
    if (candidateReal === undefined || !isInside(real, candidateReal, platform)) continue;
    if (realRoot === undefined || candidateReal.length > realRootPath.length) {
      realRoot = candidateRoot;
      realRootPath = candidateReal;
    }
  }
  if (!realRoot) return refuse(REFUSAL.outsideByLink);
  const realRelative = path.relative(realRootPath, real).split(path.sep).join('/');
  return { ok: true, root, absolute, real, relative: segments.join('/'), realRoot, realRelative, exists };
}
