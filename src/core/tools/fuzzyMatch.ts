/**
 * Fuzzy matching of a typed query against workspace-relative paths, for the `@` suggestions: the query's
 * characters must appear in the path in order (a subsequence, case-insensitive), and the best alignment is
 * scored with bonuses for what people mean when they type a few letters: the file's name rather than its
 * folders, runs of consecutive characters, and starts of words (after `/`, `.`, `-`, `_`, a space, or a
 * lower-to-upper case change). Gaps cost a little.
 *
 * The best alignment is found by dynamic programming over the query's characters and their occurrences in the
 * path, after a cheap subsequence test that rejects most paths; the buffers are reused, so scoring 50,000 paths
 * allocates nothing per path.
 */

/** A query ready to match: whitespace dropped, backslashes as `/`, lower-cased once. */
export interface FuzzyQuery {
  text: string;
  lower: string;
}

export function prepareQuery(raw: string): FuzzyQuery {
  const text = raw
    .replace(/\s+/g, '')
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '');
  return { text, lower: text.toLowerCase() };
}

// The scores. A matched character is worth MATCH plus the bonus of its position (in a run of consecutive
// matches, the run's first position, plus CONSECUTIVE); a character of the file's name (after the last `/`) is
// worth NAME more, so that `conf` prefers `src/config.ts` to `conf/src/x.ts`.
const MATCH = 16;
const NAME = 10;
const SEGMENT_START = 24; // after `/`, or the path's first character
const WORD_START = 18; // after `.`, `-`, `_`, a space
const CAMEL = 14; // `fileIndex`: the `I`
const CONSECUTIVE = 6;
const SAME_CASE = 1;
const GAP_START = 6;
const GAP_EXTEND = 1;
/** The whole name typed (`index.ts`), or the name without its extension (`index`). */
const WHOLE_NAME = 60;
const WHOLE_STEM = 40;
const NAME_PREFIX = 20;

// The DP keeps, per query character, only the positions where it can be matched (a few per path, where a dense
// row would have one cell per character): their best scores, and the boundary bonus of the run of consecutive
// matches each ends (a run inherits the bonus of its first character, so "ui" typed for "src/ui/" is worth the
// segment start twice: better than jumping to a later segment start). Reused between calls.
let previousAt = new Int32Array(256);
let previousScore = new Int32Array(256);
let previousRun = new Int32Array(256);
let currentAt = new Int32Array(256);
let currentScore = new Int32Array(256);
let currentRun = new Int32Array(256);
const NONE = -(2 ** 30);

function ensureCapacity(length: number): void {
  if (previousAt.length >= length) return;
  const size = Math.max(length, previousAt.length * 2);
  previousAt = new Int32Array(size);
  previousScore = new Int32Array(size);
  previousRun = new Int32Array(size);
  currentAt = new Int32Array(size);
  currentScore = new Int32Array(size);
  currentRun = new Int32Array(size);
}

function swapRows(): void {
  const at = previousAt;
  previousAt = currentAt;
  currentAt = at;
  const score = previousScore;
  previousScore = currentScore;
  currentScore = score;
  const run = previousRun;
  previousRun = currentRun;
  currentRun = run;
}

const isSeparator = (code: number): boolean => code === 0x2e || code === 0x2d || code === 0x5f || code === 0x20; // . - _ space
const isLower = (code: number): boolean => code >= 0x61 && code <= 0x7a;
const isUpper = (code: number): boolean => code >= 0x41 && code <= 0x5a;

/** What a match at `j` is worth for where it is: the start of a segment or a word, a camel hump. */
function boundaryBonus(target: string, j: number): number {
  if (j === 0) return SEGMENT_START;
  const before = target.charCodeAt(j - 1);
  if (before === 0x2f) return SEGMENT_START;
  if (isSeparator(before)) return WORD_START;
  if (isUpper(target.charCodeAt(j)) && isLower(before)) return CAMEL;
  return 0;
}

/** What a match at `j` is worth apart from its boundary: a match, in the file's name, in the typed case. */
function valueAt(target: string, j: number, nameStart: number, exact: number): number {
  return MATCH + (j >= nameStart ? NAME : 0) + (target.charCodeAt(j) === exact ? SAME_CASE : 0);
}

/**
 * The score of `target` for the query (higher is better), or undefined when the query is not a subsequence of
 * it. `targetLower` is `target.toLowerCase()` (kept by the caller, computed once per path). An empty query
 * matches everything with score 0.
 */
export function fuzzyScore(query: FuzzyQuery, target: string, targetLower: string): number | undefined {
  const q = query.lower;
  const m = q.length;
  if (m === 0) return 0;
  const n = targetLower.length;
  if (m > n) return undefined;

  // Cheap rejection of most paths, and where the alignment can start: the first character's first occurrence.
  let first = -1;
  for (let i = 0, at = -1; i < m; i++) {
    at = targetLower.indexOf(q[i], at + 1);
    if (at === -1) return undefined;
    if (i === 0) first = at;
  }

  ensureCapacity(n);
  const nameStart = targetLower.lastIndexOf('/') + 1;

  // The first query character: every occurrence.
  let previousCount = 0;
  const exact0 = query.text.charCodeAt(0);
  for (let j = first; j !== -1; j = targetLower.indexOf(q[0], j + 1)) {
    const boundary = boundaryBonus(target, j);
    previousAt[previousCount] = j;
    previousRun[previousCount] = boundary;
    previousScore[previousCount++] = boundary + valueAt(target, j, nameStart, exact0);
  }
  for (let i = 1; i < m; i++) {
    const exact = query.text.charCodeAt(i);
    let count = 0;
    // gapBase: the best previousScore[k] + GAP_EXTEND * previousAt[k] over the entries at or before j - 2, so
    // that a gap from k to j costs GAP_START + GAP_EXTEND * (j - 2 - previousAt[k]).
    let gapBase = NONE;
    let p = 0;
    for (let j = targetLower.indexOf(q[i], previousAt[0] + 1); j !== -1; j = targetLower.indexOf(q[i], j + 1)) {
      while (p < previousCount && previousAt[p] <= j - 2) {
        gapBase = Math.max(gapBase, previousScore[p] + GAP_EXTEND * previousAt[p]);
        p++;
      }
      const boundary = boundaryBonus(target, j);
      let best = NONE;
      let run = boundary;
      if (p < previousCount && previousAt[p] === j - 1) {
        run = Math.max(boundary, previousRun[p]);
        best = previousScore[p] + CONSECUTIVE + run;
      }
      if (gapBase !== NONE) {
        const viaGap = gapBase - GAP_START - GAP_EXTEND * (j - 2) + boundary;
        if (viaGap > best) {
          best = viaGap;
          run = boundary;
        }
      }
      if (best === NONE) continue;
      currentAt[count] = j;
      currentRun[count] = run;
      currentScore[count++] = best + valueAt(target, j, nameStart, exact);
    }
    if (count === 0) return undefined; // cannot happen after the subsequence test; kept for safety
    swapRows();
    previousCount = count;
  }
  let best = NONE;
  for (let k = 0; k < previousCount; k++) if (previousScore[k] > best) best = previousScore[k];

  // Typing the file's whole name, its name without the extension, or its beginning.
  if (targetLower.startsWith(q, nameStart)) {
    if (n - nameStart === m) best += WHOLE_NAME;
    else if (targetLower.charCodeAt(nameStart + m) === 0x2e) best += WHOLE_STEM;
    else best += NAME_PREFIX;
  }
  return best;
}
