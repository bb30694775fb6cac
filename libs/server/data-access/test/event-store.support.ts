import {
  canonicalJson,
  chainEvents,
  generateSigningKey,
  redactEvent,
  type EventDraft,
  type EventStore,
  type JsonObject,
  type RoomSnapshot,
  type TxnKey,
} from '@courier/server-domain';
import type { PostgresDatabase } from '../src/lib/db/database';
import type { DataAccess } from '../src/lib/create-data-access';

const key = generateSigningKey();
export const ctx = { now: 1_800_000_000_000, serverName: 'b.test', signingKey: key };
export const creator = '@c:b.test';

export type Decide = (s: RoomSnapshot) => EventDraft[];

export async function createRoom(events: EventStore, roomId: string): Promise<void> {
  await events.append(
    roomId,
    (s) =>
      chainEvents(s, [
        { type: 'm.room.create', stateKey: '', sender: creator, content: { room_version: '11' } },
        { type: 'm.room.member', stateKey: creator, sender: creator, content: { membership: 'join' } },
      ], ctx),
    { newRoom: { roomId, roomVersion: '11', creator, isPublic: false } },
  );
}

export const txnOf = (roomId: string, txnId: string): TxnKey => ({ userId: creator, deviceId: 'D', roomId, eventType: 'm.room.message', txnId });

/** A message; with `txnId`, guarded by that transaction key. */
export function message(body: string, txnId?: string): Decide {
  return (s) => chainEvents(s, [{ type: 'm.room.message', sender: creator, content: { body } }], ctx).map((d) => (txnId ? { ...d, txn: txnOf(s.roomId, txnId) } : d));
}

/** An m.annotation of `target` with `reactionKey`, guarded by its own transaction key. */
export function reaction(target: string, reactionKey: string, txnId: string): Decide {
  return (s) =>
    chainEvents(s, [{ type: 'm.reaction', sender: creator, content: { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key: reactionKey } } }], ctx).map((d) => ({
      ...d,
      txn: { ...txnOf(s.roomId, txnId), eventType: 'm.reaction' },
      relation: { relType: 'm.annotation', targetEventId: target },
      annotation: { targetEventId: target, key: reactionKey },
    }));
}

export function state(type: string, content: JsonObject): Decide {
  return (s) => chainEvents(s, [{ type, stateKey: '', sender: creator, content }], ctx);
}

/** A redaction of `target` (whose PDU it prunes), as the send path drafts one. */
export async function redaction(data: DataAccess, targetId: string): Promise<Decide> {
  const target = await data.events.getEvent(targetId);
  if (!target) throw new Error(`no event ${targetId}`);
  return (s) =>
    chainEvents(s, [{ type: 'm.room.redaction', sender: creator, content: { redacts: targetId } }], ctx).map((d) => ({
      ...d,
      redaction: { targetEventId: targetId, prunedJson: canonicalJson(redactEvent(target.pdu, s.roomVersion)) },
    }));
}

export function postgresOf(data: DataAccess): PostgresDatabase {
  if (data.db.kind !== 'postgres') throw new Error('a PostgreSQL test');
  return data.db;
}

/** The database with every statement sent through its pool (pool.query or a checked-out client) counted. */
export function countingDb(db: PostgresDatabase): { db: PostgresDatabase; statements: () => number; reset(): void } {
  let n = 0;
  const counted = <T extends object>(target: T, wrap: Partial<Record<keyof T, unknown>>): T =>
    new Proxy(target, {
      get(t, prop) {
        if (Object.hasOwn(wrap, prop)) return wrap[prop as keyof T];
        const v = Reflect.get(t, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
  const pool = counted(db.pool, {
    query: (...args: unknown[]) => {
      n++;
      return (db.pool.query as (...a: unknown[]) => unknown)(...args);
    },
    connect: async () => {
      const client = await db.pool.connect();
      return counted(client, {
        query: (...args: unknown[]) => {
          n++;
          return (client.query as (...a: unknown[]) => unknown)(...args);
        },
      });
    },
  });
  return { db: { ...db, pool }, statements: () => n, reset: () => (n = 0) };
}

/** Every room's events, in stream order, form one line: prev_events is the event before, depth + 1. */
export async function expectLinearRooms(data: DataAccess, roomIds: string[]): Promise<number> {
  let checked = 0;
  for (const roomId of roomIds) {
    const rows = await data.db.prisma.event.findMany({ where: { room_id: roomId }, orderBy: { stream: 'asc' } });
    for (let i = 1; i < rows.length; i++) {
      const pdu = JSON.parse(rows[i]?.json ?? '{}') as { prev_events: string[]; depth: number };
      if (JSON.stringify(pdu.prev_events) !== JSON.stringify([rows[i - 1]?.event_id]) || pdu.depth !== (rows[i - 1]?.depth ?? 0) + 1) {
        throw new Error(`room ${roomId} forks at stream ${rows[i]?.stream}`);
      }
      checked++;
    }
    const head = await data.db.prisma.room.findUnique({ where: { room_id: roomId } });
    if (head?.head_event_id !== rows.at(-1)?.event_id) throw new Error(`room ${roomId}'s head is not its last event`);
  }
  return checked;
}
