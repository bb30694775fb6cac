import type { JsonObject } from '../json';

/** A state event as the auth rules need it: the current holder of one (type, state_key) slot. */
export interface StateEventLike {
  type: string;
  state_key: string;
  sender: string;
  content: JsonObject;
  /** Absent for events not yet persisted (e.g. while planning a new room). */
  event_id?: string;
}

/**
 * The event being authorised. `state_key` is absent for message events. `redacts` is the
 * top-level field that `m.room.redaction` events carry in room versions before 11.
 */
export interface EventToAuth {
  type: string;
  state_key?: string;
  sender: string;
  content: JsonObject;
  redacts?: string;
}

/** The room's current state, one slot at a time; `undefined` when the slot is empty. */
export type StateLookup = (type: string, stateKey: string) => StateEventLike | undefined;
