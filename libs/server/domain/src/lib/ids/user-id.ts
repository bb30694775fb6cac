import { MatrixError } from '@courier/shared-matrix-errors';

/**
 * A localpart for a new user: the spec's historical grammar allows more, but new user IDs
 * must use only a-z, 0-9, `.`, `_`, `=`, `-` and `/` (Client-Server API, "User identifiers").
 */
export function parseLocalpart(value: string): string {
  const localpart = value.startsWith('@') ? (value.slice(1).split(':')[0] ?? '') : value;
  if (!/^[a-z0-9._=\-/]+$/.test(localpart)) {
    throw new MatrixError('M_INVALID_USERNAME', 'User ID may only contain a-z, 0-9, ".", "_", "=", "-" and "/"');
  }
  if (localpart.length > 200) throw new MatrixError('M_INVALID_USERNAME', 'User ID is too long');
  return localpart;
}
