import { MatrixError } from '@courier/shared-matrix-errors';
import {
  DeviceKeysConflictError,
  OneTimeKeyConflictError,
  parseKeyClaim,
  parseKeyQuery,
  parseKeyUpload,
  type JsonObject,
  type JsonValue,
  type Requester,
} from '@courier/server-domain';
import type { AccountDeps } from './account-deps';
import { notifyDeviceListChange } from './device-list-notify';

/** Courier does not federate: only this server's users have keys to query or claim. */
export const isLocal = (deps: AccountDeps, userId: string) => userId.startsWith('@') && userId.slice(userId.indexOf(':') + 1) === deps.serverName;

/** Counts always include signed_curve25519, even at 0, so clients know to upload (Synapse does too). */
async function keyCounts(deps: AccountDeps, r: Requester) {
  return { signed_curve25519: 0, ...(await deps.e2eKeys.countOneTimeKeys(r.userId, r.deviceId)) };
}

/**
 * POST /keys/upload (keys.yaml): identity, one-time and fallback keys of the requester's device.
 * New identity keys are a device-list change (everyone sharing a room is told); different
 * identity keys under the same device ID are refused (400 M_INVALID_PARAM, as Synapse).
 */
export async function uploadKeys(deps: AccountDeps, requester: Requester, body: Record<string, unknown>) {
  const upload = parseKeyUpload(body, requester);
  try {
    const { deviceKeysChanged } = await deps.e2eKeys.uploadKeys(requester.userId, requester.deviceId, upload);
    if (deviceKeysChanged) await notifyDeviceListChange(deps, [requester.userId]);
  } catch (err) {
    if (err instanceof DeviceKeysConflictError) throw new MatrixError('M_INVALID_PARAM', `Device ${err.deviceId} already has different identity keys`);
    if (err instanceof OneTimeKeyConflictError) throw new MatrixError('M_INVALID_PARAM', `One time key ${err.keyId} already exists with other content`);
    throw err;
  }
  return { one_time_key_counts: await keyCounts(deps, requester) };
}

/**
 * POST /keys/query: `device_keys` of each requested local user (every device for an empty
 * list), with the device's display name in `unsigned` and every uploaded signature merged in.
 * A requested local user with no keys still appears, with {}. Cross-signing keys: `master_keys`
 * and `self_signing_keys` of each requested user who has them, `user_signing_keys` only of the
 * requester (the spec shows it to its owner alone).
 */
export async function queryKeys(deps: AccountDeps, requester: Requester, body: Record<string, unknown>) {
  const query = parseKeyQuery(body).filter((q) => isLocal(deps, q.userId));
  const deviceKeys: Record<string, Record<string, JsonValue>> = Object.fromEntries(query.map((q) => [q.userId, {}]));
  for (const k of await deps.e2eKeys.queryDeviceKeys(query)) {
    const keys: JsonObject = { ...(k.keys as JsonObject) };
    if (k.displayName !== null) keys['unsigned'] = { ...((keys['unsigned'] as JsonObject | undefined) ?? {}), device_display_name: k.displayName };
    (deviceKeys[k.userId] ??= {})[k.deviceId] = keys;
  }
  const masterKeys: JsonObject = {};
  const selfSigningKeys: JsonObject = {};
  const userSigningKeys: JsonObject = {};
  for (const [userId, keys] of await deps.e2eKeys.crossSigningKeys(query.map((q) => q.userId))) {
    if (keys.master) masterKeys[userId] = keys.master;
    if (keys.self_signing) selfSigningKeys[userId] = keys.self_signing;
    if (keys.user_signing && userId === requester.userId) userSigningKeys[userId] = keys.user_signing;
  }
  return { device_keys: deviceKeys, master_keys: masterKeys, self_signing_keys: selfSigningKeys, user_signing_keys: userSigningKeys, failures: {} };
}

/**
 * POST /keys/claim: one key per requested device and algorithm, taken atomically (a claimed
 * one-time key is gone); when a device has none left, its fallback key (which stays).
 */
export async function claimKeys(deps: AccountDeps, body: Record<string, unknown>) {
  const requests = parseKeyClaim(body).filter((r) => isLocal(deps, r.userId));
  const oneTimeKeys: Record<string, Record<string, Record<string, JsonValue>>> = {};
  for (const c of await deps.e2eKeys.claim(requests)) {
    ((oneTimeKeys[c.userId] ??= {})[c.deviceId] ??= {})[c.keyId] = c.key;
  }
  return { one_time_keys: oneTimeKeys, failures: {} };
}
