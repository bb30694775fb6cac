import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './tokens';

export interface SharedSecretFields {
  nonce: string;
  username: string;
  password: string;
  admin: boolean;
  userType?: string | null;
}

/**
 * The MAC of Synapse's shared-secret registration (POST /_synapse/admin/v1/register), so its
 * tools (register_new_matrix_user) work unchanged: hex HMAC-SHA1 keyed with the secret over
 * nonce NUL username NUL password NUL ("admin" | "notadmin"), then NUL user_type when one is
 * given; every part UTF-8.
 */
export function sharedSecretMac(secret: string, f: SharedSecretFields): string {
  const mac = createHmac('sha1', Buffer.from(secret, 'utf8'));
  const nul = Buffer.from([0]);
  mac.update(Buffer.from(f.nonce, 'utf8')).update(nul);
  mac.update(Buffer.from(f.username, 'utf8')).update(nul);
  mac.update(Buffer.from(f.password, 'utf8')).update(nul);
  mac.update(f.admin ? 'admin' : 'notadmin');
  if (f.userType) mac.update(nul).update(Buffer.from(f.userType, 'utf8'));
  return mac.digest('hex');
}

/** Compares in constant time (for equal lengths), so the MAC cannot be guessed byte by byte. */
export function verifySharedSecretMac(secret: string, f: SharedSecretFields, mac: string): boolean {
  return constantTimeEqual(sharedSecretMac(secret, f), mac);
}

/**
 * Python's truth value, which Synapse applies to `admin`: null, false, 0, "", [] and {} are
 * false. (JavaScript would call [] and {} true, and the MAC would then disagree.)
 */
export function pythonTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
