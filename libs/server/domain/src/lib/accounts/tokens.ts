import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Access tokens are stored only as this hash; lookups hash the presented token first. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh opaque token: 32 random bytes, URL-safe, with a recognisable prefix for leak scanners. */
export function generateAccessToken(prefix = 'cat_'): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function generateDeviceId(): string {
  return randomBytes(8).toString('base64url').replace(/[-_]/g, 'A').toUpperCase().slice(0, 10);
}

/** Constant-time equality of two hex digests (or any equal-length strings). */
export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
