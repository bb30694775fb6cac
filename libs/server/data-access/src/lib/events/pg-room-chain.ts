import type { EventDraft, RoomSnapshot, RoomVersion, StateEvent } from '@courier/server-domain';
import { stateKeyOf, type StateMap } from './room-state-cache';

/**
 * A room as the decisions of one batch see it: the locked row and its current state, then every
 * draft accepted before, so the next append to the room builds on the previous one (prev_events,
 * depth, state). The state map is shared with the cache until a draft changes it (copy on write).
 */
export class RoomChain {
  private ownsState = false;
  /** Whether a draft applied since the last settle() changed current state. */
  stateChanged = false;

  constructor(
    readonly roomId: string,
    readonly roomVersion: RoomVersion,
    private head: string | null,
    private depth: number,
    private stateMap: StateMap,
    /** The room's state_version once what was settled so far is written. */
    private stateVersion: number,
  ) {}

  get headEventId(): string | null {
    return this.head;
  }

  get state(): StateMap {
    return this.stateMap;
  }

  get version(): number {
    return this.stateVersion;
  }

  snapshot(): RoomSnapshot {
    const state = this.stateMap;
    return {
      roomId: this.roomId,
      roomVersion: this.roomVersion,
      prevEventIds: this.head ? [this.head] : [],
      depth: this.depth,
      state: (type, key) => state.get(stateKeyOf(type, key)),
    };
  }

  /** A copy to try drafts on; the original stays as it was. */
  clone(): RoomChain {
    return new RoomChain(this.roomId, this.roomVersion, this.head, this.depth, this.stateMap, this.stateVersion);
  }

  /** Takes one append's drafts as accepted: the new head, and what they do to current state. */
  apply(drafts: EventDraft[]): void {
    for (const d of drafts) {
      this.head = d.eventId;
      this.depth = d.pdu.depth;
      const stateKey = d.pdu['state_key'];
      if (typeof stateKey === 'string') {
        this.setState(stateKeyOf(d.pdu.type, stateKey), { event_id: d.eventId, type: d.pdu.type, state_key: stateKey, sender: d.pdu.sender, content: d.pdu.content });
      }
      if (d.redaction) this.redactState(d.redaction.targetEventId, d.redaction.prunedJson);
    }
  }

  /** After the drafts applied so far are written: state_version counts one write that changed state. */
  settle(): void {
    if (this.stateChanged) this.stateVersion += 1;
    this.stateChanged = false;
  }

  /** A redaction changes state_version (as the shared write plan does); a redacted state event keeps its pruned content. */
  private redactState(target: string, prunedJson: string): void {
    this.stateChanged = true;
    for (const [key, event] of this.stateMap) {
      if (event.event_id !== target) continue;
      const pruned = JSON.parse(prunedJson) as { sender: string; content: StateEvent['content'] };
      this.setState(key, { ...event, sender: pruned.sender, content: pruned.content });
      return;
    }
  }

  private setState(key: string, event: StateEvent): void {
    if (!this.ownsState) {
      this.stateMap = new Map(this.stateMap);
      this.ownsState = true;
    }
    this.stateMap.set(key, event);
    this.stateChanged = true;
  }
}
