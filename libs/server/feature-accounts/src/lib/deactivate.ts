import { deactivateUser, parseAuthDict, type Requester } from '@courier/server-domain';
import type { AccountDeps } from './account-deps';
import { PASSWORD_FLOWS, passwordStage, removeDevice } from './devices';
import { checkUia } from './uia-engine';

/**
 * POST /account/deactivate (registration.yaml's deactivateAccount), UIA m.login.password.
 * In order: the account is flagged deactivated and every token revoked (no session outlives
 * it, login answers 403 M_USER_DEACTIVATED), its devices and keys go, it leaves every room
 * (`leaveRooms`, the room side's leave path), then its profile is erased and it leaves the user
 * directory. The users row stays, so the user ID can never be registered again (as Synapse).
 * Courier keeps no third-party IDs, so there is nothing to unbind.
 */
export async function deactivateAccount(
  deps: AccountDeps,
  requester: Requester,
  body: Record<string, unknown>,
  ip: string,
  leaveRooms: (userId: string) => Promise<void>,
) {
  await checkUia(deps, {
    purpose: 'deactivate',
    flows: PASSWORD_FLOWS,
    auth: parseAuthDict(body['auth']),
    userId: requester.userId,
    checkStage: passwordStage(deps, requester, ip),
  });
  const { userId } = requester;
  await deactivateUser(deps.accounts, userId);
  for (const d of await deps.accounts.listDevices(userId)) await removeDevice(deps, userId, d.deviceId);
  await leaveRooms(userId);
  await deps.profiles.eraseProfile(userId);
  await deps.presence.set(userId, 'offline', null, deps.now());
  return { id_server_unbind_result: 'no-support' as const };
}
