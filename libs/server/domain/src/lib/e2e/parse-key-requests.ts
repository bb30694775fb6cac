import { badJson } from '@courier/shared-matrix-errors';
import { assertNoNul } from '../accounts/body-fields';
import type { JsonObject, JsonValue } from '../json';
import { isJsonObject } from '../json';
import type { ClaimRequest, OneTimeKeyInput } from '../ports/e2e-key-store';

export interface KeyUpload {
  deviceKeys?: JsonObject;
  oneTimeKeys: OneTimeKeyInput[];
  fallbackKeys: OneTimeKeyInput[];
}

function keyMap(body: Record<string, unknown>, field: string): OneTimeKeyInput[] {
  const v = body[field];
  if (v === undefined || v === null) return [];
  if (!isJsonObject(v as JsonValue)) throw badJson(`${field} must be a JSON object`);
  return Object.entries(v as JsonObject).map(([keyId, key]) => {
    const parts = assertNoNul(keyId, 'A key ID').split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw badJson(`Invalid ${field} key ${JSON.stringify(keyId.slice(0, 80))}: expected "<algorithm>:<key_id>"`);
    if (typeof key !== 'string' && !isJsonObject(key)) throw badJson(`${field}.${keyId} must be a string or an object`);
    return { keyId, algorithm: parts[0], key };
  });
}

/**
 * POST /keys/upload (keys.yaml). `device_keys` must name the uploading user and device, as
 * Synapse checks, so a device cannot publish identity keys for another one; null is refused
 * (it may be omitted, not nulled). Key IDs are "<algorithm>:<key_id>".
 */
export function parseKeyUpload(body: Record<string, unknown>, requester: { userId: string; deviceId: string }): KeyUpload {
  const upload: KeyUpload = { oneTimeKeys: keyMap(body, 'one_time_keys'), fallbackKeys: keyMap(body, 'fallback_keys') };
  if ('device_keys' in body) {
    const dk = body['device_keys'] as JsonValue;
    if (!isJsonObject(dk)) throw badJson('device_keys must be a JSON object');
    if (dk['user_id'] !== requester.userId) throw badJson('device_keys.user_id does not match the authenticated user');
    if (dk['device_id'] !== requester.deviceId) throw badJson('device_keys.device_id does not match the authenticated device');
    if (!isJsonObject(dk['keys'] ?? null)) throw badJson('device_keys.keys must be a JSON object');
    upload.deviceKeys = dk;
  }
  const seen = new Set<string>();
  for (const k of upload.fallbackKeys) {
    if (seen.has(k.algorithm)) throw badJson(`Only one fallback key per algorithm may be uploaded (${k.algorithm})`);
    seen.add(k.algorithm);
  }
  return upload;
}

/** POST /keys/query: `device_keys: {userId: [deviceId…]}`; an empty list means every device. */
export function parseKeyQuery(body: Record<string, unknown>): Array<{ userId: string; deviceIds: string[] }> {
  const dk = body['device_keys'] as JsonValue | undefined;
  if (dk === undefined || !isJsonObject(dk)) throw badJson('device_keys must be a JSON object');
  return Object.entries(dk).map(([userId, devices]) => {
    assertNoNul(userId, 'A user ID');
    if (devices === null) return { userId, deviceIds: [] };
    if (!Array.isArray(devices) || devices.some((d) => typeof d !== 'string')) {
      throw badJson(`device_keys.${userId.slice(0, 80)} must be a list of device IDs`);
    }
    return { userId, deviceIds: (devices as string[]).map((d) => assertNoNul(d, 'A device ID')) };
  });
}

/** POST /keys/claim: `one_time_keys: {userId: {deviceId: algorithm}}`. */
export function parseKeyClaim(body: Record<string, unknown>): ClaimRequest[] {
  const otk = body['one_time_keys'] as JsonValue | undefined;
  if (otk === undefined || !isJsonObject(otk)) throw badJson('one_time_keys must be a JSON object');
  const requests: ClaimRequest[] = [];
  for (const [userId, devices] of Object.entries(otk)) {
    if (!isJsonObject(devices)) throw badJson(`one_time_keys.${userId.slice(0, 80)} must be a JSON object`);
    for (const [deviceId, algorithm] of Object.entries(devices)) {
      if (typeof algorithm !== 'string' || algorithm.length === 0) throw badJson('Each requested key must name an algorithm');
      requests.push({ userId: assertNoNul(userId, 'A user ID'), deviceId: assertNoNul(deviceId, 'A device ID'), algorithm: assertNoNul(algorithm, 'An algorithm') });
    }
  }
  return requests;
}

/** A key's identity, ignoring its signatures (a re-signed re-upload is the same key; Synapse too). */
export function keyFingerprint(key: JsonValue): string {
  if (!isJsonObject(key)) return JSON.stringify(key);
  const { signatures: _signatures, ...rest } = key;
  return stableStringify(rest);
}

function stableStringify(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
