import type { MediaRecord } from '@courier/server-domain';
import { MatrixError, notFound } from '@courier/shared-matrix-errors';
import type { MediaDeps } from './media-deps';
import { parseLocalMediaId } from './media-id';

export interface MediaContent {
  record: MediaRecord;
  body: AsyncIterable<Uint8Array>;
}

/** The uploaded record of a local media ID, or 404 / 504 M_NOT_YET_UPLOADED. */
export async function uploadedRecord(deps: MediaDeps, serverName: string, rawMediaId: string): Promise<MediaRecord> {
  const mediaId = parseLocalMediaId(serverName, rawMediaId, deps.serverName);
  const record = await deps.store.get(mediaId);
  if (!record) throw notFound('Media not found');
  if (record.uploadedAt === null) {
    if (record.unusedExpiresAt !== null && record.unusedExpiresAt <= deps.now()) throw notFound('Media not found');
    throw new MatrixError('M_NOT_YET_UPLOADED', 'The media has not been uploaded yet');
  }
  return record;
}

/**
 * GET …/download/{serverName}/{mediaId}: the bytes, streamed from storage. Only this server's
 * media is served (no federation): another server name is 404 M_NOT_FOUND.
 */
export async function downloadMedia(deps: MediaDeps, serverName: string, mediaId: string): Promise<MediaContent> {
  const record = await uploadedRecord(deps, serverName, mediaId);
  const body = await deps.storage.open(record.mediaId);
  if (!body) throw notFound('Media not found');
  return { record, body };
}
