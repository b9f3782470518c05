/**
 * Fuzzy matching of a typed query against workspace-relative paths, for the `@` suggestions: the query's
 * characters must appear in the path in order (a subsequence, case-insensitive), and the best alignment is
 * scored with bonuses for what people mean when they type a few letters: the file's name rather than its
 * folders, runs of consecutive characters, and starts of words (after `/`, `.`, `-`, `_`, a space, or a
 * lower-to-upper case change). Gaps cost a little.
 *
 * The best alignment is found by dynamic programming over query × path (both short), after a cheap subsequence
 * test that rejects most paths; the buffers are reused, so scoring 50,000 paths allocates nothing per path.
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

// Reused between calls: the DP rows, and for each cell the boundary bonus of the run of consecutive matches it
// ends (a run inherits the bonus of its first character, so "ui" typed for "src/ui/" is worth the segment start
// twice: better than jumping to a later segment start).
let previous = new Int32Array(256);
let current = new Int32Array(256);
let previousRun = new Int32Array(256);
let currentRun = new Int32Array(256);
const NONE = -(2 ** 30);

function ensureCapacity(length: number): void {
  if (previous.length >= length) return;
  const size = Math.max(length, previous.length * 2);
  previous = new Int32Array(size);
  current = new Int32Array(size);
  previousRun = new Int32Array(size);
  currentRun = new Int32Array(size);
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

  // previous[j]: the best score with the previous query character matched exactly at j (NONE if it cannot be).
  const q0 = q.charCodeAt(0);
  const exact0 = query.text.charCodeAt(0);
  if (first > 0) previous[first - 1] = NONE;
  for (let j = first; j < n; j++) {
    if (targetLower.charCodeAt(j) !== q0) {
      previous[j] = NONE;
      continue;
    }
    const boundary = boundaryBonus(target, j);
    previousRun[j] = boundary;
    previous[j] = MATCH + boundary + (j >= nameStart ? NAME : 0) + (target.charCodeAt(j) === exact0 ? SAME_CASE : 0);
  }
  let start = first;
  for (let i = 1; i < m; i++) {
    const qc = q.charCodeAt(i);
    const exact = query.text.charCodeAt(i);
    // gapBest: the best previous[k] - gap cost, over k <= j - 2 (a gap of at least one character before j).
    let gapBest = NONE;
    let nextStart = -1;
    current[start] = NONE; // so that every slot the next row reads, [start, n), is of this row
    for (let j = start + 1; j < n; j++) {
      if (j >= 2) {
        const candidate = previous[j - 2] === NONE ? NONE : previous[j - 2] - GAP_START;
        gapBest = Math.max(gapBest === NONE ? NONE : gapBest - GAP_EXTEND, candidate);
      }
      if (targetLower.charCodeAt(j) !== qc) {
        current[j] = NONE;
        continue;
      }
      const boundary = boundaryBonus(target, j);
      let best = NONE;
      let run = boundary;
      if (previous[j - 1] !== NONE) {
        run = Math.max(boundary, previousRun[j - 1]);
        best = previous[j - 1] + CONSECUTIVE + run;
      }
      if (gapBest !== NONE && gapBest + boundary > best) {
        best = gapBest + boundary;
        run = boundary;
      }
      if (best === NONE) {
        current[j] = NONE;
        continue;
      }
      currentRun[j] = run;
      current[j] = best + MATCH + (j >= nameStart ? NAME : 0) + (target.charCodeAt(j) === exact ? SAME_CASE : 0);
      if (nextStart === -1) nextStart = j;
    }
    if (nextStart === -1) return undefined; // cannot happen after the subsequence test; kept for safety
    const row = previous;
    previous = current;
    current = row;
    const runRow = previousRun;
    previousRun = currentRun;
    currentRun = runRow;
    start = nextStart;
  }
  let best = NONE;
  for (let j = start; j < n; j++) if (previous[j] > best) best = previous[j];
  if (best === NONE) return undefined;

  // Typing the file's whole name, its name without the extension, or its beginning.
  const name = targetLower.slice(nameStart);
  if (name === q) best += WHOLE_NAME;
  else if (name.startsWith(q) && name.charCodeAt(m) === 0x2e) best += WHOLE_STEM;
  else if (name.startsWith(q)) best += NAME_PREFIX;
  return best;
}
