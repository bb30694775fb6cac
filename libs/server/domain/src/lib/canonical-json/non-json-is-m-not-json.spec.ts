import { describe, expect, it } from 'vitest';
import { parseStrictJson } from './parse-strict-json';
import { thrown } from './testing/thrown';

const expectNotJson = (raw: Buffer | string) =>
  expect(thrown(() => parseStrictJson(raw))).toMatchObject({ errcode: 'M_NOT_JSON', status: 400 });

describe('a body that is not JSON is 400 M_NOT_JSON', () => {
  it.each([
    ['empty', ''],
    ['only whitespace', ' \n\t '],
    ['truncated object', '{"a": 1'],
    ['truncated string', '{"a": "b'],
    ['truncated deep array', '['.repeat(50)],
    ['trailing garbage', '{"a":1} x'],
    ['two documents', '{} {}'],
    ['trailing comma in array', '[1,]'],
    ['trailing comma in object', '{"a":1,}'],
    ['NaN', '{"a": NaN}'],
    ['Infinity', '[Infinity]'],
    ['-Infinity', '[-Infinity]'],
    ['leading zero', '01'],
    ['plus sign', '+1'],
    ['bare fraction', '.5'],
    ['dangling decimal point', '1.'],
    ['dangling exponent', '1e'],
    ['lone minus', '-'],
    ['single quotes', "{'a': 1}"],
    ['unquoted key', '{a: 1}'],
    ['missing colon', '{"a" 1}'],
    ['bad escape', '"\\x41"'],
    ['short \\u escape', '"\\u12"'],
    ['raw control character in a string', '"a\tb"'],
    ['misspelt literal', 'nul'],
    ['capitalised literal', 'True'],
    ['mismatched brackets', '[1}'],
    ['comment', '{} // hi'],
    ['non-JSON whitespace (NBSP)', '\u00a0{}'],
  ])('%s', (_name, text) => {
    expectNotJson(text);
  });

  it('rejects bytes that are not UTF-8', () => {
    expectNotJson(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])); // {"a":"\xff"}
    expectNotJson(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])); // a surrogate encoded as UTF-8 (CESU)
    expectNotJson(Buffer.from([0x22, 0xc0, 0xaf, 0x22])); // overlong "/"
  });

  it('rejects a leading byte order mark, as bytes or as a string', () => {
    expectNotJson(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    expectNotJson('\ufeff{}');
  });

  it('prefers M_NOT_JSON when a canonical violation is followed by a syntax error', () => {
    // The scanner meets 1.5 first, but the body as a whole is not JSON.
    expectNotJson('{"a": 1.5, "b": }');
    expectNotJson('{"a": 1, "a": 2');
    expectNotJson(`${'['.repeat(1000)}1`);
  });

  it('accepts all four JSON whitespace characters around tokens', () => {
    expect(parseStrictJson(' \t\r\n{ \t\r\n"a" \t\r\n: \t\r\n[ 1 , 2 ] \t\r\n} \t\r\n')).toEqual({ a: [1, 2] });
  });

  it('parses every kind of top-level value', () => {
    expect(parseStrictJson('"x"')).toBe('x');
    expect(parseStrictJson('true')).toBe(true);
    expect(parseStrictJson('false')).toBe(false);
    expect(parseStrictJson('null')).toBeNull();
    expect(parseStrictJson('[]')).toEqual([]);
    expect(parseStrictJson(Buffer.from('{"k":"日本語"}'))).toEqual({ k: '日本語' });
  });

  it('decodes every escape', () => {
    expect(parseStrictJson('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u00E9"')).toBe('"\\/\b\f\n\r\tAéé');
  });
});
