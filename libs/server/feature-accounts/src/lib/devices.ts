import { badJson, forbidden, notFound } from '@courier/shared-matrix-errors';
import { assertNoNul, loginUserId, optionalString, parseAuthDict, type DeviceRecord, type Requester, type UiaFlow } from '@courier/server-domain';
import type { AccountDeps } from './account-deps';
import { checkPassword } from './login';
import { checkUia } from './uia-engine';
import { notifyDeviceListChange } from './device-list-notify';

/** device_management.yaml's Device: absent fields are omitted, never null. */
export function deviceBody(d: DeviceRecord) {
  return {
    device_id: d.deviceId,
    ...(d.displayName !== null ? { display_name: d.displayName } : {}),
    ...(d.lastSeenTs !== null ? { last_seen_ts: d.lastSeenTs } : {}),
  };
}

/**
 * Deletes a device the way logout does: its tokens, its keys (identity, one-time, fallback, and
 * signatures on them) and queued to-device messages. Removing the keys is a device-list change,
 * so everyone sharing a room stops encrypting for the device.
 */
export async function removeDevice(deps: AccountDeps, userId: string, deviceId: string): Promise<void> {
  await deps.accounts.deleteDevice(userId, deviceId);
  await deps.e2eKeys.deleteDeviceKeys(userId, deviceId);
  await deps.toDevice.deleteInbox(userId, deviceId);
  await notifyDeviceListChange(deps, [userId]);
}

export async function getDevice(deps: AccountDeps, userId: string, deviceId: string) {
  const d = await deps.accounts.getDevice(userId, deviceId);
  if (!d) throw notFound('Device not found');
  return deviceBody(d);
}

/** PUT /devices/{deviceId}: only `display_name`; an unknown device is 404 (clients cannot create). */
export async function renameDevice(deps: AccountDeps, userId: string, deviceId: string, body: Record<string, unknown>) {
  const name = optionalString(body, 'display_name');
  if (name === undefined) {
    if (!(await deps.accounts.getDevice(userId, deviceId))) throw notFound('Device not found');
    return {};
  }
  if (!(await deps.accounts.renameDevice(userId, deviceId, name))) throw notFound('Device not found');
  return {};
}

/** UIA for operations on one's own account: the account password (m.login.password). */
export const PASSWORD_FLOWS: UiaFlow[] = [{ stages: ['m.login.password'] }];

/** Checks an m.login.password stage: the identifier must be the requester, the password theirs. */
export function passwordStage(deps: AccountDeps, requester: Requester, ip: string) {
  return async (_type: string, auth: { fields: Record<string, unknown> }) => {
    const userId = loginUserId(auth.fields, deps.serverName);
    if (userId !== requester.userId) throw forbidden('You can only authenticate as yourself');
    const password = optionalString(auth.fields, 'password');
    if (password === undefined) throw forbidden('password is required');
    await checkPassword(deps, userId, password, ip);
  };
}

/**
 * DELETE /devices/{deviceId} and POST /delete_devices (device_management.yaml): UIA with the
 * account password, then each device goes as on logout. Devices already gone are no error.
 */
export async function deleteDevices(deps: AccountDeps, requester: Requester, deviceIds: string[], body: Record<string, unknown>, ip: string) {
  await checkUia(deps, {
    purpose: `delete_devices`,
    flows: PASSWORD_FLOWS,
    auth: parseAuthDict(body['auth']),
    userId: requester.userId,
    params: { devices: deviceIds },
    checkStage: passwordStage(deps, requester, ip),
  });
  for (const deviceId of deviceIds) await removeDevice(deps, requester.userId, deviceId);
  return {};
}

export function deviceIdList(body: Record<string, unknown>): string[] {
  const devices = body['devices'];
  if (!Array.isArray(devices) || devices.some((d) => typeof d !== 'string')) throw badJson('devices must be a list of device IDs');
  return (devices as string[]).map((d) => assertNoNul(d, 'A device ID'));
}
