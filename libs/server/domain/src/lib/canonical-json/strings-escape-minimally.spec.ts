import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

// Expected escapes written out from the spec grammar ("escaped" rule), not from JSON.stringify.
const SHORT = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' } as Record<number, string>;
const hex = '0123456789abcdef';

describe('canonical JSON escapes only what the grammar requires', () => {
  it.each(Array.from({ length: 0x20 }, (_, code) => code))('U+%i', (code) => {
    const expected = SHORT[code] ?? `\\u00${hex[code >> 4]}${hex[code & 15]}`;
    expect(canonicalJson(String.fromCharCode(code))).toBe(`"${expected}"`);
  });

  it('escapes quotation mark and reverse solidus', () => {
    expect(canonicalJson('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });

  it('writes everything else literally: solidus, DEL, U+2028, non-ASCII, astral', () => {
    const s = '/\u007f\u2028\u2029é日本語\u{1F389}';
    expect(canonicalJson(s)).toBe(`"${s}"`);
    expect(canonicalJson({ [s]: s })).toBe(`{"${s}":"${s}"}`);
  });

  it('uses lowercase hex in \\u escapes', () => {
    expect(canonicalJson('\u001b\u001f')).toBe('"\\u001b\\u001f"');
  });

  it('refuses a lone surrogate, which has no UTF-8 encoding', () => {
    expect(() => canonicalJson('\ud800')).toThrow(Error);
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(Error);
    expect(canonicalJson('\ud83d\ude00')).toBe('"\u{1F600}"');
  });
});
