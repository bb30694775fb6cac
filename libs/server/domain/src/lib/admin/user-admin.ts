import { forbidden, invalidParam, notFound } from '@courier/shared-matrix-errors';
import type { AccountStore, UserRecord } from '../ports/account-store';
import { hashPassword } from '../accounts/passwords';

export async function requireUser(accounts: AccountStore, userId: string): Promise<UserRecord> {
  const user = await accounts.getUser(userId);
  if (!user) throw notFound('No such user');
  return user;
}

/**
 * The user a service acts as (a sender, a room creator): a user of this server that exists and
 * is not deactivated, like an application service's masquerading user. Anything else is 403, so
 * a service token cannot speak for a remote or a closed account.
 */
export async function requireActiveLocalUser(accounts: AccountStore, serverName: string, userId: string): Promise<UserRecord> {
  if (!userId.startsWith('@') || !userId.endsWith(`:${serverName}`)) {
    throw forbidden(`${userId.slice(0, 100)} is not a user of this server`);
  }
  const user = await accounts.getUser(userId);
  if (!user || user.deactivated) throw forbidden(`${userId.slice(0, 100)} is not an active user of this server`);
  return user;
}

/**
 * Deactivates an account: the flag first (so a token resolved concurrently is refused as
 * deactivated), then every access token goes, so no session outlives it. Idempotent.
 */
export async function deactivateUser(accounts: AccountStore, userId: string): Promise<{ revokedTokens: number }> {
  await requireUser(accounts, userId);
  await accounts.setDeactivated(userId, true);
  const removed = await accounts.deleteAllTokensOfUser(userId);
  return { revokedTokens: removed.length };
}

export async function setUserAdmin(accounts: AccountStore, userId: string, isAdmin: boolean): Promise<void> {
  await requireUser(accounts, userId);
  await accounts.setAdmin(userId, isAdmin);
}

/**
 * Sets a new password. With `logoutDevices` (default true, as Synapse's admin API) every access
 * token of the user is revoked too: a reset usually means the old password leaked.
 */
export async function resetUserPassword(
  accounts: AccountStore,
  input: { userId: string; password: string; logoutDevices?: boolean },
): Promise<{ revokedTokens: number }> {
  if (input.password.length === 0) throw invalidParam('Password must not be empty');
  await requireUser(accounts, input.userId);
  await accounts.setPasswordHash(input.userId, await hashPassword(input.password));
  if (input.logoutDevices === false) return { revokedTokens: 0 };
  return { revokedTokens: (await accounts.deleteAllTokensOfUser(input.userId)).length };
}
