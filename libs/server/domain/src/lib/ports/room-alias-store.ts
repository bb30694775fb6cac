/** Local room aliases (#alias:server → room ID) and the public room list. */
export interface RoomAliasStore {
  /** false when the alias is taken (the primary key decides races). */
  create(alias: string, roomId: string, creator: string, now: number): Promise<boolean>;
  get(alias: string): Promise<{ roomId: string; creator: string } | undefined>;
  delete(alias: string): Promise<boolean>;
  aliasesOfRoom(roomId: string): Promise<string[]>;
}

export interface PublicRoomSummary {
  room_id: string;
  name?: string;
  topic?: string;
  avatar_url?: string;
  canonical_alias?: string;
  num_joined_members: number;
  world_readable: boolean;
  guest_can_join: boolean;
  join_rule: string;
  room_type?: string;
}

export interface RoomDirectoryStore {
  /** undefined when the room is unknown. */
  isPublic(roomId: string): Promise<boolean | undefined>;
  setPublic(roomId: string, isPublic: boolean): Promise<void>;
  /** Up to `limit` public room IDs after `after` (room ID order), by an index seek. */
  publicRoomIds(after: string, limit: number): Promise<string[]>;
  /** The directory entry of each room: its name, topic, … state and joined count. */
  summaries(roomIds: readonly string[]): Promise<PublicRoomSummary[]>;
  /** One current-state event of a room (a primary-key seek), for permission checks. */
  stateEvent(roomId: string, type: string, stateKey: string): Promise<{ sender: string; content: Record<string, unknown> } | undefined>;
}
