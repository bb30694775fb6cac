import type { MediaStorage, MediaStore } from '@courier/server-domain';

/** What the media use cases need: metadata, bytes, limits and the server's identity. */
export interface MediaDeps {
  store: MediaStore;
  storage: MediaStorage;
  serverName: string;
  /** MEDIA_MAX_BYTES: the largest upload accepted. */
  maxBytes: number;
  now: () => number;
}

/** How long an mxc:// URI from POST /media/v1/create waits for its upload (Synapse: 24 h). */
export const UNUSED_MEDIA_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** How many created-but-unused URIs one user may hold at once (Synapse's default: 5). */
export const MAX_PENDING_UPLOADS = 5;
