import { invalidParam } from '@courier/shared-matrix-errors';

/** The spec's limit on a room alias: 255 bytes, `#` included. */
const MAX_ALIAS_BYTES = 255;

export interface RoomAlias {
  alias: string;
  localpart: string;
  server: string;
}

/**
 * `#localpart:server` (grammar: room aliases, spec appendices): a localpart without `:` or
 * whitespace, a server name, at most 255 bytes. Anything else is 400 M_INVALID_PARAM.
 */
export function parseRoomAlias(raw: string): RoomAlias {
  const m = /^#([^:\s]+):([A-Za-z0-9.-]+(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?)$/.exec(raw);
  if (!m || Buffer.byteLength(raw, 'utf8') > MAX_ALIAS_BYTES) throw invalidParam('Invalid room alias');
  return { alias: raw, localpart: m[1] ?? '', server: m[2] ?? '' };
}
