import {
  CROSS_SIGNING_KEY_TYPES,
  DeviceKeysConflictError,
  OneTimeKeyConflictError,
  isJsonObject,
  keyFingerprint,
  type ClaimRequest,
  type ClaimedKey,
  type CrossSigningKeyType,
  type CrossSigningKeys,
  type E2eKeyStore,
  type JsonObject,
  type JsonValue,
  type KeyUploadInput,
  type OneTimeKeyInput,
  type SignatureInput,
  type StoredDeviceKeys,
} from '@courier/server-domain';
import type { Database } from '../db/database';
import { createQueryRunner, type QueryRunner } from '../reading/query-runner';
import { markDeviceListsChanged, runTransaction, step, type TxBody } from './sql-transaction';

/** Fallback keys share one_time_keys; these prefixes keep them apart (see E2eKeyStore). */
const UNUSED = 'fallback:';
const USED = 'fallback-used:';

const INSERT_KEY =
  'INSERT INTO one_time_keys (user_id, device_id, key_id, algorithm, json) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING';
const SELECT_KEY = 'SELECT json FROM one_time_keys WHERE user_id = $1 AND device_id = $2 AND key_id = $3';
const SELECT_FALLBACK =
  'SELECT key_id, algorithm, json FROM one_time_keys WHERE user_id = $1 AND device_id = $2 AND algorithm IN ($3, $4)';
const DELETE_FALLBACK = 'DELETE FROM one_time_keys WHERE user_id = $1 AND device_id = $2 AND algorithm IN ($3, $4)';
const MARK_USED = 'UPDATE one_time_keys SET algorithm = $4 WHERE user_id = $1 AND device_id = $2 AND algorithm = $3';
const SELECT_DEVICE_KEYS = 'SELECT json FROM device_keys WHERE user_id = $1 AND device_id = $2';
const UPSERT_DEVICE_KEYS =
  'INSERT INTO device_keys (user_id, device_id, json) VALUES ($1, $2, $3) ON CONFLICT (user_id, device_id) DO UPDATE SET json = excluded.json';
const UPSERT_CROSS_SIGNING =
  'INSERT INTO cross_signing_keys (user_id, key_type, json) VALUES ($1, $2, $3) ON CONFLICT (user_id, key_type) DO UPDATE SET json = excluded.json';
const UPSERT_SIGNATURE =
  'INSERT INTO e2e_signatures (target_user_id, target_key_id, signer_user_id, signer_key_id, signature) VALUES ($1, $2, $3, $4, $5) ' +
  'ON CONFLICT (target_user_id, target_key_id, signer_user_id, signer_key_id) DO UPDATE SET signature = excluded.signature';
const SIGNATURES_OF = 'SELECT target_key_id, signer_user_id, signer_key_id, signature FROM e2e_signatures WHERE target_user_id = $1';
/** Takes one key in one statement; SKIP LOCKED lets concurrent claims take different keys. */
const claimSql = (kind: Database['kind']) =>
  'DELETE FROM one_time_keys WHERE user_id = $1 AND device_id = $2 AND key_id = (' +
  'SELECT key_id FROM one_time_keys WHERE user_id = $1 AND device_id = $2 AND algorithm = $3 ORDER BY key_id LIMIT 1' +
  (kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '') +
  ') RETURNING key_id, json';

/** A device's identity keys without what may legitimately change: signatures and `unsigned`. */
const identityOf = (keys: JsonValue) => (isJsonObject(keys) ? keyFingerprint({ ...keys, unsigned: null }) : keyFingerprint(keys));
/** The whole key object, signatures included, in a stable form. */
const canonicalOf = (keys: JsonValue) => (isJsonObject(keys) ? `${keyFingerprint(keys)}|${keyFingerprint(keys['signatures'] ?? null)}` : keyFingerprint(keys));

type SignatureRow = { target_key_id: string; signer_user_id: string; signer_key_id: string; signature: string };

/** Adds stored signatures (by target key ID) to a key object's own. */
function withSignatures(keys: JsonObject, targetKeyId: string, rows: readonly SignatureRow[]): JsonObject {
  const mine = rows.filter((r) => r.target_key_id === targetKeyId);
  if (mine.length === 0) return keys;
  const signatures: JsonObject = { ...((isJsonObject(keys['signatures'] ?? null) ? keys['signatures'] : {}) as JsonObject) };
  for (const r of mine) signatures[r.signer_user_id] = { ...((signatures[r.signer_user_id] as JsonObject | undefined) ?? {}), [r.signer_key_id]: r.signature };
  return { ...keys, signatures };
}

/** The public key of a cross-signing key object (its single `keys` entry), or undefined. */
export function crossSigningPublicKey(key: JsonObject): string | undefined {
  const keys = key['keys'];
  if (!isJsonObject(keys)) return undefined;
  const first = Object.values(keys)[0];
  return typeof first === 'string' ? first : undefined;
}

/** Identity keys: the same again (signatures aside) is a no-op, different ones a conflict; new ones are a device-list change. */
function* putDeviceKeys(userId: string, deviceId: string, keys: JsonValue): TxBody<boolean> {
  const stored = (yield step(SELECT_DEVICE_KEYS, userId, deviceId)).rows[0]?.['json'];
  if (typeof stored === 'string') {
    const old = JSON.parse(stored) as JsonValue;
    if (identityOf(old) !== identityOf(keys)) throw new DeviceKeysConflictError(deviceId);
    if (canonicalOf(old) === canonicalOf(keys)) return false;
  }
  yield step(UPSERT_DEVICE_KEYS, userId, deviceId, JSON.stringify(keys));
  yield* markDeviceListsChanged([userId]);
  return true;
}

/** Adds keys; re-uploading an identical key is a no-op, a different one under the same ID a conflict. */
function* putOneTimeKeys(userId: string, deviceId: string, keys: OneTimeKeyInput[]): TxBody<void> {
  for (const k of keys) {
    const r = yield step(INSERT_KEY, userId, deviceId, k.keyId, k.algorithm, JSON.stringify(k.key));
    if (r.changes > 0) continue;
    const existing = yield step(SELECT_KEY, userId, deviceId, k.keyId);
    const stored = existing.rows[0]?.['json'];
    if (typeof stored === 'string' && keyFingerprint(JSON.parse(stored) as JsonValue) !== keyFingerprint(k.key)) {
      throw new OneTimeKeyConflictError(k.keyId);
    }
  }
}

function* putFallbackKeys(userId: string, deviceId: string, keys: OneTimeKeyInput[]): TxBody<void> {
  for (const k of keys) {
    const alg = [UNUSED + k.algorithm, USED + k.algorithm];
    const current = (yield step(SELECT_FALLBACK, userId, deviceId, ...alg)).rows[0];
    // The same key again keeps its "used" mark, so sync does not ask for a new one.
    const same =
      current?.['key_id'] === UNUSED + k.keyId && keyFingerprint(JSON.parse(String(current['json'])) as JsonValue) === keyFingerprint(k.key);
    if (same) continue;
    yield step(DELETE_FALLBACK, userId, deviceId, ...alg);
    yield step(INSERT_KEY, userId, deviceId, UNUSED + k.keyId, UNUSED + k.algorithm, JSON.stringify(k.key));
  }
}

export class SqlE2eKeyStore implements E2eKeyStore {
  private readonly q: QueryRunner;

  constructor(private readonly db: Database) {
    this.q = createQueryRunner(db);
  }

  setDeviceKeys(userId: string, deviceId: string, keys: JsonValue): Promise<boolean> {
    return runTransaction(this.db, () => putDeviceKeys(userId, deviceId, keys));
  }

  addOneTimeKeys(userId: string, deviceId: string, keys: OneTimeKeyInput[]): Promise<void> {
    return runTransaction(this.db, () => putOneTimeKeys(userId, deviceId, keys));
  }

  setFallbackKeys(userId: string, deviceId: string, keys: OneTimeKeyInput[]): Promise<void> {
    return runTransaction(this.db, () => putFallbackKeys(userId, deviceId, keys));
  }

  uploadKeys(userId: string, deviceId: string, upload: KeyUploadInput): Promise<{ deviceKeysChanged: boolean }> {
    return runTransaction(this.db, function* (): TxBody<{ deviceKeysChanged: boolean }> {
      const deviceKeysChanged = upload.deviceKeys !== undefined ? yield* putDeviceKeys(userId, deviceId, upload.deviceKeys) : false;
      if (upload.oneTimeKeys.length > 0) yield* putOneTimeKeys(userId, deviceId, upload.oneTimeKeys);
      if (upload.fallbackKeys.length > 0) yield* putFallbackKeys(userId, deviceId, upload.fallbackKeys);
      return { deviceKeysChanged };
    });
  }

  async countOneTimeKeys(userId: string, deviceId: string): Promise<Record<string, number>> {
    const groups = await this.db.prisma.oneTimeKey.groupBy({
      by: ['algorithm'],
      where: { user_id: userId, device_id: deviceId, NOT: [{ algorithm: { startsWith: UNUSED } }, { algorithm: { startsWith: USED } }] },
      _count: { _all: true },
    });
    return Object.fromEntries(groups.map((g) => [g.algorithm, g._count._all]));
  }

  async unusedFallbackKeyTypes(userId: string, deviceId: string): Promise<string[]> {
    const rows = await this.db.prisma.oneTimeKey.findMany({
      where: { user_id: userId, device_id: deviceId, algorithm: { startsWith: UNUSED } },
      select: { algorithm: true },
    });
    return rows.map((r) => r.algorithm.slice(UNUSED.length)).sort();
  }

  async queryDeviceKeys(query: Array<{ userId: string; deviceIds: string[] }>): Promise<StoredDeviceKeys[]> {
    const out: StoredDeviceKeys[] = [];
    for (const q of query) {
      const where = { user_id: q.userId, ...(q.deviceIds.length > 0 ? { device_id: { in: q.deviceIds } } : {}) };
      const [keys, devices, signatures] = await Promise.all([
        this.db.prisma.deviceKeys.findMany({ where, select: { device_id: true, json: true } }),
        this.db.prisma.device.findMany({ where, select: { device_id: true, display_name: true } }),
        this.q.all<SignatureRow>(SIGNATURES_OF, [q.userId]),
      ]);
      const names = new Map(devices.map((d) => [d.device_id, d.display_name]));
      for (const k of keys) {
        // Keys outlive nothing: a device that is gone has no keys to offer.
        if (!names.has(k.device_id)) continue;
        const json = withSignatures(JSON.parse(k.json) as JsonObject, k.device_id, signatures);
        out.push({ userId: q.userId, deviceId: k.device_id, keys: json, displayName: names.get(k.device_id) ?? null });
      }
    }
    return out;
  }

  claim(requests: ClaimRequest[]): Promise<ClaimedKey[]> {
    const sql = claimSql(this.db.kind);
    return runTransaction(this.db, function* (): TxBody<ClaimedKey[]> {
      const claimed: ClaimedKey[] = [];
      for (const r of requests) {
        const taken = (yield step(sql, r.userId, r.deviceId, r.algorithm)).rows[0];
        if (taken) {
          claimed.push({ ...r, keyId: String(taken['key_id']), key: JSON.parse(String(taken['json'])) as JsonValue });
          continue;
        }
        const alg = [UNUSED + r.algorithm, USED + r.algorithm];
        const fallback = (yield step(SELECT_FALLBACK, r.userId, r.deviceId, ...alg)).rows[0];
        if (!fallback) continue;
        yield step(MARK_USED, r.userId, r.deviceId, ...alg);
        claimed.push({ ...r, keyId: String(fallback['key_id']).slice(UNUSED.length), key: JSON.parse(String(fallback['json'])) as JsonValue });
      }
      return claimed;
    });
  }

  deleteDeviceKeys(userId: string, deviceId: string): Promise<void> {
    return runTransaction(this.db, function* (): TxBody<void> {
      yield step('DELETE FROM device_keys WHERE user_id = $1 AND device_id = $2', userId, deviceId);
      yield step('DELETE FROM one_time_keys WHERE user_id = $1 AND device_id = $2', userId, deviceId);
      yield step('DELETE FROM e2e_signatures WHERE target_user_id = $1 AND target_key_id = $2', userId, deviceId);
      yield* markDeviceListsChanged([userId]);
    });
  }

  async crossSigningKeys(userIds: readonly string[]): Promise<Map<string, CrossSigningKeys>> {
    const out = new Map<string, CrossSigningKeys>();
    for (const userId of new Set(userIds)) {
      const rows = await this.q.all<{ key_type: string; json: string }>('SELECT key_type, json FROM cross_signing_keys WHERE user_id = $1', [userId]);
      if (rows.length === 0) continue;
      const signatures = await this.q.all<SignatureRow>(SIGNATURES_OF, [userId]);
      const keys: CrossSigningKeys = {};
      for (const r of rows) {
        if (!CROSS_SIGNING_KEY_TYPES.includes(r.key_type as CrossSigningKeyType)) continue;
        const json = JSON.parse(r.json) as JsonObject;
        const publicKey = crossSigningPublicKey(json);
        keys[r.key_type as CrossSigningKeyType] = publicKey ? withSignatures(json, publicKey, signatures) : json;
      }
      out.set(userId, keys);
    }
    return out;
  }

  setCrossSigningKeys(userId: string, keys: CrossSigningKeys): Promise<void> {
    return runTransaction(this.db, function* (): TxBody<void> {
      for (const type of CROSS_SIGNING_KEY_TYPES) {
        const key = keys[type];
        if (key) yield step(UPSERT_CROSS_SIGNING, userId, type, JSON.stringify(key));
      }
      yield* markDeviceListsChanged([userId]);
    });
  }

  addSignatures(signatures: readonly SignatureInput[]): Promise<void> {
    if (signatures.length === 0) return Promise.resolve();
    return runTransaction(this.db, function* (): TxBody<void> {
      for (const s of signatures) yield step(UPSERT_SIGNATURE, s.targetUserId, s.targetKeyId, s.signerUserId, s.signerKeyId, s.signature);
      yield* markDeviceListsChanged(signatures.map((s) => s.targetUserId));
    });
  }

  async joinedRoomsOf(userId: string): Promise<string[]> {
    const rows = await this.q.all<{ room_id: string }>("SELECT room_id FROM room_members WHERE user_id = $1 AND membership = 'join'", [userId]);
    return rows.map((r) => r.room_id);
  }
}
