import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { compareCodePoints } from './compare-code-points';

describe('canonical JSON sorts object keys by Unicode code point', () => {
  it('puts an astral character after U+E000..U+FFFF, unlike UTF-16 code unit order', () => {
    const astral = '\u{1F600}'; // stored as the surrogate pair D83D DE00
    const privateUse = '\uE000';
    const halfwidth = '\uFF61';
    expect([astral, halfwidth].sort()).toEqual([astral, halfwidth]); // JS default: by code unit
    expect(canonicalJson({ [astral]: 1, [halfwidth]: 2, [privateUse]: 3 })).toBe(
      `{"${privateUse}":3,"${halfwidth}":2,"${astral}":1}`,
    );
  });

  it('keeps code unit order below U+D800 and between astral characters', () => {
    const keys = ['b', 'a', 'B', '\u00e9', '\u65e5', '\u{10000}', '\u{1F600}', '\u{10FFFF}', ''];
    const byCodePoint = [...keys].sort((x, y) => {
      const a = Array.from(x, (ch) => ch.codePointAt(0) ?? 0);
      const b = Array.from(y, (ch) => ch.codePointAt(0) ?? 0);
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
      }
      return a.length - b.length;
    });
    expect([...keys].sort(compareCodePoints)).toEqual(byCodePoint);
  });

  it('sorts integer-like keys as strings, not in the engine property order', () => {
    expect(canonicalJson({ b: 0, 10: 1, 9: 2, a: 3 })).toBe('{"10":1,"9":2,"a":3,"b":0}');
  });

  it('orders a prefix before its extensions', () => {
    expect(canonicalJson({ ab: 1, a: 2, abc: 3 })).toBe('{"a":2,"ab":1,"abc":3}');
  });

  it('sorts nested objects too', () => {
    expect(canonicalJson({ z: [{ y: 1, x: 2 }], a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"z":[{"x":2,"y":1}]}');
  });
});
