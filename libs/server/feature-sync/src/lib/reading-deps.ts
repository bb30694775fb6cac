import type { EventReader, FilterStore, Notifier, PresenceStore, ProfileStore, ReceiptStore, RelationReader, SearchReader, TypingStore } from '@courier/server-domain';

/** What the read-side use cases need: the read repositories, the notifier and a clock. */
export interface ReadingDeps {
  reader: EventReader;
  filters: FilterStore;
  /** Relations and threads (/relations, /threads, bundled aggregations). */
  relations: RelationReader;
  /** Full-text search (POST /search). */
  search: SearchReader;
  notifier: Notifier;
  /** Presence (its /sync section and GET/PUT /presence). */
  presence: PresenceStore;
  /** Forgotten rooms, which /sync leaves out. */
  profiles: ProfileStore;
  /** For `unsigned.age`; long-poll deadlines use the real monotonic clock. */
  now: () => number;
  /** Read receipts: m.receipt in /sync and unread counts (none served when absent). */
  receipts?: ReceiptStore;
  /** Typing notifications: m.typing in /sync (none served when absent). */
  typing?: TypingStore;
}

/** Who is reading: the device matters for `unsigned.transaction_id` and to-device messages. */
export interface Viewer {
  userId: string;
  deviceId: string;
}

/** A request's query string as Fastify parses it (a repeated key becomes an array). */
export type QueryParams = Record<string, unknown>;
