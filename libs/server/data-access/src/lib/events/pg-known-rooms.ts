import type { RoomChain } from './pg-room-chain';
import type { StateMap } from './room-state-cache';

/**
 * The rooms this instance wrote, as its last commit left them (head, depth, state and
 * state_version: a RoomChain), for the fast path to decide on without reading them first, and
 * for the careful path to reuse their state when their state_version has not moved.
 * A room is quiet while nobody else writes it: the careful path, which reads each room under
 * its lock, finds it as this instance left it. A room another instance writes too stays on the
 * careful path, so the fast path is not tried (and refused as stale) batch after batch.
 */
export class KnownRooms {
  private readonly entries = new Map<string, { chain: RoomChain; quiet: boolean }>();

  constructor(private readonly maxRooms = 10_000) {}

  /** The chains of all of `roomIds`, if every one is known and quiet. */
  quietChains(roomIds: Iterable<string>): Map<string, RoomChain> | undefined {
    const chains = new Map<string, RoomChain>();
    for (const roomId of roomIds) {
      const entry = this.entries.get(roomId);
      if (!entry?.quiet) return undefined;
      chains.set(roomId, entry.chain);
    }
    return chains;
  }

  /**
   * The room's current state as this instance left it, if its state_version (read under the
   * room lock) is still the one it left: the state cache of the careful path.
   */
  stateAt(roomId: string, stateVersion: number): StateMap | undefined {
    const chain = this.entries.get(roomId)?.chain;
    return chain && chain.version === stateVersion ? chain.state : undefined;
  }

  /** Under the room lock: whether the room is as this instance left it (or unknown to it). */
  isAsLeft(roomId: string, headEventId: string | null, stateVersion: number): boolean {
    const entry = this.entries.get(roomId);
    return !entry || (entry.chain.headEventId === headEventId && entry.chain.version === stateVersion);
  }

  /** After a commit: the room as this instance left it. */
  remember(chain: RoomChain, quiet: boolean): void {
    if (this.entries.size >= this.maxRooms && !this.entries.has(chain.roomId)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(chain.roomId);
    this.entries.set(chain.roomId, { chain, quiet });
  }

  /** Someone else wrote to these rooms: back to the careful path until it finds them as left. */
  contend(roomIds: Iterable<string>): void {
    for (const roomId of roomIds) {
      const entry = this.entries.get(roomId);
      if (entry) entry.quiet = false;
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
