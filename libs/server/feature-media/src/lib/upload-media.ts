import { MediaTooLargeError, type StagedBlob } from '@courier/server-domain';
import { MatrixError, forbidden, limitExceeded, notFound, tooLarge } from '@courier/shared-matrix-errors';
import { MAX_PENDING_UPLOADS, UNUSED_MEDIA_LIFETIME_MS, type MediaDeps } from './media-deps';
import { generateMediaId, mxcUri, parseLocalMediaId } from './media-id';

export interface UploadInput {
  userId: string;
  /** The request body, streamed. */
  body: AsyncIterable<Uint8Array>;
  /** The Content-Type header as sent, or undefined. */
  contentType: string | undefined;
  /** The `filename` query parameter, or undefined. */
  fileName: string | undefined;
  /** The Content-Length header, when declared: over the limit is refused before reading. */
  declaredLength: number | undefined;
}

/** A media type as `type/subtype[; params]`, else null (served as application/octet-stream). */
export function normaliseContentType(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (v.length === 0 || v.length > 255 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*;.*)?$/.test(v)) return null;
  // Header values must stay one line of visible ASCII.
  return /^[\x20-\x7e]+$/.test(v) ? v : null;
}

function normaliseFileName(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (value.length > 255 || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new MatrixError('M_INVALID_PARAM', 'filename is not a valid file name');
  return value;
}

/** Streams the body into staging; over MEDIA_MAX_BYTES → 413 M_TOO_LARGE and nothing kept. */
async function stageBody(deps: MediaDeps, input: UploadInput): Promise<StagedBlob> {
  if (input.declaredLength !== undefined && input.declaredLength > deps.maxBytes) {
    throw tooLarge(`Upload is larger than the limit of ${deps.maxBytes} bytes`);
  }
  try {
    return await deps.storage.stage(input.body, deps.maxBytes);
  } catch (err) {
    if (err instanceof MediaTooLargeError) throw tooLarge(`Upload is larger than the limit of ${deps.maxBytes} bytes`);
    throw err;
  }
}

/**
 * POST /_matrix/media/v3/upload: the bytes are streamed to storage under a fresh random media
 * ID, then the metadata row is written; the answer is the mxc:// URI.
 */
export async function uploadMedia(deps: MediaDeps, input: UploadInput): Promise<{ contentUri: string }> {
  const fileName = normaliseFileName(input.fileName);
  const staged = await stageBody(deps, input);
  const mediaId = generateMediaId();
  await staged.commit(mediaId);
  const now = deps.now();
  await deps.store.create({
    mediaId,
    userId: input.userId,
    contentType: normaliseContentType(input.contentType),
    fileName,
    size: staged.size,
    sha256: staged.sha256,
    createdAt: now,
    uploadedAt: now,
    unusedExpiresAt: null,
  });
  return { contentUri: mxcUri(deps.serverName, mediaId) };
}

/**
 * POST /_matrix/media/v1/create: an mxc:// URI whose bytes come later, by its creator, within
 * 24 hours. A user may hold five such unused URIs at once (Synapse's default): 429 beyond.
 */
export async function createPendingMedia(deps: MediaDeps, userId: string): Promise<{ contentUri: string; unusedExpiresAt: number }> {
  const now = deps.now();
  if ((await deps.store.countPending(userId, now)) >= MAX_PENDING_UPLOADS) throw limitExceeded(60_000);
  const mediaId = generateMediaId();
  const unusedExpiresAt = now + UNUSED_MEDIA_LIFETIME_MS;
  await deps.store.create({ mediaId, userId, contentType: null, fileName: null, size: null, createdAt: now, uploadedAt: null, unusedExpiresAt });
  return { contentUri: mxcUri(deps.serverName, mediaId), unusedExpiresAt };
}

/**
 * PUT /_matrix/media/v3/upload/{serverName}/{mediaId}: only the URI's creator (else 403
 * M_FORBIDDEN), only once (409 M_CANNOT_OVERWRITE_MEDIA; of two racing uploads the database
 * lets one win), only before it expires (404 M_NOT_FOUND).
 */
export async function uploadToPendingMedia(deps: MediaDeps, input: UploadInput & { serverName: string; mediaId: string }): Promise<void> {
  const mediaId = parseLocalMediaId(input.serverName, input.mediaId, deps.serverName);
  const record = await deps.store.get(mediaId);
  if (!record) throw notFound('Media not found');
  if (record.userId !== input.userId) throw forbidden('You did not create this media ID');
  if (record.uploadedAt !== null) throw cannotOverwrite();
  if (record.unusedExpiresAt !== null && record.unusedExpiresAt <= deps.now()) throw notFound('This media ID has expired');
  const fileName = normaliseFileName(input.fileName);
  const staged = await stageBody(deps, input);
  const won = await deps.store.markUploaded(mediaId, {
    contentType: normaliseContentType(input.contentType),
    fileName,
    size: staged.size,
    sha256: staged.sha256,
    uploadedAt: deps.now(),
  });
  if (!won) {
    await staged.discard();
    throw cannotOverwrite();
  }
  await staged.commit(mediaId);
}

const cannotOverwrite = () => new MatrixError('M_CANNOT_OVERWRITE_MEDIA', 'Media already uploaded');
