import { createDataAccess } from '@courier/server-data-access';
import { unlimited } from '@courier/server-domain';
import { getRoomEvent, paginateMessages, sync, type ReadingDeps } from '@courier/server-feature-sync';
import { createSendMessageDeps, sendMessage } from '@courier/server-feature-send-message';
import type { ReadsUser } from './reads-fill';

/** The reads of reads.ts, one at a time, through the use cases in this process: no HTTP, no second process. */
export interface ReadsClient {
  event(roomId: string, eventId: string): Promise<unknown>;
  messages(roomId: string, from: number): Promise<unknown>;
  /** Returns next_batch. */
  sync(since?: string): Promise<string>;
  send(roomId: string): Promise<unknown>;
}

export async function openInProcess(databaseUrl: string, serverName: string): Promise<{ as(u: ReadsUser): ReadsClient; close(): Promise<void> }> {
  const data = await createDataAccess(databaseUrl);
  // As the server wires them (apps/server/src/services.ts), so /sync pays for every section it serves.
  const deps: ReadingDeps = {
    reader: data.reader,
    filters: data.filters,
    relations: data.relations,
    search: data.search,
    notifier: data.notifier,
    presence: data.accountStores.presence,
    profiles: data.accountStores.profiles,
    receipts: data.receipts,
    now: Date.now,
  };
  const sendDeps = createSendMessageDeps({ events: data.events, serverName, signingKey: data.signingKey, now: Date.now, rateLimiter: unlimited, rateLimitExempt: new Set() });
  let txn = 0;
  return {
    as(u) {
      const viewer = { userId: u.userId, deviceId: 'BENCH' };
      return {
        event: (roomId, eventId) => getRoomEvent(deps, viewer, roomId, eventId),
        messages: (roomId, from) => paginateMessages(deps, viewer, roomId, { dir: 'b', limit: '20', from: `s${from}` }),
        sync: async (since) => String((await sync(deps, viewer, since ? { timeout: '0', since } : { timeout: '0' }))['next_batch']),
        send: (roomId) =>
          sendMessage(sendDeps, { sender: viewer, roomId, eventType: 'm.room.message', txnId: `ip${txn++}`, body: { value: { msgtype: 'm.text', body: 'new' } } }),
      };
    },
    close: () => data.close(),
  };
}

