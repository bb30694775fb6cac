import { invalidParam } from '@courier/shared-matrix-errors';

/** Synapse's MAX_DISPLAYNAME_LEN and MAX_AVATAR_URL_LEN. */
export const MAX_DISPLAYNAME_LENGTH = 256;
export const MAX_AVATAR_URL_LENGTH = 1000;

/** An mxc URI: mxc://<server name>/<media id>, the media ID [A-Za-z0-9_-]+ (spec: Matrix content URIs). */
const MXC = /^mxc:\/\/[A-Za-z0-9.:[\]-]+\/[A-Za-z0-9_-]+$/;

/** A display name: a string up to 256 characters; null or "" clears it. */
export function parseDisplayname(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw invalidParam('displayname must be a string');
  if ([...value].length > MAX_DISPLAYNAME_LENGTH) throw invalidParam(`displayname is too long (max ${MAX_DISPLAYNAME_LENGTH})`);
  if (value.includes('\u0000')) throw invalidParam('displayname must not contain NUL');
  return value;
}

/** An avatar URL: an mxc:// URI up to 1000 characters; null or "" clears it. */
export function parseAvatarUrl(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw invalidParam('avatar_url must be a string');
  if (value.length > MAX_AVATAR_URL_LENGTH) throw invalidParam(`avatar_url is too long (max ${MAX_AVATAR_URL_LENGTH})`);
  if (!MXC.test(value)) throw invalidParam('avatar_url must be an mxc:// URI');
  return value;
}

/** Words of a text for the user directory: lowercased runs of letters and digits. */
export function directoryWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The directory words a user is found by: the localpart whole, and the words of the user ID and display name. */
export function directoryTermsOf(userId: string, displayname: string | null): string[] {
  const localpart = userId.slice(1, userId.indexOf(':') > 0 ? userId.indexOf(':') : undefined).toLowerCase();
  const terms = new Set([localpart, ...directoryWords(userId), ...directoryWords(displayname ?? '')]);
  return [...terms].filter((t) => t.length > 0 && t.length <= 200);
}
