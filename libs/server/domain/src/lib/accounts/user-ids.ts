import { randomBytes } from 'node:crypto';
import { MatrixError } from '@courier/shared-matrix-errors';
import { parseLocalpart } from '../ids/user-id';

/**
 * The localpart for a requested username: lower-cased first (as Synapse does, so "Alice"
 * registers @alice), then held to the grammar for new user IDs (M_INVALID_USERNAME).
 */
export function localpartForUsername(username: string): string {
  // A full user ID is no username: parseLocalpart would quietly take its localpart.
  if (username.includes('@') || username.includes(':')) {
    throw new MatrixError('M_INVALID_USERNAME', 'Username must be a localpart, not a user ID');
  }
  return parseLocalpart(username.toLowerCase());
}

/** A localpart for a registration that named none: 12 random base32 characters. */
export function generateLocalpart(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from(randomBytes(12), (b) => alphabet[b & 31]).join('');
}

/** The localpart of a user ID `@local:server`. */
export function localpartOf(userId: string): string {
  const colon = userId.indexOf(':');
  return userId.slice(1, colon < 0 ? undefined : colon);
}
