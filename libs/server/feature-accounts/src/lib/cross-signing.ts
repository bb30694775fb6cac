import { MatrixError, badJson } from '@courier/shared-matrix-errors';
import {
  CROSS_SIGNING_KEY_TYPES,
  isJsonObject,
  keyFingerprint,
  parseAuthDict,
  verifyJsonSignature,
  type CrossSigningKeyType,
  type CrossSigningKeys,
  type JsonObject,
  type JsonValue,
  type Requester,
  type SignatureInput,
} from '@courier/server-domain';
import type { AccountDeps } from './account-deps';
import { PASSWORD_FLOWS, passwordStage } from './devices';
import { notifyDeviceListChange } from './device-list-notify';
import { isLocal } from './e2e-keys';
import { checkUia } from './uia-engine';

const FIELDS: Record<CrossSigningKeyType, string> = { master: 'master_key', self_signing: 'self_signing_key', user_signing: 'user_signing_key' };

/** The single ed25519 public key of a cross-signing key object (keys: {"ed25519:<pub>": "<pub>"}). */
export function publicKeyOf(key: JsonObject): string | undefined {
  const keys = key['keys'];
  if (!isJsonObject(keys)) return undefined;
  const entries = Object.entries(keys);
  if (entries.length !== 1) return undefined;
  const [id, value] = entries[0] as [string, JsonValue];
  return typeof value === 'string' && id === `ed25519:${value}` ? value : undefined;
}

const signedBy = (key: JsonObject, userId: string, publicKey: string) =>
  verifyJsonSignature(key, userId, { keyId: `ed25519:${publicKey}`, publicKey });

/** A key object without what may change (signatures, unsigned): its identity. */
const identity = (key: JsonValue) => (isJsonObject(key) ? keyFingerprint({ ...key, unsigned: null }) : keyFingerprint(key));

function parseCrossSigningUpload(body: Record<string, unknown>, userId: string): CrossSigningKeys {
  const keys: CrossSigningKeys = {};
  for (const type of CROSS_SIGNING_KEY_TYPES) {
    const raw = body[FIELDS[type]];
    if (raw === undefined || raw === null) continue;
    if (!isJsonObject(raw as JsonValue)) throw badJson(`${FIELDS[type]} must be a JSON object`);
    const key = raw as JsonObject;
    if (key['user_id'] !== userId) throw new MatrixError('M_INVALID_PARAM', `${FIELDS[type]}.user_id must be the authenticated user`);
    const usage = key['usage'];
    if (!Array.isArray(usage) || !usage.includes(type)) throw new MatrixError('M_INVALID_PARAM', `${FIELDS[type]}.usage must include "${type}"`);
    if (!publicKeyOf(key)) throw new MatrixError('M_INVALID_PARAM', `${FIELDS[type]}.keys must hold one ed25519 key named by itself`);
    keys[type] = key;
  }
  return keys;
}

/**
 * POST /keys/device_signing/upload (cross_signing.yaml). A user's first cross-signing keys need
 * no UIA (the spec allows it, so a fresh account's client can bootstrap); replacing existing
 * keys needs the account password, as Synapse asks; uploading exactly the stored keys again is
 * a no-op without UIA. The self-signing and user-signing keys must be signed by the master key.
 */
export async function uploadCrossSigningKeys(deps: AccountDeps, requester: Requester, body: Record<string, unknown>, ip: string) {
  const keys = parseCrossSigningUpload(body, requester.userId);
  const existing = (await deps.e2eKeys.crossSigningKeys([requester.userId])).get(requester.userId) ?? {};
  const uploaded = CROSS_SIGNING_KEY_TYPES.filter((t) => keys[t] !== undefined);
  const unchanged = uploaded.every((t) => existing[t] !== undefined && identity(existing[t] as JsonObject) === identity(keys[t] as JsonObject));
  if (existing.master && unchanged) return {};
  if (existing.master) {
    await checkUia(deps, {
      purpose: 'device_signing_upload',
      flows: PASSWORD_FLOWS,
      auth: parseAuthDict(body['auth']),
      userId: requester.userId,
      checkStage: passwordStage(deps, requester, ip),
    });
  }
  const master = keys.master ?? existing.master;
  const masterPub = master ? publicKeyOf(master) : undefined;
  for (const t of ['self_signing', 'user_signing'] as const) {
    const key = keys[t];
    if (!key) continue;
    if (!masterPub) throw new MatrixError('M_MISSING_PARAM', 'A master key is needed before other cross-signing keys');
    if (!signedBy(key, requester.userId, masterPub)) throw new MatrixError('M_INVALID_SIGNATURE', `${FIELDS[t]} is not signed by the master key`);
  }
  if (uploaded.length === 0) return {};
  await deps.e2eKeys.setCrossSigningKeys(requester.userId, keys);
  await notifyDeviceListChange(deps, [requester.userId]);
  return {};
}

type Failure = { errcode: string; error: string };

/** The public ed25519 key behind one of the requester's key IDs: a device of theirs or a cross-signing key. */
async function signerKeys(deps: AccountDeps, userId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const d of await deps.e2eKeys.queryDeviceKeys([{ userId, deviceIds: [] }])) {
    const keys = (d.keys as JsonObject)['keys'];
    const ed = isJsonObject(keys ?? null) ? (keys as JsonObject)[`ed25519:${d.deviceId}`] : undefined;
    if (typeof ed === 'string') out.set(`ed25519:${d.deviceId}`, ed);
  }
  const cs = (await deps.e2eKeys.crossSigningKeys([userId])).get(userId) ?? {};
  for (const t of CROSS_SIGNING_KEY_TYPES) {
    const pub = cs[t] ? publicKeyOf(cs[t] as JsonObject) : undefined;
    if (pub) out.set(`ed25519:${pub}`, pub);
  }
  return out;
}

/** The stored object a signature upload names: a device's keys, or a cross-signing key by its public key. */
async function storedTarget(deps: AccountDeps, userId: string, keyId: string): Promise<JsonObject | undefined> {
  const device = (await deps.e2eKeys.queryDeviceKeys([{ userId, deviceIds: [keyId] }]))[0];
  if (device) return device.keys as JsonObject;
  const cs = (await deps.e2eKeys.crossSigningKeys([userId])).get(userId) ?? {};
  return CROSS_SIGNING_KEY_TYPES.map((t) => cs[t]).find((k) => k !== undefined && publicKeyOf(k) === keyId);
}

/**
 * POST /keys/signatures/upload (cross_signing.yaml): `{userId: {keyId: signedObject}}`. Each
 * signature the requester added is checked with ed25519 against the requester's own device
 * or cross-signing key it names; the signed object must be the stored key (signatures aside).
 * Valid signatures are stored (and are a device-list change of their target); every key that
 * failed is reported in `failures`, the others still stored.
 */
export async function uploadSignatures(deps: AccountDeps, requester: Requester, body: Record<string, unknown>) {
  const signers = await signerKeys(deps, requester.userId);
  const accepted: SignatureInput[] = [];
  const failures: Record<string, Record<string, Failure>> = {};
  const fail = (userId: string, keyId: string, errcode: string, error: string) => ((failures[userId] ??= {})[keyId] = { errcode, error });
  for (const [userId, objects] of Object.entries(body)) {
    if (!isJsonObject(objects as JsonValue)) throw badJson(`${userId.slice(0, 80)} must map key IDs to signed keys`);
    for (const [keyId, raw] of Object.entries(objects as JsonObject)) {
      if (!isJsonObject(raw)) {
        fail(userId, keyId, 'M_BAD_JSON', 'The signed key must be a JSON object');
        continue;
      }
      const stored = isLocal(deps, userId) ? await storedTarget(deps, userId, keyId) : undefined;
      if (!stored) {
        fail(userId, keyId, 'M_NOT_FOUND', 'No such key');
        continue;
      }
      if (identity(stored) !== identity(raw)) {
        fail(userId, keyId, 'M_INVALID_SIGNATURE', 'The signed object is not the stored key');
        continue;
      }
      const mine = raw['signatures'];
      const bySigner = isJsonObject(mine ?? null) ? (mine as JsonObject)[requester.userId] : undefined;
      const added = isJsonObject(bySigner ?? null) ? Object.keys(bySigner as JsonObject) : [];
      const storedSigs = (stored['signatures'] as JsonObject | undefined)?.[requester.userId];
      const fresh = added.filter((id) => !(isJsonObject(storedSigs ?? null) && (storedSigs as JsonObject)[id] === (bySigner as JsonObject)[id]));
      const valid = fresh.filter((signerKeyId) => {
        const pub = signers.get(signerKeyId);
        return pub !== undefined && verifyJsonSignature(raw, requester.userId, { keyId: signerKeyId, publicKey: pub });
      });
      if (added.length === 0 || valid.length < fresh.length) fail(userId, keyId, 'M_INVALID_SIGNATURE', 'Invalid signature');
      for (const signerKeyId of valid) {
        accepted.push({ targetUserId: userId, targetKeyId: keyId, signerUserId: requester.userId, signerKeyId, signature: String((bySigner as JsonObject)[signerKeyId]) });
      }
    }
  }
  await deps.e2eKeys.addSignatures(accepted);
  if (accepted.length > 0) await notifyDeviceListChange(deps, accepted.map((a) => a.targetUserId));
  return { failures };
}
