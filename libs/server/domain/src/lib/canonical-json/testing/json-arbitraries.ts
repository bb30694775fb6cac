import fc from 'fast-check';
import type { JsonObject, JsonValue } from '../../json';

/**
 * fast-check generators for the canonical-JSON property tests. Two kinds:
 * - `canonicalValue`: values canonical JSON can encode (safe integers, strings without lone
 *   surrogates, plain objects), for round-trip properties;
 * - `jsonishText`: texts built from JSON's grammar with edge cases mixed in (numbers just past
 *   2^53, `-0`, `1.0`, every escape, lone surrogate escapes, duplicate and `__proto__` keys,
 *   odd whitespace), so most are JSON and a good share are nearly-JSON. Which of them are
 *   valid is decided by an independent oracle (canonical-oracle.ts), not by the generator.
 */

// Strings: any code point (fast-check's 'binary' unit never yields a lone surrogate) plus the
// characters that exercise the encoder's escaping branches.
const tricky = fc.constantFrom('"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\uFFFD', '\u{1F600}', '\u{10FFFF}');
const canonicalString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme-ascii', maxLength: 2 })), { maxLength: 6 }).map((parts) => parts.join('')),
);
const edgeKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', '0', '10', '2', 'a', 'é', '\uFF61', '\u{1F600}');
const key = fc.oneof(edgeKey, canonicalString);
const safeInteger = fc.oneof(fc.maxSafeInteger(), fc.constantFrom(0, 1, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER));

/** Builds an object with own properties only: `__proto__` stays a key, never a prototype. */
export function ownObject(entries: ReadonlyArray<readonly [string, JsonValue]>): JsonObject {
  const obj: JsonObject = {};
  for (const [k, v] of entries) Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
  return obj;
}

export const canonicalValue: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    safeInteger,
    canonicalString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.uniqueArray(fc.tuple(key, tie('value')), { maxLength: 4, selector: ([k]) => k }).map(ownObject),
  ),
})).value;

export const canonicalObject: fc.Arbitrary<JsonObject> = fc
  .uniqueArray(fc.tuple(key, canonicalValue), { maxLength: 6, selector: ([k]) => k })
  .map(ownObject);

/** A deep copy with every object's keys in a random order (JS keeps insertion order for non-index keys). */
export function shuffledCopy(value: JsonValue, rand: () => number): JsonValue {
  if (Array.isArray(value)) return value.map((v) => shuffledCopy(v, rand));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  return ownObject(keys.map((k) => [k, shuffledCopy(value[k] as JsonValue, rand)] as const));
}

// ---- texts -------------------------------------------------------------------------------

// Weighted so that about half the texts are JSON: the broken tokens are rare spice.
const rare = <T>(arb: fc.Arbitrary<T>) => ({ arbitrary: arb, weight: 1 });
const often = <T>(arb: fc.Arbitrary<T>, weight = 8) => ({ arbitrary: arb, weight });

const ws = fc.oneof(often(fc.constantFrom('', '', ' ', '\n', '\t', '\r\n', '  ')), rare(fc.constantFrom('\u00a0', '\f', '\u2028', '\uFEFF')));
const hex4 = fc.oneof(
  fc.constantFrom('0000', '001f', '0020', '0022', '005c', '00e9', 'd800', 'dbff', 'dc00', 'dfff', 'd83d', 'de00', 'DE00', 'fffd', 'ffff', 'FEFF'),
  fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16).padStart(4, '0')),
);
const stringPart = fc.oneof(
  often(fc.string({ unit: 'grapheme-ascii', maxLength: 3 }).map((s) => s.replace(/["\\]/g, ''))),
  often(fc.constantFrom('é', '日', '\u{1F600}', '\u007f', '\uFEFF'), 2),
  often(fc.constantFrom('\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t'), 2),
  often(hex4.map((h) => `\\u${h}`), 3),
  rare(fc.constantFrom('\uD83D', '\uDE00', '\u0001', '\\x', '\\u12', '\\U0041', '\\')),
);
const stringToken = fc.array(stringPart, { maxLength: 5 }).map((parts) => `"${parts.join('')}"`);
const keyToken = fc.oneof(fc.constantFrom('"a"', '"b"', '"\\u0061"', '"__proto__"', '"constructor"', '"\\ud83d\\ude00"', '"😀"'), stringToken);
const numberToken = fc.oneof(
  often(fc.constantFrom('0', '1', '-1', '9007199254740991', '-9007199254740991'), 3),
  often(fc.maxSafeInteger().map(String), 3),
  often(fc.constantFrom('-0', '9007199254740992', '-9007199254740992', '10000000000000000', '1.0', '1.5', '-0.0', '1e3', '1E2', '0e0', '1e-2'), 2),
  often(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String), 1),
  often(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), 1),
  rare(fc.constantFrom('00', '01', '-', '1.', '.5', '+1', '1e', '0x10', 'Infinity', 'NaN', '-Infinity')),
);
const literalToken = fc.oneof(often(fc.constantFrom('true', 'false', 'null')), rare(fc.constantFrom('tru', 'nul', 'True', 'undefined')));

export const jsonishText: fc.Arbitrary<string> = fc.letrec<{ text: string }>((tie) => ({
  text: fc
    .tuple(
      ws,
      fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        numberToken,
        stringToken,
        literalToken,
        fc.array(fc.tuple(ws, tie('text')), { maxLength: 4 }).map((items) => `[${items.map(([w, t]) => w + t).join(',')}]`),
        fc
          .array(fc.tuple(keyToken, ws, tie('text')), { maxLength: 4 })
          .map((members) => `{${members.map(([k, w, t]) => `${k}${w}:${t}`).join(',')}}`),
      ),
      ws,
    )
    .map(([a, t, b]) => a + t + b),
})).text;

/** A text with one character inserted, deleted or replaced: mostly just-broken JSON. */
export const mutatedText: fc.Arbitrary<string> = fc
  .tuple(jsonishText, fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '0', '-', '.', 'e', ' ', '\u0000', '\uD800'))
  .map(([text, at, op, ch]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (op === 'insert') return text.slice(0, i) + ch + text.slice(i);
    if (op === 'delete') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + ch + text.slice(i + 1);
  });

/** Arrays or objects nested `depth` levels (the top-level container is level 1). */
export function nestedText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"k":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
}
