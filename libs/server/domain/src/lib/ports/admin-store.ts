import type { ReadEvent } from './event-reader';

/** A service token as admins see it: never its hash, never the token itself. */
export interface ServiceTokenRecord {
  id: string;
  name: string;
  scopes: string[];
  createdAt: number;
  revokedAt: number | null;
}

export interface StoredServiceToken extends ServiceTokenRecord {
  /** Hex SHA-256 of the token, as access tokens are stored. */
  tokenHash: string;
}

export class ServiceTokenNameTakenError extends Error {
  constructor(readonly tokenName: string) {
    super(`a service token named ${tokenName} exists`);
    this.name = 'ServiceTokenNameTakenError';
  }
}

/** The service_tokens table: credentials of internal services calling the tRPC gateway. */
export interface ServiceTokenStore {
  /** Throws ServiceTokenNameTakenError when the name is taken (unique index). */
  create(token: { id: string; name: string; tokenHash: string; scopes: string[]; createdAt: number }): Promise<void>;
  findByHash(tokenHash: string): Promise<StoredServiceToken | undefined>;
  list(): Promise<ServiceTokenRecord[]>;
  /** Marks the token revoked (keeping the first revocation time); false when no such token. */
  revoke(id: string, now: number): Promise<boolean>;
}

/** Keyset pagination: `cursor` is the last key of the previous page, opaque to callers. */
export interface ListQuery {
  /** Case-insensitive substring of the ID or display name. */
  search?: string;
  cursor?: string;
  limit: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UserSummary {
  userId: string;
  displayname: string | null;
  /** The profile's avatar, an mxc:// URI. */
  avatarUrl: string | null;
  isAdmin: boolean;
  deactivated: boolean;
  locked: boolean;
  createdAt: number;
}

export interface DeviceSummary {
  deviceId: string;
  displayName: string | null;
  createdAt: number;
  lastSeenTs: number | null;
  /** Live access tokens of the device. */
  tokenCount: number;
}

export interface RoomRecord {
  roomId: string;
  roomVersion: string;
  creator: string;
  createdAt: number;
  isPublic: boolean;
}

export interface RoomListing extends RoomRecord {
  /** content.name of the current m.room.name state, if any. */
  name: string | null;
  joinedMembers: number;
  /** origin_server_ts of the room's newest event. */
  lastActivityTs: number | null;
}

export interface ServerStats {
  users: number;
  rooms: number;
  events: number;
  /** Events with origin_server_ts at or after the `since` given. */
  eventsSince: number;
}

export interface EventRelations {
  /** Events relating to this one (threads, replacements, references), oldest first. */
  relations: Array<{ eventId: string; relType: string; sender: string; type: string }>;
  /** m.annotation relations grouped by (type, key), most used first. */
  annotations: Array<{ type: string; key: string; count: number }>;
}

/**
 * What the admin surface of the gateway reads that the client read side does not: listings
 * across users and rooms, counts, and the global events stream. Read-only.
 */
export interface AdminStore {
  listUsers(query: ListQuery): Promise<Page<UserSummary>>;
  devicesOf(userId: string): Promise<DeviceSummary[]>;
  listRooms(query: ListQuery): Promise<Page<RoomListing>>;
  getRoom(roomId: string): Promise<RoomListing | undefined>;
  stats(since: number): Promise<ServerStats>;
  /** Up to `limit` events committed after stream position `after`, in stream order (one room, or all). */
  eventsAfter(after: number, limit: number, roomId?: string): Promise<ReadEvent[]>;
  relationsOf(eventId: string, limit: number): Promise<EventRelations>;
}
