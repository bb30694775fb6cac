import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_JSON_DEPTH } from './json-limits';
import { parseStrictJson } from './parse-strict-json';
import { thrown } from './testing/thrown';

const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

describe('nesting is limited (default 100 levels)', () => {
  it('accepts exactly the limit, counting the top-level container as 1', () => {
    expect(DEFAULT_MAX_JSON_DEPTH).toBe(100);
    expect(() => parseStrictJson(nestedArrays(100))).not.toThrow();
    expect(() => parseStrictJson(nestedObjects(100))).not.toThrow();
  });

  it('rejects one level more as M_BAD_JSON', () => {
    for (const text of [nestedArrays(101), nestedObjects(101)]) {
      const err = thrown(() => parseStrictJson(text));
      expect(err).toMatchObject({ errcode: 'M_BAD_JSON', status: 400, message: expect.stringMatching(/nesting/) });
    }
  });

  it('honours maxDepth', () => {
    expect(() => parseStrictJson('[[1]]', { maxDepth: 2 })).not.toThrow();
    expect(thrown(() => parseStrictJson('[[[1]]]', { maxDepth: 2 }))).toMatchObject({ errcode: 'M_BAD_JSON' });
    expect(parseStrictJson('7', { maxDepth: 1 })).toBe(7);
    expect(() => parseStrictJson('[]', { maxDepth: 0 })).toThrow(RangeError);
  });

  it('survives 100k levels without exhausting the stack, well-formed or truncated', () => {
    const deep = 100_000;
    expect(thrown(() => parseStrictJson(nestedArrays(deep)))).toMatchObject({ errcode: 'M_BAD_JSON' });
    expect(thrown(() => parseStrictJson('['.repeat(deep)))).toMatchObject({ errcode: 'M_NOT_JSON' });
    expect(thrown(() => parseStrictJson('{"a":'.repeat(deep)))).toMatchObject({ errcode: 'M_NOT_JSON' });
    // With the limit lifted the parser itself must still be iterative.
    const value = parseStrictJson(nestedArrays(deep), { maxDepth: deep });
    expect(Array.isArray(value)).toBe(true);
  });
});
