import type { JsonObject } from '../json';
import type { StoredEvent } from './event-store';

/**
 * An event as the read side serves it: the stored event (PDU already pruned if redacted) and
 * its index, without the relation the write path's checks need.
 */
export type ReadEvent = Omit<StoredEvent, 'relation'>;

/** The last committed position of each stream a sync token covers. */
export interface SyncPositions {
  events: number;
  toDevice: number;
  accountData: number;
  deviceLists: number;
}

/** device_lists of /sync and /keys/changes: whose devices to re-query, and whom to stop tracking. */
export interface DeviceListChanges {
  changed: string[];
  left: string[];
}

/** A user's current membership of a room: the m.room.member event and its stream position. */
export interface UserMembership {
  roomId: string;
  membership: string;
  eventId: string;
  stream: number;
}

/** The user's membership events and the room's history_visibility events, oldest first. */
export interface AccessHistory {
  memberships: Array<{ stream: number; eventId: string; membership: string }>;
  visibilities: Array<{ stream: number; visibility: string }>;
}

/** A half-open range of stream positions: (after, upTo]. */
export interface StreamRange {
  after: number;
  upTo: number;
}

export interface PendingToDevice {
  stream: number;
  sender: string;
  type: string;
  content: JsonObject;
}

export interface AccountDataChange {
  /** "" for global account data. */
  roomId: string;
  type: string;
  content: JsonObject;
  stream: number;
}

/**
 * The read side of rooms, to-device messages and account data (sync, /messages, /state …).
 * Every range is bounded above by a position read first with `positions()`, so one response
 * is a consistent cut of the streams even while writers commit.
 */
export interface EventReader {
  positions(): Promise<SyncPositions>;
  /** Every room the user has a membership row for (join, invite, leave, ban, knock). */
  roomsOfUser(userId: string): Promise<UserMembership[]>;
  joinedRooms(userId: string): Promise<string[]>;
  membership(roomId: string, userId: string): Promise<UserMembership | undefined>;
  accessHistory(roomId: string, userId: string): Promise<AccessHistory>;
  /** The joined rooms of `userId` that have events in the range, with the newest stream in it. */
  joinedRoomsWithEvents(userId: string, range: StreamRange): Promise<Map<string, number>>;
  getEvent(eventId: string): Promise<ReadEvent | undefined>;
  eventsByIds(eventIds: readonly string[]): Promise<ReadEvent[]>;
  /**
   * Up to `limit` events of the room in (range.after, range.upTo], newest first for 'b' and
   * oldest first for 'f'.
   */
  paginate(roomId: string, range: StreamRange, dir: 'b' | 'f', limit: number): Promise<ReadEvent[]>;
  currentState(roomId: string): Promise<ReadEvent[]>;
  /**
   * The room's state as of position `at` (its events are a line, so that is the newest event
   * per (type, state_key) at or below `at`), keeping only entries newer than `changedAfter`.
   */
  stateAt(roomId: string, at: number, changedAfter?: number): Promise<ReadEvent[]>;
  /** The state event each given state event replaced, keyed by the given event's ID. */
  previousStates(events: readonly ReadEvent[]): Promise<Map<string, ReadEvent>>;
  /** Joined and invited counts, and up to `heroLimit` other joined/invited members, earliest first. */
  memberSummary(roomId: string, exceptUserId: string, heroLimit: number): Promise<{ joined: number; invited: number; heroes: string[] }>;
  /** event ID → txn ID, for events this user sent from this device (SEND_CONTRACT §5). */
  txnIdsFor(eventIds: readonly string[], userId: string, deviceId: string): Promise<Map<string, string>>;
  toDeviceMessages(userId: string, deviceId: string, range: StreamRange, limit: number): Promise<PendingToDevice[]>;
  /** Deletes the device's messages at or below `upTo`: the client acknowledged them. */
  ackToDevice(userId: string, deviceId: string, upTo: number): Promise<void>;
  accountData(userId: string, range: StreamRange): Promise<AccountDataChange[]>;
  /** Unclaimed one-time keys per algorithm; fallback keys are not counted. */
  oneTimeKeyCounts(userId: string, deviceId: string): Promise<Record<string, number>>;
  /** Algorithms whose fallback key has not been handed out yet. */
  unusedFallbackKeyTypes(userId: string, deviceId: string): Promise<string[]>;
  /**
   * Users sharing a joined room with `userId` (and the user), whose devices or keys changed in
   * `devices` or who joined a shared room in `members` (positions of the events stream); and
   * users who stopped sharing any room with them in `members`. Read through the user's rooms'
   * member rows and the (user_id, stream) index of the changes: never a walk over all changes.
   */
  deviceListChanges(userId: string, devices: StreamRange, members: StreamRange): Promise<DeviceListChanges>;
}

/** Stored sync filters (POST /user/{userId}/filter). */
export interface FilterStore {
  /** Stores the filter under the ID; storing the same ID again keeps the first. */
  saveFilter(userId: string, filterId: string, json: string): Promise<void>;
  getFilter(userId: string, filterId: string): Promise<string | undefined>;
}
