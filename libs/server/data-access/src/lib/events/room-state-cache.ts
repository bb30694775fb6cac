import type { StateEvent } from '@courier/server-domain';

export type StateMap = Map<string, StateEvent>;

export const stateKeyOf = (type: string, stateKey: string) => `${type}\u0000${stateKey}`;

/**
 * Current state per room, tagged with the room's state_version. A writer reads the version
 * under the room lock and reuses the cached map only if it matches, so the cache can never
 * make a decision on stale state, whichever instance changed it.
 */
export class RoomStateCache {
  private readonly entries = new Map<string, { version: number; state: StateMap }>();

  constructor(private readonly maxRooms = 10_000) {}

  get(roomId: string, version: number): StateMap | undefined {
    const hit = this.entries.get(roomId);
    return hit && hit.version === version ? hit.state : undefined;
  }

  set(roomId: string, version: number, state: StateMap): void {
    if (this.entries.size >= this.maxRooms) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(roomId);
    this.entries.set(roomId, { version, state });
  }

  clear(): void {
    this.entries.clear();
  }
}

export function stateMapFromRows(rows: { event_id: string; json: string }[]): StateMap {
  const map: StateMap = new Map();
  for (const row of rows) {
    const pdu = JSON.parse(row.json) as { type: string; state_key: string; sender: string; content: StateEvent['content'] };
    map.set(stateKeyOf(pdu.type, pdu.state_key), {
      event_id: row.event_id,
      type: pdu.type,
      state_key: pdu.state_key,
      sender: pdu.sender,
      content: pdu.content,
    });
  }
  return map;
}
