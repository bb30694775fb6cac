import { createHash } from 'node:crypto';
import type { JsonObject } from '../json';
import { canonicalJson } from '../canonical-json';
import { encodeUnpaddedBase64 } from './base64';
import { omitKeys } from './omit-keys';

/** What the content hash leaves out: its own slot and the parts added in transit. */
export const CONTENT_HASH_EXCLUDED_KEYS = ['unsigned', 'signatures', 'hashes'] as const;

/**
 * The content hash of an event (server-server API, "Calculating the content hash for an
 * event"): SHA-256 of the canonical JSON of the *unredacted* event without `unsigned`,
 * `signatures` and `hashes`, in unpadded Base64. It is what `hashes.sha256` holds.
 */
export function computeContentHash(event: JsonObject): string {
  return encodeUnpaddedBase64(sha256(canonicalJson(omitKeys(event, CONTENT_HASH_EXCLUDED_KEYS))));
}

export function sha256(data: string | Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}
