import { isJsonObject, type JsonObject, type UserMembership } from '@courier/server-domain';

export interface MembershipRow {
  room_id: string;
  membership: string;
  event_id: string;
  stream: number | string | bigint;
}

export function toUserMembership(row: MembershipRow): UserMembership {
  return { roomId: row.room_id, membership: row.membership, eventId: row.event_id, stream: Number(row.stream) };
}

/** Stored JSON written by other features; anything that is not an object reads as {}. */
export function parseObject(json: string): JsonObject {
  try {
    const value: unknown = JSON.parse(json);
    return isJsonObject(value) ? value : {};
  } catch {
    return {};
  }
}

/** The string `content[key]` of a stored PDU, or '' (a pruned or odd event). */
export function contentString(json: string, key: string): string {
  const content = parseObject(json)['content'];
  const v = isJsonObject(content) ? content[key] : undefined;
  return typeof v === 'string' ? v : '';
}
