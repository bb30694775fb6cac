import type { Receipt, ReceiptStore, ReceiptType, StreamRange } from '@courier/server-domain';
import type { Database } from '../db/database';
import { createQueryRunner, type QueryRunner } from '../reading/query-runner';
import { claimStream, runTransaction, step, type TxBody } from '../accounts/sql-transaction';

type Num = number | string | bigint;
interface ReceiptRow {
  room_id: string;
  receipt_type: string;
  user_id: string;
  thread_id: string;
  event_id: string;
  event_stream: Num;
  ts: Num;
  stream: Num;
}

const CURRENT = 'SELECT event_stream FROM receipts WHERE room_id = $1 AND receipt_type = $2 AND user_id = $3 AND thread_id = $4';
const UPSERT =
  'INSERT INTO receipts (room_id, receipt_type, user_id, thread_id, event_id, event_stream, ts, stream) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ' +
  'ON CONFLICT (room_id, receipt_type, user_id, thread_id) DO UPDATE SET event_id = excluded.event_id, ' +
  'event_stream = excluded.event_stream, ts = excluded.ts, stream = excluded.stream';
// The rooms come from room_members' (user_id, membership) index; each room's receipts from
// receipts' (room_id, stream) index: a seek per joined room, reading only what is returned.
const CHANGES = `SELECT r.room_id, r.receipt_type, r.user_id, r.thread_id, r.event_id, r.event_stream, r.ts, r.stream FROM receipts r
  WHERE r.room_id IN (SELECT m.room_id FROM room_members m WHERE m.user_id = $1 AND m.membership = 'join')
    AND r.stream > $2 AND r.stream <= $3 AND (r.receipt_type <> 'm.read.private' OR r.user_id = $1)
  ORDER BY r.stream`;
const OWN = 'SELECT r.room_id, r.receipt_type, r.user_id, r.thread_id, r.event_id, r.event_stream, r.ts, r.stream FROM receipts r WHERE r.user_id = $1 AND r.room_id = $2';
const POSITION = "SELECT position FROM stream_positions WHERE name = 'receipts'";

const toReceipt = (r: ReceiptRow): Receipt => ({
  roomId: r.room_id,
  userId: r.user_id,
  type: r.receipt_type as ReceiptType,
  threadId: r.thread_id,
  eventId: r.event_id,
  eventStream: Number(r.event_stream),
  ts: Number(r.ts),
  stream: Number(r.stream),
});

/**
 * Read receipts (receipts). A write reads the current receipt of its key and claims the next
 * 'receipts' position in one transaction: on PostgreSQL the stream row's lock orders the
 * commits (so /sync never sees a smaller position appear after a larger one) and serialises
 * two writers of the same key, so the "only forward" check cannot race.
 */
export class SqlReceiptStore implements ReceiptStore {
  private readonly q: QueryRunner;

  constructor(private readonly db: Database) {
    this.q = createQueryRunner(db);
  }

  put(r: Omit<Receipt, 'stream'>): Promise<number | undefined> {
    return runTransaction(this.db, function* (): TxBody<number | undefined> {
      // Claim first: the stream row's lock is taken before the key is read (see above).
      const position = yield* claimStream('receipts', 1);
      const current = yield step(CURRENT, r.roomId, r.type, r.userId, r.threadId);
      const old = current.rows[0]?.['event_stream'];
      if (old !== undefined && Number(old) > r.eventStream) {
        // Nothing to write; the claimed position is left unused (a gap is harmless).
        return undefined;
      }
      yield step(UPSERT, r.roomId, r.type, r.userId, r.threadId, r.eventId, r.eventStream, r.ts, position);
      return position;
    });
  }

  async position(): Promise<number> {
    const rows = await this.q.all<{ position: Num }>(POSITION, []);
    return Number(rows[0]?.position ?? 0);
  }

  async changes(userId: string, range: StreamRange): Promise<Receipt[]> {
    if (range.upTo <= range.after) return [];
    return (await this.q.all<ReceiptRow>(CHANGES, [userId, range.after, range.upTo])).map(toReceipt);
  }

  async ownReceipts(userId: string, roomId: string): Promise<Receipt[]> {
    return (await this.q.all<ReceiptRow>(OWN, [userId, roomId])).map(toReceipt);
  }
}
