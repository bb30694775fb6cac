import type { JsonObject, JsonValue } from '../../json';

/** A small seeded PRNG (mulberry32) so property-style tests are reproducible. */
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

// Characters chosen to hit every encoder branch: escapes, controls, DEL, BMP above U+E000,
// CJK, astral (surrogate pairs) and the JSON-significant punctuation.
const ALPHABET = ['a', 'b', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', 'é', '日', '\uE000', '\uFFFD', '\u{1F600}', '\u{10FFFF}', '{', ':'];

export function randomString(rand: () => number, maxLength = 8): string {
  let s = '';
  const n = Math.floor(rand() * (maxLength + 1));
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

export function randomJson(rand: () => number, depth = 0): JsonValue {
  const kind = Math.floor(rand() * (depth > 4 ? 5 : 7));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2: {
      const big = rand() < 0.2;
      const magnitude = big ? Number.MAX_SAFE_INTEGER : 1000;
      return Math.round((rand() * 2 - 1) * magnitude) || 0;
    }
    case 3:
    case 4:
      return randomString(rand);
    case 5:
      return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth + 1));
    default: {
      const obj: JsonObject = {};
      const n = Math.floor(rand() * 5);
      for (let i = 0; i < n; i++) obj[randomString(rand, 4)] = randomJson(rand, depth + 1);
      return obj;
    }
  }
}
