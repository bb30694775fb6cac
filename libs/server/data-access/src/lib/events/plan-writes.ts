import type { EventDraft, NewRoom } from '@courier/server-domain';
import { SQL } from './event-sql';

/**
 * One statement of an append, in order. `guard` marks the inserts whose unique index decides
 * the outcome: when they change no row, the append must fail with the matching domain error.
 */
export interface PlannedWrite {
  sql: string;
  params: unknown[];
  guard?: 'txn' | 'annotation';
}

export function planNewRoom(room: NewRoom, now: number): PlannedWrite {
  return { sql: SQL.insertRoom, params: [room.roomId, room.roomVersion, room.creator, now, room.isPublic] };
}

/**
 * The rows a batch of drafts writes, given the first stream position claimed for it: the
 * events, their txn, relation and annotation rows, redaction effects, current state and
 * membership. The room's new head is the store's to write, once per batch (SQL.updateRoomHead);
 * `stateChanged` says whether that write bumps its state_version.
 */
export function planRows(roomId: string, drafts: EventDraft[], firstStream: number, now: number): { writes: PlannedWrite[]; stateChanged: boolean } {
  const writes: PlannedWrite[] = [];
  let stateChanged = false;
  drafts.forEach((d, i) => {
    const stream = firstStream + i;
    const p = d.pdu;
    const stateKey = typeof p['state_key'] === 'string' ? (p['state_key'] as string) : null;
    // The guarded inserts come first: when one refuses, at most the txn row before it needs
    // undoing (see undoGuards), so a store can fail one append without a savepoint.
    if (d.txn) {
      const t = d.txn;
      writes.push({ sql: SQL.insertTxn, params: [t.userId, t.deviceId, t.roomId, t.eventType, t.txnId, d.eventId, now], guard: 'txn' });
    }
    if (d.annotation) {
      writes.push({
        sql: SQL.insertAnnotation,
        params: [d.annotation.targetEventId, p.sender, p.type, d.annotation.key, d.eventId],
        guard: 'annotation',
      });
    }
    writes.push({
      sql: SQL.insertEvent,
      params: [stream, d.eventId, roomId, p.sender, p.type, stateKey, p.depth, p.origin_server_ts, d.json],
    });
    if (d.relation) {
      writes.push({ sql: SQL.insertRelation, params: [d.eventId, d.relation.targetEventId, d.relation.relType, roomId, stream, p.sender, p.type] });
    }
    if (d.redaction) {
      const target = d.redaction.targetEventId;
      writes.push({ sql: SQL.redactTarget, params: [d.redaction.prunedJson, d.eventId, target] });
      writes.push({ sql: SQL.deleteAnnotationOf, params: [target] });
      writes.push({ sql: SQL.deleteRelationOf, params: [target] });
      // The target may be current state whose content just got pruned.
      stateChanged = true;
    }
    if (stateKey !== null) {
      stateChanged = true;
      writes.push({ sql: SQL.upsertState, params: [roomId, p.type, stateKey, d.eventId] });
      if (p.type === 'm.room.member') {
        const membership = String((p.content as { membership?: unknown }).membership ?? '');
        writes.push({ sql: SQL.upsertMember, params: [roomId, stateKey, membership, d.eventId, stream] });
      }
    }
  });
  return { writes, stateChanged };
}

/** The rows a refused append's earlier guarded inserts wrote (its txn row), to delete again. */
export function undoGuards(drafts: EventDraft[]): PlannedWrite[] {
  return drafts.flatMap((d) =>
    d.txn ? [{ sql: SQL.deleteTxnOf, params: [d.txn.userId, d.txn.deviceId, d.txn.roomId, d.txn.eventType, d.txn.txnId, d.eventId] }] : [],
  );
}
