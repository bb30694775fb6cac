import type { TestApp, TestUser } from '../support/test-app';

export const V3 = '/_matrix/client/v3';
export const enc = encodeURIComponent;

/** GET /sync for the user, with optional query; returns the parsed body. */
export async function syncOf(t: TestApp, user: TestUser, query: Record<string, string> = {}): Promise<SyncBody> {
  const qs = new URLSearchParams({ timeout: '0', ...query }).toString();
  const res = await t.as(user, { method: 'GET', url: `${V3}/sync?${qs}` });
  if (res.statusCode !== 200) throw new Error(`sync failed: ${res.statusCode} ${res.body}`);
  return res.json() as SyncBody;
}

export interface SyncBody {
  next_batch: string;
  rooms: {
    join: Record<string, { account_data: { events: Array<{ type: string; content: Record<string, unknown> }> }; timeline: { events: Array<{ type: string; content: Record<string, unknown> }> } }>;
    leave: Record<string, unknown>;
  };
  presence: { events: Array<{ type: string; sender: string; content: Record<string, unknown> }> };
}

/** The user's current m.room.member content in the room (GET …/state/m.room.member/{userId}). */
export async function memberContent(t: TestApp, viewer: TestUser, roomId: string, userId: string): Promise<Record<string, unknown>> {
  const res = await t.as(viewer, { method: 'GET', url: `${V3}/rooms/${enc(roomId)}/state/m.room.member/${enc(userId)}` });
  if (res.statusCode !== 200) throw new Error(`state failed: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
}
