import { invalidParam } from '@courier/shared-matrix-errors';

/**
 * Positions in Courier's three streams. A sync token covers all three (`s{events}_{toDevice}_
 * {accountData}`); a room pagination token is a position in the events stream only (`s{n}`)
 * and means "between the event at n and the one after it".
 */
export interface SyncToken {
  events: number;
  toDevice: number;
  accountData: number;
}

const POSITION = '(0|[1-9]\\d{0,14})';
const SYNC_TOKEN = new RegExp(`^s${POSITION}_${POSITION}_${POSITION}$`);
const ROOM_TOKEN = new RegExp(`^s${POSITION}$`);

export function formatSyncToken(t: SyncToken): string {
  return `s${t.events}_${t.toDevice}_${t.accountData}`;
}

export function parseSyncToken(value: string): SyncToken {
  const m = SYNC_TOKEN.exec(value);
  if (!m) throw invalidParam('Invalid sync token');
  return { events: Number(m[1]), toDevice: Number(m[2]), accountData: Number(m[3]) };
}

export function formatRoomToken(stream: number): string {
  return `s${Math.max(0, stream)}`;
}

/** A /messages `from`/`to`: our own pagination token, or a sync token (prev_batch, next_batch). */
export function parseRoomToken(value: string): number {
  const room = ROOM_TOKEN.exec(value);
  if (room) return Number(room[1]);
  const sync = SYNC_TOKEN.exec(value);
  if (sync) return Number(sync[1]);
  throw invalidParam('Invalid pagination token');
}
