import type { EventReader, FilterStore, Notifier, RelationReader, SearchReader } from '@courier/server-domain';

/** What the read-side use cases need: the read repositories, the notifier and a clock. */
export interface ReadingDeps {
  reader: EventReader;
  filters: FilterStore;
  /** Relations and threads (/relations, /threads, bundled aggregations). */
  relations: RelationReader;
  /** Full-text search (POST /search). */
  search: SearchReader;
  notifier: Notifier;
  /** For `unsigned.age`; long-poll deadlines use the real monotonic clock. */
  now: () => number;
}

/** Who is reading: the device matters for `unsigned.transaction_id` and to-device messages. */
export interface Viewer {
  userId: string;
  deviceId: string;
}

/** A request's query string as Fastify parses it (a repeated key becomes an array). */
export type QueryParams = Record<string, unknown>;
