import { createDataAccess } from '@courier/server-data-access';
import { createSession, createUser } from '@courier/server-domain';
import { createRoom } from '@courier/server-feature-rooms';

export interface ChaosSeed {
  userId: string;
  /** One access token per client, each its own device (so each its own txn scope). */
  tokens: string[];
  roomId: string;
}

/** A user with one session per client, and a room it created; written straight to the database before any server runs. */
export async function seedChaos(databaseUrl: string, serverName: string, clients: number): Promise<ChaosSeed> {
  const data = await createDataAccess(databaseUrl);
  try {
    const now = Date.now;
    const userId = await createUser(data.accounts, { localpart: 'chaos', password: null, serverName, now: now() });
    const tokens: string[] = [];
    for (let i = 0; i < clients; i++) tokens.push((await createSession(data.accounts, { userId, now: now() })).accessToken);
    const { roomId } = await createRoom({ events: data.events, serverName, signingKey: data.signingKey, now }, userId, { preset: 'private_chat', name: 'chaos' });
    return { userId, tokens, roomId };
  } finally {
    await data.close();
  }
}
