/**
 * Deterministic "realistic" model answers for the renderer tests and the stream benchmark: prose with
 * inline markup, bullet and numbered lists, tables, quotes and many fenced code blocks in several
 * languages. Seeded, so every run measures the same text.
 */

/** A small seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a function returns value when request stream token model answer cache error retry user ' +
  'config file path module test build render block list state event handler promise async await type ' +
  'interface class method string number array object map set key index buffer chunk frame layout'
).split(' ');

const CODE: Record<string, string[]> = {
  typescript: [
    'export async function fetchWithRetry(url: string, attempts = 3): Promise<Response> {',
    '  for (let i = 0; i < attempts; i++) {',
    '    const response = await fetch(url, { headers: { accept: "application/json" } });',
    '    if (response.ok) return response;',
    '    await new Promise((resolve) => setTimeout(resolve, 2 ** i * 100));',
    '  }',
    '  throw new Error(`failed after ${attempts} attempts`);',
    '}',
    'interface Point { x: number; y: number }',
    'const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);',
  ],
  python: [
    'def is_palindrome(text: str) -> bool:',
    '    """Return True when text reads the same both ways."""',
    '    cleaned = [c.lower() for c in text if c.isalnum()]',
    '    return cleaned == cleaned[::-1]',
    '',
    'class Cache(dict):',
    '    def __missing__(self, key):',
    '        value = self[key] = compute(key)  # memoise',
    '        return value',
  ],
  bash: [
    'set -euo pipefail',
    'for file in src/*.ts; do',
    '  echo "checking $file"',
    '  npx tsc --noEmit "$file" || exit 1',
    'done',
    'git reset --soft HEAD~1',
  ],
  json: [
    '{',
    '  "name": "example",',
    '  "version": "1.0.0",',
    '  "scripts": { "test": "mocha", "build": "esbuild src/index.ts --bundle" },',
    '  "dependencies": { "marked": "^18.0.0" }',
    '}',
  ],
  go: ['func sum(values []int) (total int) {', '\tfor _, v := range values {', '\t\ttotal += v', '\t}', '\treturn', '}'],
  sql: [
    'SELECT u.id, u.name, COUNT(o.id) AS orders',
    'FROM users u LEFT JOIN orders o ON o.user_id = u.id',
    "WHERE u.created_at > NOW() - INTERVAL '30 days'",
    'GROUP BY u.id, u.name ORDER BY orders DESC LIMIT 10;',
  ],
  rust: [
    'fn main() {',
    '    let words: Vec<&str> = "a b c".split_whitespace().collect();',
    '    for (i, w) in words.iter().enumerate() {',
    '        println!("{i}: {w}");',
    '    }',
    '}',
  ],
};

function sentence(rand: () => number): string {
  const n = 6 + Math.floor(rand() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = WORDS[Math.floor(rand() * WORDS.length)];
    const r = rand();
    if (r < 0.05) w = `\`${w}()\``;
    else if (r < 0.08) w = `**${w}**`;
    else if (r < 0.1) w = `*${w}*`;
    else if (r < 0.11) w = `[${w}](https://example.com/docs/${w})`;
    words.push(w);
  }
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

function paragraph(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 4);
  return Array.from({ length: n }, () => sentence(rand)).join(' ');
}

function codeBlock(rand: () => number): string {
  const langs = Object.keys(CODE);
  const lang = langs[Math.floor(rand() * langs.length)];
  const lines = CODE[lang];
  const count = 4 + Math.floor(rand() * 40);
  const body: string[] = [];
  for (let i = 0; i < count; i++) body.push(lines[i % lines.length]);
  return '```' + lang + '\n' + body.join('\n') + '\n```';
}

function list(rand: () => number, ordered: boolean): string {
  const n = 3 + Math.floor(rand() * 6);
  return Array.from({ length: n }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${sentence(rand)}`).join('\n');
}

function table(rand: () => number): string {
  const rows = 3 + Math.floor(rand() * 5);
  const lines = ['| Option | Default | Meaning |', '|---|:---:|---|'];
  for (let i = 0; i < rows; i++) lines.push(`| \`opt${i}\` | ${Math.floor(rand() * 100)} | ${sentence(rand)} |`);
  return lines.join('\n');
}

/** A realistic markdown answer of about `targetChars` characters. */
export function realisticAnswer(targetChars: number, seed = 42): string {
  const rand = seededRandom(seed);
  const blocks: string[] = [];
  let size = 0;
  let section = 1;
  while (size < targetChars) {
    const r = rand();
    let block: string;
    if (r < 0.08) block = `## ${section++}. ${sentence(rand).slice(0, -1)}`;
    else if (r < 0.4) block = paragraph(rand);
    else if (r < 0.52) block = list(rand, false);
    else if (r < 0.6) block = list(rand, true);
    else if (r < 0.63) block = table(rand);
    else if (r < 0.66) block = `> ${sentence(rand)}`;
    else block = codeBlock(rand);
    blocks.push(block);
    size += block.length + 2;
  }
  return blocks.join('\n\n') + '\n';
}

/** Split `text` into exactly `count` non-empty chunks at seeded random positions. */
export function splitIntoChunks(text: string, count: number, seed = 7): string[] {
  if (count >= text.length) return Array.from(text);
  const rand = seededRandom(seed);
  const cuts = new Set<number>();
  while (cuts.size < count - 1) cuts.add(1 + Math.floor(rand() * (text.length - 1)));
  const sorted = [...cuts].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const cut of sorted) {
    chunks.push(text.slice(start, cut));
    start = cut;
  }
  chunks.push(text.slice(start));
  return chunks;
}
