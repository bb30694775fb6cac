import type { PresenceRecord, PresenceState, PresenceStore, StreamRange } from '@courier/server-domain';
import type { Database } from '../db/database';
import { createQueryRunner, type QueryRunner } from '../reading/query-runner';
import { claimStream, runTransaction, step, type TxBody } from '../accounts/sql-transaction';

type Num = number | string | bigint;
interface PresenceRow {
  user_id: string;
  state: string;
  status_msg: string | null;
  last_active_ts: Num;
  stream: Num;
}

const UPSERT =
  'INSERT INTO presence (user_id, state, status_msg, last_active_ts, stream) VALUES ($1, $2, $3, $4, $5) ' +
  'ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, status_msg = excluded.status_msg, ' +
  'last_active_ts = excluded.last_active_ts, stream = excluded.stream';

/**
 * Changes in the range (a seek on presence_stream_idx), kept when the user is the viewer or
 * shares a joined room with it (seeks on room_members by user, then by room).
 */
export const CHANGES_FOR =
  'SELECT p.user_id, p.state, p.status_msg, p.last_active_ts, p.stream FROM presence p ' +
  'WHERE p.stream > $2 AND p.stream <= $3 AND (p.user_id = $1 OR EXISTS (' +
  "SELECT 1 FROM room_members a JOIN room_members b ON b.room_id = a.room_id AND b.user_id = p.user_id AND b.membership = 'join' " +
  "WHERE a.user_id = $1 AND a.membership = 'join')) ORDER BY p.stream LIMIT $4";

const toRecord = (r: PresenceRow): PresenceRecord => ({
  userId: r.user_id,
  state: r.state as PresenceState,
  statusMsg: r.status_msg,
  lastActiveTs: Number(r.last_active_ts),
  stream: Number(r.stream),
});

/** Presence: one row per user, stamped with the 'presence' stream position of its last change. */
export class SqlPresenceStore implements PresenceStore {
  private readonly q: QueryRunner;

  constructor(private readonly db: Database) {
    this.q = createQueryRunner(db);
  }

  set(userId: string, state: PresenceState, statusMsg: string | null, now: number): Promise<number> {
    return runTransaction(this.db, function* (): TxBody<number> {
      const position = yield* claimStream('presence', 1);
      yield step(UPSERT, userId, state, statusMsg, now, position);
      return position;
    });
  }

  async get(userId: string): Promise<PresenceRecord | undefined> {
    const row = (await this.q.all<PresenceRow>('SELECT user_id, state, status_msg, last_active_ts, stream FROM presence WHERE user_id = $1', [userId]))[0];
    return row ? toRecord(row) : undefined;
  }

  async position(): Promise<number> {
    const rows = await this.q.all<{ position: Num }>("SELECT position FROM stream_positions WHERE name = 'presence'", []);
    return Number(rows[0]?.position ?? 0);
  }

  async changesFor(viewer: string, range: StreamRange, limit: number): Promise<PresenceRecord[]> {
    return (await this.q.all<PresenceRow>(CHANGES_FOR, [viewer, range.after, range.upTo, limit])).map(toRecord);
  }

  async sharesRoom(a: string, b: string): Promise<boolean> {
    const rows = await this.q.all<{ one: number }>(
      'SELECT 1 AS one FROM room_members x JOIN room_members y ON y.room_id = x.room_id AND y.user_id = $2 AND y.membership = $3 ' +
        'WHERE x.user_id = $1 AND x.membership = $3 LIMIT 1',
      [a, b, 'join'],
    );
    return rows.length > 0;
  }
}
