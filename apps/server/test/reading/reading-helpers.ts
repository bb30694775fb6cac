import { sendPath, type TestApp, type TestUser } from '../support/test-app';

/** Helpers shared by the read-side HTTP tests. */
export interface SyncResponse {
  next_batch: string;
  rooms: {
    join: Record<string, JoinedRoom>;
    invite: Record<string, { invite_state: { events: ClientEvent[] } }>;
    leave: Record<string, JoinedRoom>;
  };
  account_data: { events: Array<{ type: string; content: Record<string, unknown> }> };
  to_device: { events: Array<{ sender: string; type: string; content: Record<string, unknown> }> };
  device_one_time_keys_count: Record<string, number>;
  [key: string]: unknown;
}

export interface JoinedRoom {
  timeline: { events: ClientEvent[]; limited: boolean; prev_batch: string };
  state: { events: ClientEvent[] };
  account_data: { events: unknown[] };
  summary?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ClientEvent {
  event_id: string;
  type: string;
  sender: string;
  state_key?: string;
  room_id?: string;
  content: Record<string, unknown>;
  unsigned?: Record<string, unknown> & { transaction_id?: string };
  origin_server_ts: number;
}

export const enc = encodeURIComponent;

export function createReadingHelpers(t: () => TestApp) {
  const get = async (user: TestUser, url: string) => t().as(user, { method: 'GET', url });
  return {
    get,
    async sync(user: TestUser, query: Record<string, string> = {}): Promise<SyncResponse> {
      const qs = new URLSearchParams(query).toString();
      const res = await get(user, `/_matrix/client/v3/sync${qs ? `?${qs}` : ''}`);
      if (res.statusCode !== 200) throw new Error(`sync ${res.statusCode} ${res.body}`);
      return res.json() as SyncResponse;
    },
    async send(user: TestUser, roomId: string, body: string, txnId = `t${Math.random().toString(36).slice(2)}`): Promise<string> {
      const res = await t().as(user, { method: 'PUT', url: sendPath(roomId, 'm.room.message', txnId), payload: { msgtype: 'm.text', body } });
      if (res.statusCode !== 200) throw new Error(`send ${res.statusCode} ${res.body}`);
      return (res.json() as { event_id: string }).event_id;
    },
    async invite(inviter: TestUser, roomId: string, userId: string): Promise<void> {
      const res = await t().as(inviter, { method: 'POST', url: `/_matrix/client/v3/rooms/${enc(roomId)}/invite`, payload: { user_id: userId } });
      if (res.statusCode !== 200) throw new Error(`invite ${res.statusCode} ${res.body}`);
    },
    async leave(user: TestUser, roomId: string): Promise<void> {
      const res = await t().as(user, { method: 'POST', url: `/_matrix/client/v3/rooms/${enc(roomId)}/leave`, payload: {} });
      if (res.statusCode !== 200) throw new Error(`leave ${res.statusCode} ${res.body}`);
    },
    /** A to-device message written as the sendToDevice endpoint does: position claimed in the same transaction. */
    async putToDevice(to: TestUser, sender: string, type: string, content: Record<string, unknown>): Promise<number> {
      const prisma = t().data.db.prisma;
      return prisma.$transaction(async (tx) => {
        const pos = await tx.streamPosition.update({ where: { name: 'to_device' }, data: { position: { increment: 1 } } });
        await tx.toDeviceMessage.create({
          data: { stream: pos.position, user_id: to.userId, device_id: to.deviceId, sender, type, content: JSON.stringify(content), created_at: BigInt(Date.now()) },
        });
        return Number(pos.position);
      }).finally(() => t().data.notifier.notify({ userIds: [to.userId] }));
    },
    async toDeviceRows(to: TestUser): Promise<number> {
      return t().data.db.prisma.toDeviceMessage.count({ where: { user_id: to.userId, device_id: to.deviceId } });
    },
    /** Account data written as the account_data endpoint does. */
    async putAccountData(user: TestUser, roomId: string, type: string, content: Record<string, unknown>): Promise<void> {
      const prisma = t().data.db.prisma;
      await prisma.$transaction(async (tx) => {
        const pos = await tx.streamPosition.update({ where: { name: 'account_data' }, data: { position: { increment: 1 } } });
        await tx.accountData.upsert({
          where: { user_id_room_id_type: { user_id: user.userId, room_id: roomId, type } },
          create: { user_id: user.userId, room_id: roomId, type, content: JSON.stringify(content), stream: pos.position },
          update: { content: JSON.stringify(content), stream: pos.position },
        });
      });
      t().data.notifier.notify({ userIds: [user.userId] });
    },
  };
}
