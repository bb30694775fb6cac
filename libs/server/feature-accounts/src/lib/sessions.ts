import { MatrixError, missingParam } from '@courier/shared-matrix-errors';
import { hashPassword, optionalBoolean, optionalString, parseAuthDict, type Requester } from '@courier/server-domain';
import type { AccountDeps } from './account-deps';
import { PASSWORD_FLOWS, deviceBody, passwordStage, removeDevice } from './devices';
import { checkUia } from './uia-engine';

/** POST /logout (logout.yaml): the token goes, and with it its device and the device's keys. */
export async function logout(deps: AccountDeps, requester: Requester) {
  await deps.accounts.deleteAccessToken(requester.tokenHash);
  await removeDevice(deps, requester.userId, requester.deviceId);
  return {};
}

/** POST /logout/all: every token and device of the user. */
export async function logoutAll(deps: AccountDeps, requester: Requester) {
  for (const d of await deps.accounts.listDevices(requester.userId)) await removeDevice(deps, requester.userId, d.deviceId);
  await deps.accounts.deleteAllTokensOfUser(requester.userId);
  return {};
}

/** GET /account/whoami (whoami.yaml). */
export const whoami = (requester: Requester) => ({ user_id: requester.userId, device_id: requester.deviceId, is_guest: false });

/** GET /devices. */
export async function listDevices(deps: AccountDeps, userId: string) {
  return { devices: (await deps.accounts.listDevices(userId)).map(deviceBody) };
}

/**
 * POST /account/password (account.yaml's changePassword), UIA m.login.password. With
 * `logout_devices` (default true) every other device is signed out, as the spec says; the
 * requester's own device and token stay.
 */
export async function changePassword(deps: AccountDeps, requester: Requester, body: Record<string, unknown>, ip: string) {
  const newPassword = optionalString(body, 'new_password');
  if (newPassword === undefined) throw missingParam('new_password is required');
  if (newPassword.length === 0) throw new MatrixError('M_WEAK_PASSWORD', 'Password must not be empty');
  const logoutDevices = optionalBoolean(body, 'logout_devices') ?? true;
  await checkUia(deps, {
    purpose: 'password',
    flows: PASSWORD_FLOWS,
    auth: parseAuthDict(body['auth']),
    userId: requester.userId,
    checkStage: passwordStage(deps, requester, ip),
  });
  await deps.accounts.setPasswordHash(requester.userId, await hashPassword(newPassword));
  if (logoutDevices) {
    for (const d of await deps.accounts.listDevices(requester.userId)) {
      if (d.deviceId !== requester.deviceId) await removeDevice(deps, requester.userId, d.deviceId);
    }
  }
  return {};
}
