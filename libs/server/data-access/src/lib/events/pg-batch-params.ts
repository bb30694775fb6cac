import type { TxnKey } from '@courier/server-domain';
import type { Decided, Pass } from './pg-batch-pass';
import { PG_BATCH_SQL } from './pg-batch-sql';
import type { RoomChain } from './pg-room-chain';

/** Transaction keys as the five columns the set queries unnest. */
export function txnColumns(keys: TxnKey[]): string[][] {
  return [keys.map((k) => k.userId), keys.map((k) => k.deviceId), keys.map((k) => k.roomId), keys.map((k) => k.eventType), keys.map((k) => k.txnId)];
}

/** $1-$12 of the guard statements: the txn and annotation rows of the appends not yet guarded. */
export function guardParams(decided: Decided[], now: number): unknown[] {
  const txn: string[][] = [[], [], [], [], [], []];
  const ann: string[][] = [[], [], [], [], []];
  for (const { drafts, guarded } of decided) {
    if (guarded) continue;
    for (const d of drafts) {
      if (d.txn) [d.txn.userId, d.txn.deviceId, d.txn.roomId, d.txn.eventType, d.txn.txnId, d.eventId].forEach((v, i) => txn[i]?.push(v));
      if (d.annotation) [d.annotation.targetEventId, d.pdu.sender, d.pdu.type, d.annotation.key, d.eventId].forEach((v, i) => ann[i]?.push(v));
    }
  }
  return [...txn, now, ...ann];
}

/**
 * The statement and all its parameters (see pg-batch-sql.ts) for one try: the pass's accepted
 * drafts in order, the rooms it touches as `before` has them (the freshness check), and whether
 * a refused guard fails the statement. Rows the statement would touch twice are merged first,
 * keeping what appending one at a time would leave: the last state and membership per key, the
 * first redaction of a target, one head per room.
 */
export function writeStatement(pass: Pass, before: Map<string, RoomChain>, now: number, failOnRefusal: boolean) {
  const events: unknown[][] = [[], [], [], [], [], [], [], []];
  const relations: string[][] = [[], [], [], []];
  const redactions = new Map<string, [string, string, string]>();
  const state = new Map<string, [string, string, string, string]>();
  const members = new Map<string, [string, string, string, string, number]>();
  const heads = new Map<string, [string, string, number, number]>();
  for (const { item, drafts } of pass.decided) {
    const roomId = item.roomId;
    for (const d of drafts) {
      const p = d.pdu;
      const ordinal = (events[0]?.length ?? 0) + 1;
      const stateKey = typeof p['state_key'] === 'string' ? (p['state_key'] as string) : null;
      [d.eventId, roomId, p.sender, p.type, stateKey, p.depth, p.origin_server_ts, d.json].forEach((v, i) => events[i]?.push(v));
      if (d.relation) [d.eventId, d.relation.targetEventId, d.relation.relType, roomId].forEach((v, i) => relations[i]?.push(v));
      const target = d.redaction?.targetEventId;
      if (d.redaction && target && !redactions.has(target)) redactions.set(target, [target, d.redaction.prunedJson, d.eventId]);
      if (stateKey !== null) {
        state.set(JSON.stringify([roomId, p.type, stateKey]), [roomId, p.type, stateKey, d.eventId]);
        if (p.type === 'm.room.member') {
          const membership = String((p.content as { membership?: unknown }).membership ?? '');
          members.set(JSON.stringify([roomId, stateKey]), [roomId, stateKey, membership, d.eventId, ordinal]);
        }
      }
      heads.set(roomId, [roomId, d.eventId, p.depth, pass.chains.get(roomId)?.stateChanged ? 1 : 0]);
    }
  }
  const rooms = [...pass.chains.keys()];
  const values = [
    ...guardParams(pass.decided, now),
    ...events,
    ...relations,
    ...columns([...state.values()], 4),
    ...columns([...members.values()], 5),
    ...columns([...heads.values()], 4),
    rooms,
    rooms.map((id) => before.get(id)?.headEventId ?? null),
    rooms.map((id) => before.get(id)?.version ?? -1),
    failOnRefusal,
  ];
  if (redactions.size === 0) return { ...PG_BATCH_SQL.writeBatch, values };
  return { ...PG_BATCH_SQL.writeBatchRedacting, values: [...values, ...columns([...redactions.values()], 3)] };
}

function columns(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, i) => rows.map((r) => r[i]));
}
