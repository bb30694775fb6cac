import type { StreamRange } from './event-reader';

export interface Profile {
  displayname: string | null;
  avatarUrl: string | null;
}

export interface DirectoryUser {
  userId: string;
  displayname: string | null;
  avatarUrl: string | null;
}

/** Profiles, the user directory and forgotten rooms (users, user_directory_terms, forgotten_rooms). */
export interface ProfileStore {
  /** The profile of a local user; undefined when there is no such user, or it is deactivated. */
  getProfile(userId: string): Promise<Profile | undefined>;
  /** Sets the given fields (null clears one) and re-indexes the user's directory words, in one transaction. */
  setProfile(userId: string, change: Partial<Profile>): Promise<void>;
  /** Deactivation: the profile is cleared and the user leaves the directory. */
  eraseProfile(userId: string): Promise<void>;
  /**
   * Users with a directory word starting with each of `prefixes` (lowercased words), who share a
   * joined room with `searcher` or are joined to a public room; up to `limit`, and whether more matched.
   */
  searchDirectory(searcher: string, prefixes: readonly string[], limit: number): Promise<{ results: DirectoryUser[]; limited: boolean }>;
  /** Records that the user forgot the room as of its membership at `stream`. */
  forgetRoom(userId: string, roomId: string, stream: number): Promise<void>;
  /** room ID → the forgotten membership's stream position. */
  forgottenRooms(userId: string): Promise<Map<string, number>>;
}

export type PresenceState = 'online' | 'offline' | 'unavailable';

export interface PresenceRecord {
  userId: string;
  state: PresenceState;
  statusMsg: string | null;
  lastActiveTs: number;
  stream: number;
}

/** Presence (presence table, 'presence' stream). */
export interface PresenceStore {
  /** Stores the state under the next 'presence' stream position; returns it. */
  set(userId: string, state: PresenceState, statusMsg: string | null, now: number): Promise<number>;
  get(userId: string): Promise<PresenceRecord | undefined>;
  /** The last committed position of the 'presence' stream. */
  position(): Promise<number>;
  /**
   * Presence changes in `range` of the viewer and of users sharing a joined room with it,
   * newest position per user.
   */
  changesFor(viewer: string, range: StreamRange, limit: number): Promise<PresenceRecord[]>;
  /** Whether the two users are both joined to some room (who may see whose presence). */
  sharesRoom(a: string, b: string): Promise<boolean>;
}
