import { randomBytes } from 'node:crypto';
import { notFound } from '@courier/shared-matrix-errors';

/**
 * Media IDs are 24 random bytes in base64url (192 bits): unguessable, and made only of
 * [A-Za-z0-9_-], so one can name a file without any path trickery.
 */
export function generateMediaId(): string {
  return randomBytes(24).toString('base64url');
}

const MEDIA_ID = /^[A-Za-z0-9_-]{32}$/;

/**
 * The media ID of a request path. Anything this server did not make (another server's media,
 * `..`, slashes, other lengths) is no media here: 404 M_NOT_FOUND, without touching storage.
 */
export function parseLocalMediaId(serverName: string, mediaId: string, ownServerName: string): string {
  if (serverName !== ownServerName || !MEDIA_ID.test(mediaId)) throw notFound('Media not found');
  return mediaId;
}

export const mxcUri = (serverName: string, mediaId: string) => `mxc://${serverName}/${mediaId}`;
