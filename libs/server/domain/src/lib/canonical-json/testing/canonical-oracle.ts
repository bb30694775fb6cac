/**
 * An independent judge of what parseStrictJson must do with a text, for property tests.
 * Well-formedness is JSON.parse's verdict (V8's parser, not ours); the canonical rules are then
 * checked on tokens cut by one regex: integers only, no -0, within ±(2^53−1) (compared as
 * BigInt), no duplicate keys after unescaping, no lone surrogates, nesting within the limit.
 * It shares no code with the parser, so a bug has to be made twice to go unnoticed.
 */
export type Verdict = 'ok' | 'M_BAD_JSON' | 'M_NOT_JSON';

const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}[\]:,]|true|false|null|[ \t\n\r]+/gy;
const CANONICAL_INTEGER = /^-?(?:0|[1-9]\d*)$/;
const MAX = 2n ** 53n - 1n;
const LONE_SURROGATE = /\p{Cs}/u;

export function canonicalVerdict(text: string, maxDepth = 100): Verdict {
  try {
    JSON.parse(text);
  } catch {
    return 'M_NOT_JSON';
  }
  const tokens = tokenize(text);
  const keySets: Array<Set<string> | null> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t === '{' || t === '[') {
      keySets.push(t === '{' ? new Set() : null);
      if (keySets.length > maxDepth) return 'M_BAD_JSON';
    } else if (t === '}' || t === ']') {
      keySets.pop();
    } else if (t.startsWith('"')) {
      const decoded = JSON.parse(t) as string;
      if (LONE_SURROGATE.test(decoded)) return 'M_BAD_JSON';
      const keys = keySets[keySets.length - 1];
      if (tokens[i + 1] === ':' && keys) {
        if (keys.has(decoded)) return 'M_BAD_JSON';
        keys.add(decoded);
      }
    } else if (/^[-\d]/.test(t)) {
      if (!CANONICAL_INTEGER.test(t) || t === '-0') return 'M_BAD_JSON';
      const n = BigInt(t);
      if (n > MAX || n < -MAX) return 'M_BAD_JSON';
    }
  }
  return 'ok';
}

/** Cuts a valid JSON text into tokens, dropping whitespace; the sticky regex must reach the end. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m || m.index !== at) throw new Error(`oracle tokenizer stuck at ${at}: it disagrees with JSON.parse`);
    if (!/^[ \t\n\r]/.test(m[0])) tokens.push(m[0]);
  }
  return tokens;
}
