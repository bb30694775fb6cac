import { createDataAccess } from '@courier/server-data-access';
import { createSession, createUser } from '@courier/server-domain';
import { changeMembership, createRoom } from '@courier/server-feature-rooms';

export interface Seed {
  users: { userId: string; token: string }[];
  rooms: string[];
  /** One message per room that reactions point at. */
  targets: Map<string, string>;
  /** Events stored before the run (to subtract when counting). */
  baseline: number;
}

/** 100 users, 10 rooms, everyone joined everywhere, one reaction target per room. */
export async function seed(databaseUrl: string, serverName: string, userCount = 100, roomCount = 10): Promise<Seed> {
  const data = await createDataAccess(databaseUrl);
  try {
    const now = Date.now;
    const users: Seed['users'] = [];
    for (let i = 0; i < userCount; i++) {
      const userId = await createUser(data.accounts, { localpart: `bench${i}`, password: null, serverName, now: now() });
      const s = await createSession(data.accounts, { userId, now: now() });
      users.push({ userId, token: s.accessToken });
    }
    const deps = { events: data.events, serverName, signingKey: data.signingKey, now };
    const rooms: string[] = [];
    const targets = new Map<string, string>();
    for (let r = 0; r < roomCount; r++) {
      const first = users[0];
      if (!first) throw new Error('no users');
      const { roomId } = await createRoom(deps, first.userId, { preset: 'public_chat', name: `bench room ${r}` });
      for (const u of users.slice(1)) await changeMembership(deps, { roomId, sender: u.userId, target: u.userId, action: 'join' });
      rooms.push(roomId);
    }
    const { sendMessage, createSendMessageDeps } = await import('@courier/server-feature-send-message');
    const { unlimited } = await import('@courier/server-domain');
    const sendDeps = createSendMessageDeps({ ...deps, rateLimiter: unlimited, rateLimitExempt: new Set() });
    for (const roomId of rooms) {
      const first = users[0];
      if (!first) continue;
      const { eventId } = await sendMessage(sendDeps, {
        sender: { userId: first.userId, deviceId: 'SEED' },
        roomId,
        eventType: 'm.room.message',
        txnId: `seed-${roomId}`,
        body: { value: { msgtype: 'm.text', body: 'react to me' } },
      });
      targets.set(roomId, eventId);
    }
    const baseline = await data.db.prisma.event.count();
    return { users, rooms, targets, baseline };
  } finally {
    await data.close();
  }
}

export async function countEvents(databaseUrl: string): Promise<number> {
  const data = await createDataAccess(databaseUrl, { migrate: false });
  try {
    return await data.db.prisma.event.count();
  } finally {
    await data.close();
  }
}
