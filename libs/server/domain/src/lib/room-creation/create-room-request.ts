import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';

export const ROOM_PRESETS = ['private_chat', 'public_chat', 'trusted_private_chat'] as const;
export type RoomPreset = (typeof ROOM_PRESETS)[number];

/** One `initial_state` entry as the client sends it; `state_key` defaults to ''. */
export interface InitialStateEvent {
  type: string;
  state_key?: string;
  content: JsonObject;
}

/** The body of POST /createRoom, after validateCreateRoomRequest (spec: create_room.yaml). */
export interface CreateRoomRequest {
  preset?: RoomPreset;
  visibility?: 'public' | 'private';
  name?: string;
  topic?: string;
  invite?: string[];
  initial_state?: InitialStateEvent[];
  power_level_content_override?: JsonObject;
  room_version?: string;
  is_direct?: boolean;
  creation_content?: JsonObject;
  room_alias_name?: string;
}

/** A state event the room creator sends, in plan order. */
export interface PlannedStateEvent {
  type: string;
  state_key: string;
  content: JsonObject;
}

/** Everything the caller needs to create the room; events are sent by the creator, in order. */
export interface RoomCreationPlan {
  roomVersion: RoomVersion;
  events: PlannedStateEvent[];
  /** Users to invite after the events, deduplicated (membership events the caller sends). */
  invites: string[];
  /** Goes on each invite's member content as `is_direct` when true. */
  isDirect: boolean;
  /** Whether to publish the room in the room directory. */
  visibility: 'public' | 'private';
  /** The full alias to map to the room, when `room_alias_name` was given. */
  alias?: string;
}
