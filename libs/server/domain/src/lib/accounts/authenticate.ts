import { unknownToken, userDeactivated, userLocked } from '@courier/shared-matrix-errors';
import type { AccountStore } from '../ports/account-store';
import { hashToken } from './tokens';

/** Who is making a request: a user and the device the token belongs to. */
export interface Requester {
  userId: string;
  deviceId: string;
  isAdmin: boolean;
  /** The stored hash of the token used, so logout can remove exactly it. */
  tokenHash: string;
}

/**
 * Resolves an access token (contract §2): unknown or logged out → 401 M_UNKNOWN_TOKEN
 * (soft_logout false); expired → soft_logout true; locked → 401 M_USER_LOCKED; deactivated →
 * 403 M_USER_DEACTIVATED. Only the hash is looked up: the token is never stored or compared raw.
 */
export async function authenticateAccessToken(accounts: AccountStore, token: string, now: number): Promise<Requester> {
  const tokenHash = hashToken(token);
  const record = await accounts.findAccessToken(tokenHash);
  if (!record) throw unknownToken();
  if (record.expiresAt !== null && record.expiresAt <= now) throw unknownToken('Access token has expired', true);
  if (record.user.deactivated) throw userDeactivated();
  if (record.user.locked) throw userLocked();
  return { userId: record.userId, deviceId: record.deviceId, isAdmin: record.user.isAdmin, tokenHash };
}
