import { MatrixError, invalidParam } from '@courier/shared-matrix-errors';
import { UserExistsError, type AccountStore } from '../ports/account-store';
import { hashPassword } from './passwords';
import { generateAccessToken, generateDeviceId, hashToken } from './tokens';
import { parseLocalpart } from '../ids/user-id';

export interface CreatedSession {
  userId: string;
  deviceId: string;
  accessToken: string;
}

/** Creates a user with a password, failing with M_USER_IN_USE when the localpart is taken. */
export async function createUser(
  accounts: AccountStore,
  input: { localpart: string; password: string | null; isAdmin?: boolean; serverName: string; now: number; displayname?: string | null },
): Promise<string> {
  const localpart = parseLocalpart(input.localpart);
  const userId = `@${localpart}:${input.serverName}`;
  if (input.password !== null && input.password.length === 0) throw invalidParam('Password must not be empty');
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  try {
    await accounts.createUser({ userId, localpart, passwordHash, isAdmin: input.isAdmin ?? false, createdAt: input.now, displayname: input.displayname ?? localpart });
  } catch (err) {
    if (err instanceof UserExistsError) throw new MatrixError('M_USER_IN_USE', 'User ID already taken.');
    throw err;
  }
  return userId;
}

/** Opens a session: the device (new, or reused when the client names one) and a fresh token. */
export async function createSession(
  accounts: AccountStore,
  input: { userId: string; deviceId?: string; deviceDisplayName?: string | null; now: number },
): Promise<CreatedSession> {
  // `svc:` names the transaction scope of gateway sends (service tokens); a client device
  // must never share it.
  if (input.deviceId?.startsWith('svc:')) throw invalidParam('Device IDs starting with "svc:" are reserved');
  const deviceId = input.deviceId ?? generateDeviceId();
  await accounts.upsertDevice({ userId: input.userId, deviceId, displayName: input.deviceDisplayName ?? null, now: input.now });
  const accessToken = generateAccessToken();
  await accounts.createAccessToken({ tokenHash: hashToken(accessToken), userId: input.userId, deviceId, now: input.now, expiresAt: null });
  return { userId: input.userId, deviceId, accessToken };
}
