import {
  WrongBackupVersionError,
  shouldReplaceBackupSession,
  type BackupScope,
  type BackupVersionInfo,
  type JsonObject,
  type KeyBackupStore,
  type StoredBackupSession,
} from '@courier/server-domain';
import type { Database } from '../db/database';
import { createQueryRunner, type QueryRunner } from '../reading/query-runner';
import { runTransaction, step, type TxBody } from './sql-transaction';

type Num = number | string | bigint;
type VersionRow = { version: Num; algorithm: string; auth_data: string; etag: Num };
type SessionRow = {
  room_id: string;
  session_id: string;
  first_message_index: Num;
  forwarded_count: Num;
  is_verified: boolean | number;
  session_data: string;
};

const CURRENT = 'SELECT version, algorithm, auth_data, etag FROM room_key_backup_versions WHERE user_id = $1 AND deleted = false ORDER BY version DESC LIMIT 1';
const ONE = 'SELECT version, algorithm, auth_data, etag FROM room_key_backup_versions WHERE user_id = $1 AND version = $2 AND deleted = false';
const COUNT = 'SELECT COUNT(*) AS n FROM room_key_backup_sessions WHERE user_id = $1 AND version = $2';
const SELECT_SESSIONS = 'SELECT room_id, session_id, first_message_index, forwarded_count, is_verified, session_data FROM room_key_backup_sessions WHERE user_id = $1 AND version = $2';
const SELECT_SESSION = SELECT_SESSIONS + ' AND room_id = $3 AND session_id = $4';
const UPSERT_SESSION =
  'INSERT INTO room_key_backup_sessions (user_id, version, room_id, session_id, first_message_index, forwarded_count, is_verified, session_data) ' +
  'VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, version, room_id, session_id) DO UPDATE SET ' +
  'first_message_index = excluded.first_message_index, forwarded_count = excluded.forwarded_count, is_verified = excluded.is_verified, session_data = excluded.session_data';
const BUMP_ETAG = 'UPDATE room_key_backup_versions SET etag = etag + 1 WHERE user_id = $1 AND version = $2 RETURNING etag';

/** A version string from the client: only our own decimal numbers name a version. */
const versionNumber = (version: string): number | undefined => (/^[1-9]\d{0,14}$/.test(version) ? Number(version) : undefined);

/** Narrows a statement over one version to a room or a session (constant SQL, values as parameters). */
function scopeSql(base: string, scope: BackupScope): { sql: string; extra: string[] } {
  if (scope.roomId === undefined) return { sql: base, extra: [] };
  if (scope.sessionId === undefined) return { sql: base + ' AND room_id = $3', extra: [scope.roomId] };
  return { sql: base + ' AND room_id = $3 AND session_id = $4', extra: [scope.roomId, scope.sessionId] };
}

const toSession = (r: SessionRow): StoredBackupSession => ({
  roomId: r.room_id,
  sessionId: r.session_id,
  firstMessageIndex: Number(r.first_message_index),
  forwardedCount: Number(r.forwarded_count),
  isVerified: r.is_verified === true || r.is_verified === 1,
  sessionData: JSON.parse(r.session_data) as JsonObject,
});

/**
 * Key backup (room_key_backup_versions, room_key_backup_sessions). Uploads run in one
 * transaction that first locks the user's current version row, so a concurrent new version or
 * delete, on any instance, cannot interleave with the replacement decisions.
 */
export class SqlKeyBackupStore implements KeyBackupStore {
  private readonly q: QueryRunner;

  constructor(private readonly db: Database) {
    this.q = createQueryRunner(db);
  }

  createVersion(userId: string, algorithm: string, authData: JsonObject): Promise<string> {
    return runTransaction(this.db, function* (): TxBody<string> {
      // Version numbers are never reused, so a client's stale version cannot name a new backup.
      const max = (yield step('SELECT MAX(version) AS v FROM room_key_backup_versions WHERE user_id = $1', userId)).rows[0]?.['v'];
      const version = Number(max ?? 0) + 1;
      yield step(
        'INSERT INTO room_key_backup_versions (user_id, version, algorithm, auth_data, etag, deleted) VALUES ($1, $2, $3, $4, 0, false)',
        userId,
        version,
        algorithm,
        JSON.stringify(authData),
      );
      return String(version);
    });
  }

  async getVersion(userId: string, version?: string): Promise<BackupVersionInfo | undefined> {
    let row: VersionRow | undefined;
    if (version === undefined) row = (await this.q.all<VersionRow>(CURRENT, [userId]))[0];
    else {
      const n = versionNumber(version);
      row = n === undefined ? undefined : (await this.q.all<VersionRow>(ONE, [userId, n]))[0];
    }
    if (!row) return undefined;
    const count = Number((await this.q.all<{ n: Num }>(COUNT, [userId, row.version]))[0]?.n ?? 0);
    return { version: String(row.version), algorithm: row.algorithm, authData: JSON.parse(row.auth_data) as JsonObject, etag: String(row.etag), count };
  }

  async updateVersion(userId: string, version: string, algorithm: string, authData: JsonObject): Promise<boolean> {
    const n = versionNumber(version);
    if (n === undefined) return false;
    const changed = await this.q.run(
      'UPDATE room_key_backup_versions SET algorithm = $3, auth_data = $4 WHERE user_id = $1 AND version = $2 AND deleted = false',
      [userId, n, algorithm, JSON.stringify(authData)],
    );
    return changed > 0;
  }

  async deleteVersion(userId: string, version: string): Promise<boolean> {
    const n = versionNumber(version);
    if (n === undefined) return false;
    return runTransaction(this.db, function* (): TxBody<boolean> {
      const r = yield step('UPDATE room_key_backup_versions SET deleted = true WHERE user_id = $1 AND version = $2 AND deleted = false', userId, n);
      if (r.changes === 0) return false;
      yield step('DELETE FROM room_key_backup_sessions WHERE user_id = $1 AND version = $2', userId, n);
      return true;
    });
  }

  putSessions(userId: string, version: string, sessions: StoredBackupSession[]): Promise<{ etag: string; count: number }> {
    const lock = this.db.kind === 'postgres' ? `${CURRENT} FOR UPDATE` : CURRENT;
    return runTransaction(this.db, function* (): TxBody<{ etag: string; count: number }> {
      const current = (yield step(lock, userId)).rows[0] as VersionRow | undefined;
      if (!current || String(current.version) !== version) throw new WrongBackupVersionError(current ? String(current.version) : undefined);
      const n = Number(current.version);
      let etag = String(current.etag);
      let changed = false;
      for (const s of sessions) {
        const storedRow = (yield step(SELECT_SESSION, userId, n, s.roomId, s.sessionId)).rows[0] as SessionRow | undefined;
        if (!shouldReplaceBackupSession(storedRow ? toSession(storedRow) : undefined, s)) continue;
        yield step(UPSERT_SESSION, userId, n, s.roomId, s.sessionId, s.firstMessageIndex, s.forwardedCount, s.isVerified, JSON.stringify(s.sessionData));
        changed = true;
      }
      if (changed) etag = String((yield step(BUMP_ETAG, userId, n)).rows[0]?.['etag']);
      const count = Number((yield step(COUNT, userId, n)).rows[0]?.['n'] ?? 0);
      return { etag, count };
    });
  }

  async getSessions(userId: string, version: string, scope: BackupScope): Promise<StoredBackupSession[]> {
    const n = versionNumber(version);
    if (n === undefined) return [];
    const { sql, extra } = scopeSql(SELECT_SESSIONS, scope);
    return (await this.q.all<SessionRow>(sql, [userId, n, ...extra])).map(toSession);
  }

  deleteSessions(userId: string, version: string, scope: BackupScope): Promise<{ etag: string; count: number }> {
    const n = versionNumber(version) ?? 0;
    const { sql, extra } = scopeSql('DELETE FROM room_key_backup_sessions WHERE user_id = $1 AND version = $2', scope);
    return runTransaction(this.db, function* (): TxBody<{ etag: string; count: number }> {
      const v = (yield step(ONE, userId, n)).rows[0] as VersionRow | undefined;
      if (!v) throw new WrongBackupVersionError(undefined);
      const deleted = yield step(sql, userId, n, ...extra);
      const etag = deleted.changes > 0 ? String((yield step(BUMP_ETAG, userId, n)).rows[0]?.['etag']) : String(v.etag);
      const count = Number((yield step(COUNT, userId, n)).rows[0]?.['n'] ?? 0);
      return { etag, count };
    });
  }
}
