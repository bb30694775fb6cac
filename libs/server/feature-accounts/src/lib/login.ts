import { MatrixError, forbidden, missingParam, userDeactivated, userLocked } from '@courier/shared-matrix-errors';
import {
  LOGIN_FAILED_MESSAGE,
  hashPassword,
  loginUserId,
  optionalString,
  requiredString,
  verifyPassword,
  type UserRecord,
} from '@courier/server-domain';
import { randomBytes } from 'node:crypto';
import type { AccountDeps } from './account-deps';
import { openSession, sessionBody } from './open-session';

/** GET /login (login.yaml): password login only. */
export const LOGIN_FLOWS = { flows: [{ type: 'm.login.password' }] };

let dummyHash: Promise<string> | undefined;
/** A real hash of a random password, so unknown users cost the same KDF run as known ones. */
const dummyPasswordHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

/**
 * Checks a user's password with the failed-attempt throttle (per user and IP): while blocked,
 * 429 before any check; a failure is 403 M_FORBIDDEN with one message whether the user exists
 * or not, and the KDF runs either way so timing does not tell. Deactivation and locking are
 * only revealed to someone who knows the password (Synapse's order).
 */
export async function checkPassword(deps: AccountDeps, userId: string, password: string, ip: string): Promise<UserRecord> {
  const key = `${userId}|${ip}`;
  await deps.loginThrottle.assertAllowed(key);
  const user = await deps.accounts.getUser(userId);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || user.passwordHash === null || !ok) {
    await deps.loginThrottle.recordFailure(key);
    throw forbidden(LOGIN_FAILED_MESSAGE);
  }
  if (user.deactivated) throw userDeactivated();
  if (user.locked) throw userLocked();
  return user;
}

/**
 * POST /login (login.yaml) with m.login.password: the user by `identifier` (m.id.user) or the
 * legacy `user` field, as a localpart or full user ID. `device_id` reuses that device (a new
 * token on it); otherwise a new device is made. Any other login type is 400 M_UNKNOWN.
 */
export async function login(deps: AccountDeps, body: Record<string, unknown>, ip: string) {
  const type = requiredString(body, 'type', 255);
  if (type !== 'm.login.password') throw new MatrixError('M_UNKNOWN', 'Unknown login type', { status: 400 });
  const userId = loginUserId(body, deps.serverName);
  const password = optionalString(body, 'password');
  if (password === undefined) throw missingParam('password is required');
  const deviceId = optionalString(body, 'device_id', 255);
  const displayName = optionalString(body, 'initial_device_display_name');
  await checkPassword(deps, userId, password, ip);
  const session = await openSession(deps, { userId, deviceId, displayName });
  return sessionBody(deps, session);
}
