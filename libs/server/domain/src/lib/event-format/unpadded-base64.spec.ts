import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeUnpaddedBase64, encodeUrlSafeBase64 } from './base64';

describe('unpadded Base64', () => {
  // appendices, "Unpadded Base64" examples.
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('UNPADDED_BASE64(%j) = %j', (input, encoded) => {
    expect(encodeUnpaddedBase64(Buffer.from(input))).toBe(encoded);
    expect(decodeBase64(encoded)?.toString()).toBe(input);
  });

  it('uses - and _ in the URL-safe alphabet, without padding', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xbf]);
    expect(encodeUnpaddedBase64(bytes)).toBe('+/+/');
    expect(encodeUrlSafeBase64(bytes)).toBe('-_-_');
    expect(encodeUrlSafeBase64(Buffer.from('f'))).toBe('Zg');
  });

  it('encodes a view into a larger buffer correctly', () => {
    const big = Buffer.from('xxfooxx');
    expect(encodeUnpaddedBase64(big.subarray(2, 5))).toBe('Zm9v');
  });

  it('decodes padded input too, and rejects malformed input', () => {
    expect(decodeBase64('Zg==')?.toString()).toBe('f');
    expect(decodeBase64('Zm8=')?.toString()).toBe('fo');
    for (const bad of ['Z', 'Zg=', 'Zm9v!', 'Zm 9v', 'Zm9v-_', '=Zg', 'Zg===']) {
      expect(decodeBase64(bad)).toBeUndefined();
    }
  });
});
