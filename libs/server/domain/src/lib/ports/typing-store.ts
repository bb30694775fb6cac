/** Who is typing in which rooms, as /sync reads it. */
export interface TypingChanges {
  /** Rooms whose typing set changed after the position asked about, with who types now. */
  rooms: Map<string, string[]>;
  /** The typing position the next sync token carries. */
  position: number;
}

/**
 * Typing notifications (PUT /rooms/{roomId}/typing/{userId}): ephemeral, never in the
 * database. Every change, including a timeout running out, takes the next position of the
 * typing stream and calls the store's change callback (which wakes /sync long-polls).
 */
export interface TypingStore {
  /** Marks the user as typing for `timeoutMs`, or not typing. */
  set(roomId: string, userId: string, typing: boolean, timeoutMs: number): Promise<void>;
  /**
   * The current typers of each of `roomIds` whose set changed after `since` (every room with
   * a typer when `since` is undefined or ahead of the stream, e.g. after a restart).
   */
  changes(roomIds: readonly string[], since: number | undefined): Promise<TypingChanges>;
  close(): Promise<void>;
}

/** Synapse's bounds: a client that asks for longer is held to two minutes. */
export const DEFAULT_TYPING_TIMEOUT_MS = 30_000;
export const MAX_TYPING_TIMEOUT_MS = 120_000;
