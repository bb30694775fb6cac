/**
 * User IDs as the auth rules must accept them: `@localpart:server_name`, at most 255 bytes.
 * The localpart follows the *historical* grammar (anything but `:` and NUL, even empty),
 * because the spec says servers MUST still accept such IDs in events; only new accounts
 * are held to the strict a-z0-9._=-/+ set, and that is registration's job, not ours.
 */
const MAX_USER_ID_BYTES = 255;

// hostname (IPv4, [IPv6] or DNS name) with an optional 1-5 digit port: appendix "Server Name".
const SERVER_NAME = /^(?:\[[0-9A-Fa-f:.]{2,45}\]|[0-9A-Za-z.-]{1,255})(?::[0-9]{1,5})?$/;

/** Byte length in UTF-8, without Node's Buffer so the domain stays platform-neutral. */
export function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}

export function isValidServerName(value: string): boolean {
  return SERVER_NAME.test(value);
}

export function isValidUserId(value: string): boolean {
  if (!value.startsWith('@') || utf8Length(value) > MAX_USER_ID_BYTES) return false;
  const colon = value.indexOf(':');
  if (colon < 0) return false;
  const localpart = value.slice(1, colon);
  return !localpart.includes('\u0000') && isValidServerName(value.slice(colon + 1));
}

/** The server name of a user ID (everything after the first colon); '' if there is none. */
export function serverNameOf(userId: string): string {
  const colon = userId.indexOf(':');
  return colon < 0 ? '' : userId.slice(colon + 1);
}
