import { describe, expect, it } from 'vitest';
import { parseStrictJson } from './parse-strict-json';
import { thrown } from './testing/thrown';

// JSON.parse accepts these, but canonical JSON is UTF-8 and a lone surrogate has no UTF-8
// form: such an event could never be hashed or signed, so we refuse it up front.
describe('strings with lone surrogates are 400 M_BAD_JSON', () => {
  it.each([
    ['escaped high half', '"\\ud800"'],
    ['escaped low half', '"\\udc00"'],
    ['high half then a normal escape', '"\\ud83d\\u0041"'],
    ['reversed pair', '"\\ude00\\ud83d"'],
    ['raw high half (string input)', '"\ud83d"'],
    ['raw low half (string input)', '"x\ude00"'],
    ['raw high half at the end of a key', '{"k\ud83d": 1}'],
  ])('%s', (_name, text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(thrown(() => parseStrictJson(text))).toMatchObject({ errcode: 'M_BAD_JSON', status: 400 });
  });

  it.each([
    ['escaped pair', '"\\ud83d\\ude00"'],
    ['uppercase hex pair', '"\\uD83D\\uDE00"'],
    ['raw pair', '"\u{1F600}"'],
    ['escaped high half then raw low half', '"\\ud83d\ude00"'],
    ['pair after another escape', '"\\n\u{1F600}"'],
  ])('accepts a well-formed %s', (_name, text) => {
    expect(parseStrictJson(text)).toBe(JSON.parse(text));
  });
});
