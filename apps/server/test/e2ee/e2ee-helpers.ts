import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { canonicalJson, type JsonObject } from '@courier/server-domain';
import type { TestApp, TestUser } from '../support/test-app';

export const V3 = '/_matrix/client/v3';

/** An ed25519 key pair as Matrix names it: the unpadded base64 public key. */
export interface Ed25519 {
  publicKey: string;
  privateKey: KeyObject;
}

export function ed25519(): Ed25519 {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
  return { publicKey: Buffer.from(raw, 'base64url').toString('base64').replace(/=+$/, ''), privateKey };
}

/** Signs `obj` (without signatures and unsigned) as `userId` with `keyId`, adding to its signatures. */
export function signAs(obj: JsonObject, userId: string, keyId: string, key: Ed25519): JsonObject {
  const { signatures, unsigned: _unsigned, ...rest } = obj;
  const sig = sign(null, Buffer.from(canonicalJson(rest)), key.privateKey).toString('base64').replace(/=+$/, '');
  const existing = (signatures ?? {}) as Record<string, JsonObject>;
  return { ...obj, signatures: { ...existing, [userId]: { ...(existing[userId] ?? {}), [keyId]: sig } } };
}

/** Device keys of the user's device, self-signed by its own ed25519 key. */
export function deviceKeys(u: TestUser, key = ed25519()): { keys: JsonObject; key: Ed25519 } {
  const body: JsonObject = {
    user_id: u.userId,
    device_id: u.deviceId,
    algorithms: ['m.olm.v1.curve25519-aes-sha2', 'm.megolm.v1.aes-sha2'],
    keys: { [`curve25519:${u.deviceId}`]: `curve-${u.deviceId}`, [`ed25519:${u.deviceId}`]: key.publicKey },
  };
  return { keys: signAs(body, u.userId, `ed25519:${u.deviceId}`, key), key };
}

export function crossSigningKey(userId: string, usage: string, key: Ed25519): JsonObject {
  return { user_id: userId, usage: [usage], keys: { [`ed25519:${key.publicKey}`]: key.publicKey } };
}

export function e2eRequests(t: () => TestApp) {
  const post = (u: TestUser, url: string, payload: unknown) => t().as(u, { method: 'POST', url: `${V3}${url}`, payload: payload as Record<string, unknown> });
  return {
    post,
    upload: (u: TestUser, payload: Record<string, unknown>) => post(u, '/keys/upload', payload),
    query: (u: TestUser, userIds: string[]) => post(u, '/keys/query', { device_keys: Object.fromEntries(userIds.map((id) => [id, []])) }),
    claim: (u: TestUser, userId: string, deviceId: string) => post(u, '/keys/claim', { one_time_keys: { [userId]: { [deviceId]: 'signed_curve25519' } } }),
  };
}
