import { describe, expect, it } from 'vitest';
import { parseStrictJson } from './parse-strict-json';
import { thrown } from './testing/thrown';

describe('duplicate keys in one object are 400 M_BAD_JSON', () => {
  it.each([
    ['the same spelling', '{"a": 1, "a": 1}'],
    ['different values', '{"a": 1, "b": 2, "a": 3}'],
    ['an escape that decodes to the same key', '{"a": 1, "\\u0061": 2}'],
    ['escaped astral vs literal', '{"\u{1F600}": 1, "\\ud83d\\ude00": 2}'],
    ['in a nested object', '{"x": {"k": 1, "k": 2}}'],
    ['in an object inside an array', '[{}, {"k": [], "k": {}}]'],
    ['__proto__ twice', '{"__proto__": 1, "__proto__": 2}'],
    ['empty key twice', '{"": 1, "": 2}'],
  ])('%s', (_name, text) => {
    const err = thrown(() => parseStrictJson(text));
    expect(err).toMatchObject({ errcode: 'M_BAD_JSON', status: 400 });
    expect(err).toMatchObject({ message: expect.stringMatching(/duplicate key/) });
  });

  it('allows the same key in sibling and nested objects', () => {
    expect(parseStrictJson('{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]}')).toEqual({
      a: { a: 1 },
      b: [{ a: 2 }, { a: 3 }],
    });
  });

  it('treats keys named like Object.prototype members as new keys', () => {
    expect(parseStrictJson('{"constructor": 1, "toString": 2, "hasOwnProperty": 3}')).toEqual({
      constructor: 1,
      toString: 2,
      hasOwnProperty: 3,
    });
  });
});
