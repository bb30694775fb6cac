import { createDataAccess } from '@courier/server-data-access';
import { TXN_MARKER, type ClientStats } from './chaos-clients';

export interface TimelineFindings {
  /** Events in the room, all types. */
  events: number;
  /** Acknowledged transactions with no event in the room (or not the acknowledged one). */
  lost: string[];
  /** Transactions with more than one event: the extra events. */
  duplicated: string[];
  /** m.room.message events that belong to no transaction a client started. */
  phantoms: string[];
  /** Places where prev_events/depth do not continue from the event before (by stream order). */
  chainBreaks: string[];
  /**
   * Transactions whose request was cut off by a kill after the server had already stored its
   * event (origin_server_ts before the cut), and whose retry then got that event: the window
   * where exactly-once is at stake, shown to have been hit.
   */
  committedBeforeCut: number;
  /**
   * Transactions answered 5xx (a 503 during a database restart) whose event had nevertheless
   * been stored by an attempt before that answer (the connection died with its COMMIT in
   * flight), and whose retry then got that event: not a 200 for an unknown outcome, and not a
   * second event either.
   */
  committedBeforeError: number;
}

interface Row {
  event_id: string;
  type: string;
  depth: number | string;
  json: string;
}

async function roomRows(databaseUrl: string, roomId: string): Promise<Row[]> {
  const data = await createDataAccess(databaseUrl, { migrate: false });
  try {
    const sql = 'SELECT event_id, type, depth, json FROM events WHERE room_id = $1 ORDER BY stream';
    const db = data.db;
    if (db.kind === 'sqlite') return db.raw.prepare(sql.replace('$1', '?')).all(roomId) as Row[];
    return (await db.pool.query<Row>(sql, [roomId])).rows;
  } finally {
    await data.close();
  }
}

/**
 * What the database says after the run: every acknowledged transaction's event is there and
 * is the acknowledged one, exactly one event per transaction, no event from nowhere, and the
 * room's events still form a line (each one's prev_events is the one before, depth + 1).
 */
export async function inspectTimeline(databaseUrl: string, roomId: string, stats: ClientStats): Promise<TimelineFindings> {
  const rows = await roomRows(databaseUrl, roomId);
  const started = new Set(stats.txns.map((t) => t.txnId));
  const byTxn = new Map<string, string[]>();
  const findings: TimelineFindings = { events: rows.length, lost: [], duplicated: [], phantoms: [], chainBreaks: [], committedBeforeCut: 0, committedBeforeError: 0 };
  const tsOf = new Map<string, number>();
  let prev: { eventId: string; depth: number } | undefined;
  for (const row of rows) {
    const pdu = JSON.parse(row.json) as { prev_events?: unknown; depth?: unknown; origin_server_ts?: number; content?: Record<string, unknown> };
    tsOf.set(row.event_id, Number(pdu.origin_server_ts));
    const depth = Number(row.depth);
    const expectedPrev = prev ? [prev.eventId] : [];
    if (JSON.stringify(pdu.prev_events) !== JSON.stringify(expectedPrev) || (prev && depth !== prev.depth + 1) || pdu.depth !== depth) {
      findings.chainBreaks.push(`${row.event_id}: prev_events ${JSON.stringify(pdu.prev_events)} depth ${depth}, after ${prev?.eventId} depth ${prev?.depth}`);
    }
    prev = { eventId: row.event_id, depth };
    if (row.type !== 'm.room.message') continue;
    const txnId = pdu.content?.[TXN_MARKER];
    if (typeof txnId !== 'string' || !started.has(txnId)) {
      findings.phantoms.push(row.event_id);
      continue;
    }
    byTxn.set(txnId, [...(byTxn.get(txnId) ?? []), row.event_id]);
  }
  for (const [txnId, ids] of byTxn) if (ids.length > 1) findings.duplicated.push(...ids.slice(1).map((id) => `${txnId}: ${id}`));
  for (const [txnId, eventId] of stats.acked) {
    if (!(byTxn.get(txnId) ?? []).includes(eventId)) findings.lost.push(`${txnId}: ${eventId}`);
  }
  for (const txn of stats.txns) {
    const eventId = stats.acked.get(txn.txnId);
    if (txn.cutAt !== undefined && eventId !== undefined && (tsOf.get(eventId) ?? Infinity) < txn.cutAt) findings.committedBeforeCut++;
    if (txn.failedAt !== undefined && eventId !== undefined && (tsOf.get(eventId) ?? Infinity) < txn.failedAt) findings.committedBeforeError++;
  }
  return findings;
}
