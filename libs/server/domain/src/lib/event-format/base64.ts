/** Unpadded standard Base64 (appendices, "Unpadded Base64"): hashes, signatures, keys. */
export function encodeUnpaddedBase64(bytes: Uint8Array): string {
  const padded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const end = padded.endsWith('==') ? -2 : padded.endsWith('=') ? -1 : padded.length;
  return padded.slice(0, end);
}

/** URL-safe unpadded Base64, as event IDs use. Node's base64url already omits padding. */
export function encodeUrlSafeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes standard Base64 with or without padding, as the spec asks decoders to accept.
 * Returns undefined for anything malformed: Buffer.from alone skips bad characters silently,
 * which would let a garbled signature decode to some other bytes.
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (!STANDARD_BASE64.test(text)) return undefined;
  const unpadded = text.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  if (text.length !== unpadded.length && text.length % 4 !== 0) return undefined;
  return Buffer.from(unpadded, 'base64');
}
