import type { MediaRecord } from '@courier/server-domain';
import { MatrixError, invalidParam, notFound } from '@courier/shared-matrix-errors';
import type { MediaDeps } from './media-deps';
import { parseLocalMediaId } from './media-id';

export interface MediaContent {
  record: MediaRecord;
  body: AsyncIterable<Uint8Array>;
}

/** The spec's default wait for media not yet uploaded (`timeout_ms`), and Courier's ceiling. */
export const DEFAULT_UPLOAD_WAIT_MS = 20_000;
export const MAX_UPLOAD_WAIT_MS = 60_000;
const POLL_MS = 250;

/** `timeout_ms` of a download or thumbnail request: default 20 s, at most 60 s. */
export function parseUploadWait(value: string | undefined): number {
  if (value === undefined) return DEFAULT_UPLOAD_WAIT_MS;
  if (!/^\d{1,9}$/.test(value)) throw invalidParam('timeout_ms must be a non-negative integer');
  return Math.min(Number(value), MAX_UPLOAD_WAIT_MS);
}

/**
 * The uploaded record of a local media ID. One created by /media/v1/create but not uploaded yet
 * is waited for, up to `waitMs` (re-read every 250 ms), then 504 M_NOT_YET_UPLOADED; an unknown
 * or expired one is 404 M_NOT_FOUND.
 */
export async function uploadedRecord(deps: MediaDeps, serverName: string, rawMediaId: string, waitMs = 0): Promise<MediaRecord> {
  const mediaId = parseLocalMediaId(serverName, rawMediaId, deps.serverName);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const record = await deps.store.get(mediaId);
    if (!record) throw notFound('Media not found');
    if (record.uploadedAt !== null) return record;
    if (record.unusedExpiresAt !== null && record.unusedExpiresAt <= deps.now()) throw notFound('Media not found');
    const left = deadline - Date.now();
    if (left <= 0) throw new MatrixError('M_NOT_YET_UPLOADED', 'The media has not been uploaded yet');
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
  }
}

/**
 * GET …/download/{serverName}/{mediaId}: the bytes, streamed from storage. Only this server's
 * media is served (no federation): another server name is 404 M_NOT_FOUND.
 */
export async function downloadMedia(deps: MediaDeps, serverName: string, mediaId: string, waitMs = 0): Promise<MediaContent> {
  const record = await uploadedRecord(deps, serverName, mediaId, waitMs);
  const body = await deps.storage.open(record.mediaId);
  if (!body) throw notFound('Media not found');
  return { record, body };
}
