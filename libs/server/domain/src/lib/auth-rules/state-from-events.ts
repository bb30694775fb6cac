import type { StateEventLike, StateLookup } from './auth-types';

/** Room state held in memory: look slots up, and apply events in order as the room would. */
export interface InMemoryState {
  lookup: StateLookup;
  /** A later event replaces the earlier one in the same (type, state_key) slot. */
  apply(event: StateEventLike): void;
}

export function inMemoryState(events: readonly StateEventLike[] = []): InMemoryState {
  const slots = new Map<string, StateEventLike>();
  const apply = (event: StateEventLike) => void slots.set(slotKey(event.type, event.state_key), event);
  events.forEach(apply);
  return { lookup: (type, stateKey) => slots.get(slotKey(type, stateKey)), apply };
}

/** A StateLookup over a list of state events, as the room's state is after applying them in order. */
export function stateFromEvents(events: readonly StateEventLike[]): StateLookup {
  return inMemoryState(events).lookup;
}

// JSON-encoding the pair keeps ("a|b", "c") and ("a", "b|c") in different slots.
function slotKey(type: string, stateKey: string): string {
  return JSON.stringify([type, stateKey]);
}
