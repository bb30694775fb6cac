import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { parseStrictJson } from './parse-strict-json';

describe('__proto__ and constructor keys become plain own data properties', () => {
  it('never sets the prototype (same result as JSON.parse)', () => {
    const text = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}';
    const value = parseStrictJson(text) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')).toMatchObject({
      value: { polluted: true },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect('polluted' in value).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Not toStrictEqual: it compares `.constructor`, which here is an own data property.
    expect(isDeepStrictEqual(value, JSON.parse(text))).toBe(true);
  });

  it('keeps the key through canonical encoding', () => {
    expect(canonicalJson(parseStrictJson('{"b": 1, "__proto__": [1]}'))).toBe('{"__proto__":[1],"b":1}');
  });

  it('works for nested objects and objects in arrays', () => {
    const value = parseStrictJson('[{"x": {"__proto__": null}}]') as [{ x: object }];
    expect(Object.getPrototypeOf(value[0].x)).toBe(Object.prototype);
    expect(Object.hasOwn(value[0].x, '__proto__')).toBe(true);
  });
});
