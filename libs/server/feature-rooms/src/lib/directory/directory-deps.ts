import type { EventReader, RoomAliasStore, RoomDirectoryStore } from '@courier/server-domain';
import type { RoomDeps } from '../room-deps';

/** What the alias and directory use cases need. */
export interface DirectoryDeps {
  rooms: RoomDeps;
  aliases: RoomAliasStore;
  directory: RoomDirectoryStore;
  reader: Pick<EventReader, 'membership'>;
  serverName: string;
  now: () => number;
}

/** Who is asking: the user and whether they are a server admin. */
export interface DirectoryRequester {
  userId: string;
  isAdmin: boolean;
}
