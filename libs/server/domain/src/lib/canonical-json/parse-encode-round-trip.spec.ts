import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json';
import { canonicalJson } from './canonical-json';
import { compareCodePoints } from './compare-code-points';
import { parseStrictJson } from './parse-strict-json';
import { randomJson, seededRandom } from './testing/random-json';

const SAMPLES = 2000;

/** Every object's keys, in the order the canonical text lists them. */
function keyOrdersOf(text: string): string[][] {
  const orders: string[][] = [];
  JSON.parse(text, function (this: Record<string, unknown>, key, value: unknown) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) orders.push(Object.keys(value));
    return value;
  });
  return orders;
}

describe('parseStrictJson and canonicalJson round-trip', () => {
  const rand = seededRandom(0xc0ffee);
  const values: JsonValue[] = Array.from({ length: SAMPLES }, () => randomJson(rand));

  it('decoding the canonical form gives the value back', () => {
    for (const value of values) {
      const text = canonicalJson(value);
      expect(parseStrictJson(text)).toStrictEqual(value);
      expect(parseStrictJson(Buffer.from(text, 'utf8'))).toStrictEqual(value);
      expect(JSON.parse(text)).toStrictEqual(value);
    }
  });

  it('is a fixed point: canonical text re-encodes to itself', () => {
    for (const value of values) {
      const text = canonicalJson(value);
      expect(canonicalJson(parseStrictJson(text))).toBe(text);
    }
  });

  it('ignores formatting and key order of the input', () => {
    for (const value of values) {
      const pretty = JSON.stringify(value, null, 2);
      expect(canonicalJson(parseStrictJson(pretty))).toBe(canonicalJson(value));
    }
  });

  it('lists keys in code point order, with no whitespace between tokens', () => {
    for (const value of values) {
      const text = canonicalJson(value);
      // JSON.parse rebuilds objects in text order only for non-integer-like keys.
      for (const keys of keyOrdersOf(text)) {
        const plain = keys.filter((k) => !/^(0|[1-9]\d*)$/.test(k));
        expect(plain).toEqual([...plain].sort(compareCodePoints));
      }
      expect(text.length).toBe(JSON.stringify(JSON.parse(text)).length);
    }
  });
});
