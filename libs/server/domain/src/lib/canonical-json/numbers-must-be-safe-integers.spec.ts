import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { parseStrictJson } from './parse-strict-json';
import { thrown } from './testing/thrown';

describe('numbers must be integers within ±(2^53-1)', () => {
  it.each(['0', '7', '-7', '9007199254740991', '-9007199254740991', '1000000'])('accepts %s', (text) => {
    expect(parseStrictJson(text)).toBe(Number(text));
    expect(canonicalJson(Number(text))).toBe(text);
  });

  it.each([
    ['1.0', 'fraction'],
    ['1.5', 'fraction'],
    ['0.0', 'fraction'],
    ['1e3', 'exponent'],
    ['1E+2', 'exponent'],
    ['1e-2', 'exponent'],
    ['-1.5e3', 'fraction and exponent'],
    ['-0', 'negative zero'],
    ['9007199254740992', '2^53'],
    ['-9007199254740992', '-2^53'],
    // Rounds to 2^53 as a double, so only a check of the written digits catches it.
    ['9007199254740993', '2^53+1'],
    ['12345678901234567890', 'twenty digits'],
    ['[1, 2.5]', 'a fraction inside an array'],
  ])('rejects %s (%s) as M_BAD_JSON', (text) => {
    expect(thrown(() => parseStrictJson(text))).toMatchObject({ errcode: 'M_BAD_JSON', status: 400 });
  });

  it('says what is wrong', () => {
    expect(thrown(() => parseStrictJson('{"a": 1.5}'))).toMatchObject({ message: expect.stringMatching(/integer/) });
    expect(thrown(() => parseStrictJson('-0'))).toMatchObject({ message: expect.stringMatching(/-0/) });
    expect(thrown(() => parseStrictJson('9007199254740992'))).toMatchObject({
      message: expect.stringMatching(/range/),
    });
  });

  it.each([0.5, 2 ** 53, -(2 ** 53), NaN, Infinity, -Infinity])('the encoder throws a plain Error on %s', (n) => {
    const err = thrown(() => canonicalJson(n));
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toHaveProperty('errcode');
  });

  it('the encoder writes -0 as 0, as the spec example shows', () => {
    expect(canonicalJson(-0)).toBe('0');
  });
});
