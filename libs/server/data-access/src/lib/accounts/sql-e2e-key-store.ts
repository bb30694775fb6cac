import {
  OneTimeKeyConflictError,
  keyFingerprint,
  type ClaimRequest,
  type ClaimedKey,
  type E2eKeyStore,
  type JsonValue,
  type OneTimeKeyInput,
  type StoredDeviceKeys,
} from '@courier/server-domain';
import type { Database } from '../db/database';
import { runTransaction, step, type TxBody } from './sql-transaction';

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
/** Takes one key in one statement; SKIP LOCKED lets concurrent claims take different keys. */
const claimSql = (kind: Database['kind']) =>
  'DELETE FROM one_time_keys WHERE user_id = $1 AND device_id = $2 AND key_id = (' +
  'SELECT key_id FROM one_time_keys WHERE user_id = $1 AND device_id = $2 AND algorithm = $3 ORDER BY key_id LIMIT 1' +
  (kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '') +
  ') RETURNING key_id, json';

export class SqlE2eKeyStore implements E2eKeyStore {
  constructor(private readonly db: Database) {}

  async setDeviceKeys(userId: string, deviceId: string, keys: JsonValue): Promise<void> {
    const json = JSON.stringify(keys);
    await this.db.prisma.deviceKeys.upsert({
      where: { user_id_device_id: { user_id: userId, device_id: deviceId } },
      create: { user_id: userId, device_id: deviceId, json },
      update: { json },
    });
  }

  addOneTimeKeys(userId: string, deviceId: string, keys: OneTimeKeyInput[]): Promise<void> {
    return runTransaction(this.db, function* (): TxBody<void> {
      for (const k of keys) {
        const r = yield step(INSERT_KEY, userId, deviceId, k.keyId, k.algorithm, JSON.stringify(k.key));
        if (r.changes > 0) continue;
        const existing = yield step(SELECT_KEY, userId, deviceId, k.keyId);
        const stored = existing.rows[0]?.['json'];
        if (typeof stored === 'string' && keyFingerprint(JSON.parse(stored) as JsonValue) !== keyFingerprint(k.key)) {
          throw new OneTimeKeyConflictError(k.keyId);
        }
      }
    });
  }

  setFallbackKeys(userId: string, deviceId: string, keys: OneTimeKeyInput[]): Promise<void> {
    return runTransaction(this.db, function* (): TxBody<void> {
      for (const k of keys) {
        const alg = [UNUSED + k.algorithm, USED + k.algorithm];
        const current = (yield step(SELECT_FALLBACK, userId, deviceId, ...alg)).rows[0];
        // The same key again keeps its "used" mark, so sync does not ask for a new one.
        const same =
          current?.['key_id'] === UNUSED + k.keyId &&
          keyFingerprint(JSON.parse(String(current['json'])) as JsonValue) === keyFingerprint(k.key);
        if (same) continue;
        yield step(DELETE_FALLBACK, userId, deviceId, ...alg);
        yield step(INSERT_KEY, userId, deviceId, UNUSED + k.keyId, UNUSED + k.algorithm, JSON.stringify(k.key));
      }
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
      const [keys, devices] = await Promise.all([
        this.db.prisma.deviceKeys.findMany({ where, select: { device_id: true, json: true } }),
        this.db.prisma.device.findMany({ where, select: { device_id: true, display_name: true } }),
      ]);
      const names = new Map(devices.map((d) => [d.device_id, d.display_name]));
      for (const k of keys) {
        // Keys outlive nothing: a device that is gone has no keys to offer.
        if (!names.has(k.device_id)) continue;
        out.push({ userId: q.userId, deviceId: k.device_id, keys: JSON.parse(k.json) as JsonValue, displayName: names.get(k.device_id) ?? null });
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

  async deleteDeviceKeys(userId: string, deviceId: string): Promise<void> {
    await this.db.prisma.deviceKeys.deleteMany({ where: { user_id: userId, device_id: deviceId } });
    await this.db.prisma.oneTimeKey.deleteMany({ where: { user_id: userId, device_id: deviceId } });
  }
}
