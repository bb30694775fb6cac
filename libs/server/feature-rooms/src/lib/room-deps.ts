import type { EventStore, SigningKey } from '@courier/server-domain';

/** What the room use cases need: the event store and the server's identity. */
export interface RoomDeps {
  events: EventStore;
  serverName: string;
  signingKey: SigningKey;
  now: () => number;
}
