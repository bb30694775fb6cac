import type { TypingChanges, TypingStore } from '../ports/typing-store';

interface RoomTyping {
  /** Position of the room's last change. */
  position: number;
  /** user → its expiry timer. */
  users: Map<string, NodeJS.Timeout>;
}

/**
 * Typing state of one process (no REDIS_URL: one instance). The stream starts at the clock's
 * milliseconds, so a position handed out before a restart is (almost always) below every
 * position after it and a client's next sync still sees what changed.
 */
export class InProcessTyping implements TypingStore {
  private readonly rooms = new Map<string, RoomTyping>();
  private position: number;

  constructor(
    private readonly onChange: (roomId: string) => void,
    now: () => number = Date.now,
  ) {
    this.position = now();
  }

  async set(roomId: string, userId: string, typing: boolean, timeoutMs: number): Promise<void> {
    let room = this.rooms.get(roomId);
    const old = room?.users.get(userId);
    if (old) clearTimeout(old);
    if (!typing) {
      if (!room || !old) return;
      room.users.delete(userId);
      this.changed(roomId, room);
      return;
    }
    if (!room) this.rooms.set(roomId, (room = { position: 0, users: new Map() }));
    const timer = setTimeout(() => void this.set(roomId, userId, false, 0), timeoutMs);
    timer.unref();
    room.users.set(userId, timer);
    // A renewal of a typing user changes nothing a client sees: no new position, no wake.
    if (!old) this.changed(roomId, room);
  }

  async changes(roomIds: readonly string[], since: number | undefined): Promise<TypingChanges> {
    const after = since === undefined || since > this.position ? undefined : since;
    const rooms = new Map<string, string[]>();
    for (const roomId of roomIds) {
      const room = this.rooms.get(roomId);
      if (!room) continue;
      if (after === undefined ? room.users.size > 0 : room.position > after) rooms.set(roomId, [...room.users.keys()]);
    }
    return { rooms, position: this.position };
  }

  async close(): Promise<void> {
    for (const room of this.rooms.values()) for (const t of room.users.values()) clearTimeout(t);
    this.rooms.clear();
  }

  private changed(roomId: string, room: RoomTyping): void {
    // An emptied room keeps its entry: its position tells a client that typing stopped.
    room.position = ++this.position;
    this.onChange(roomId);
  }
}
