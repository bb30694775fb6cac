import { createDataAccess, type DataAccess } from '@courier/server-data-access';
import { createSession, createUser } from '@courier/server-domain';
import { changeMembership, createRoom } from '@courier/server-feature-rooms';

export interface ReadsUser {
  userId: string;
  token: string;
}

export interface ReadsFixture {
  /** alice created the big room; bob joined it before it filled. */
  alice: ReadsUser;
  bigRoom: string;
  /** Event ids written by the bulk fill: `$bulk<i>_<tag>` for i in 1..bulkCount. */
  bulkId: (i: number) => string;
  bulkCount: number;
  /** Users in 5 and 500 small rooms (each room created by them), when asked for. */
  few?: { user: ReadsUser; rooms: string[] };
  many?: { user: ReadsUser; rooms: string[] };
}

async function user(data: DataAccess, localpart: string, serverName: string): Promise<ReadsUser> {
  const userId = await createUser(data.accounts, { localpart, password: null, serverName, now: Date.now() });
  const s = await createSession(data.accounts, { userId, now: Date.now() });
  return { userId, token: s.accessToken };
}

/**
 * One room filled to `events` events. The room, its members and one real message are written
 * through the use cases; the rest are copies of that message's row written by one bulk INSERT
 * (new stream positions and event ids), because signing a million events one by one would take
 * longer than the measurements. Reads cannot tell them apart from sent messages.
 */
export async function fillReadsFixture(
  databaseUrl: string,
  serverName: string,
  events: number,
  opts: { manyRooms: boolean },
): Promise<ReadsFixture> {
  const data = await createDataAccess(databaseUrl);
  try {
    const now = Date.now;
    const deps = { events: data.events, serverName, signingKey: data.signingKey, now };
    const alice = await user(data, 'alice', serverName);
    const bob = await user(data, 'bob', serverName);
    const { roomId } = await createRoom(deps, alice.userId, { preset: 'public_chat', name: 'big room' });
    await changeMembership(deps, { roomId, sender: bob.userId, target: bob.userId, action: 'join' });
    const { sendMessage, createSendMessageDeps } = await import('@courier/server-feature-send-message');
    const { unlimited } = await import('@courier/server-domain');
    const sendDeps = createSendMessageDeps({ ...deps, rateLimiter: unlimited, rateLimitExempt: new Set() });
    const { eventId } = await sendMessage(sendDeps, {
      sender: { userId: alice.userId, deviceId: 'BENCH' },
      roomId,
      eventType: 'm.room.message',
      txnId: 'template',
      body: { value: { msgtype: 'm.text', body: 'a message of the bulk fill' } },
    });
    const template = await data.events.getEvent(eventId);
    if (!template) throw new Error('template message not stored');
    const already = await roomEventCount(data, roomId);
    const bulkCount = Math.max(0, events - already);
    const tag = Date.now().toString(36);
    await bulkInsert(data, { roomId, sender: alice.userId, json: JSON.stringify(template.pdu), count: bulkCount, tag });

    const fixture: ReadsFixture = { alice, bigRoom: roomId, bulkId: (i) => `$bulk${i}_${tag}`, bulkCount };
    if (opts.manyRooms) {
      fixture.few = await roomsOf(deps, await user(data, 'few', serverName), 5);
      fixture.many = await roomsOf(deps, await user(data, 'many', serverName), 500);
    }
    if (data.db.kind === 'postgres') await data.db.pool.query('ANALYZE');
    return fixture;
  } finally {
    await data.close();
  }
}

async function roomsOf(deps: Parameters<typeof createRoom>[0], u: ReadsUser, n: number): Promise<{ user: ReadsUser; rooms: string[] }> {
  const rooms: string[] = [];
  for (let i = 0; i < n; i++) rooms.push((await createRoom(deps, u.userId, { preset: 'private_chat', name: `room ${i}` })).roomId);
  return { user: u, rooms };
}

async function roomEventCount(data: DataAccess, roomId: string): Promise<number> {
  return data.db.prisma.event.count({ where: { room_id: roomId } });
}

/** Appends `count` copies of a message to the room's end, claiming their stream positions. */
async function bulkInsert(data: DataAccess, b: { roomId: string; sender: string; json: string; count: number; tag: string }): Promise<void> {
  if (b.count === 0) return;
  const pdu = JSON.parse(b.json) as { depth: number; origin_server_ts: number };
  if (data.db.kind === 'sqlite') {
    const raw = data.db.raw;
    raw.transaction(() => {
      const base = Number((raw.prepare("SELECT position FROM stream_positions WHERE name = 'events'").get() as { position: number }).position);
      raw
        .prepare(
          `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?)
           INSERT INTO events (stream, event_id, room_id, sender, type, state_key, depth, origin_server_ts, json)
           SELECT ? + i, '$bulk' || i || '_' || ?, ?, ?, 'm.room.message', NULL, ?, ? + i, ? FROM c`,
        )
        .run(b.count, base, b.tag, b.roomId, b.sender, pdu.depth, pdu.origin_server_ts, b.json);
      raw.prepare("UPDATE stream_positions SET position = ? WHERE name = 'events'").run(base + b.count);
    })();
    return;
  }
  const client = await data.db.pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ position: string }>("SELECT position FROM stream_positions WHERE name = 'events' FOR UPDATE");
    const base = Number(rows[0]?.position ?? 0);
    await client.query(
      `INSERT INTO events (stream, event_id, room_id, sender, type, state_key, depth, origin_server_ts, json)
       SELECT $1::bigint + i, '$bulk' || i || '_' || $2, $3, $4, 'm.room.message', NULL, $5, $6::bigint + i, $7 FROM generate_series(1, $8::int) AS i`,
      [base, b.tag, b.roomId, b.sender, pdu.depth, pdu.origin_server_ts, b.json, b.count],
    );
    await client.query("UPDATE stream_positions SET position = $1 WHERE name = 'events'", [base + b.count]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
