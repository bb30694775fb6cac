import { MatrixError } from '@courier/shared-matrix-errors';
import {
  OneTimeKeyConflictError,
  parseKeyClaim,
  parseKeyQuery,
  parseKeyUpload,
  type JsonObject,
  type JsonValue,
  type Requester,
} from '@courier/server-domain';
import type { AccountDeps } from './account-deps';

/** Courier does not federate: only this server's users have keys to query or claim. */
const isLocal = (deps: AccountDeps, userId: string) => userId.startsWith('@') && userId.slice(userId.indexOf(':') + 1) === deps.serverName;

/** Counts always include signed_curve25519, even at 0, so clients know to upload (Synapse does too). */
async function keyCounts(deps: AccountDeps, r: Requester) {
  return { signed_curve25519: 0, ...(await deps.e2eKeys.countOneTimeKeys(r.userId, r.deviceId)) };
}

/** POST /keys/upload (keys.yaml): identity, one-time and fallback keys of the requester's device. */
export async function uploadKeys(deps: AccountDeps, requester: Requester, body: Record<string, unknown>) {
  const upload = parseKeyUpload(body, requester);
  if (upload.deviceKeys) await deps.e2eKeys.setDeviceKeys(requester.userId, requester.deviceId, upload.deviceKeys);
  try {
    if (upload.oneTimeKeys.length > 0) await deps.e2eKeys.addOneTimeKeys(requester.userId, requester.deviceId, upload.oneTimeKeys);
  } catch (err) {
    if (err instanceof OneTimeKeyConflictError) throw new MatrixError('M_INVALID_PARAM', `One time key ${err.keyId} already exists with other content`);
    throw err;
  }
  if (upload.fallbackKeys.length > 0) await deps.e2eKeys.setFallbackKeys(requester.userId, requester.deviceId, upload.fallbackKeys);
  return { one_time_key_counts: await keyCounts(deps, requester) };
}

/**
 * POST /keys/query: `device_keys` of each requested local user (every device for an empty
 * list), with the device's display name in `unsigned`. A requested local user with no keys
 * still appears, with {}; cross-signing keys are not supported, so none are returned.
 */
export async function queryKeys(deps: AccountDeps, body: Record<string, unknown>) {
  const query = parseKeyQuery(body).filter((q) => isLocal(deps, q.userId));
  const deviceKeys: Record<string, Record<string, JsonValue>> = Object.fromEntries(query.map((q) => [q.userId, {}]));
  for (const k of await deps.e2eKeys.queryDeviceKeys(query)) {
    const keys: JsonObject = { ...(k.keys as JsonObject) };
    if (k.displayName !== null) keys['unsigned'] = { ...((keys['unsigned'] as JsonObject | undefined) ?? {}), device_display_name: k.displayName };
    (deviceKeys[k.userId] ??= {})[k.deviceId] = keys;
  }
  return { device_keys: deviceKeys, failures: {} };
}

/** POST /keys/claim: one key per requested device and algorithm, taken atomically (a claimed one-time key is gone). */
export async function claimKeys(deps: AccountDeps, body: Record<string, unknown>) {
  const requests = parseKeyClaim(body).filter((r) => isLocal(deps, r.userId));
  const oneTimeKeys: Record<string, Record<string, Record<string, JsonValue>>> = {};
  for (const c of await deps.e2eKeys.claim(requests)) {
    ((oneTimeKeys[c.userId] ??= {})[c.deviceId] ??= {})[c.keyId] = c.key;
  }
  return { one_time_keys: oneTimeKeys, failures: {} };
}
