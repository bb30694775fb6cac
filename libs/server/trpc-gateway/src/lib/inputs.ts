import { z } from 'zod';
import { isJsonObject, type JsonObject } from '@courier/server-domain';

/**
 * Shapes only: the use cases hold the real rules (parseRoomId, the send contract), so a value
 * that passes here can still be refused with the same errcode as over REST.
 */
export const roomIdInput = z.string().min(2).max(255).startsWith('!', 'must be a room ID (!opaque:server)');
export const userIdInput = z.string().max(255).regex(/^@[^:\s]+:\S+$/, 'must be a user ID (@localpart:server)');
export const eventIdInput = z.string().min(2).max(255).startsWith('$', 'must be an event ID ($…)');

/**
 * Event content passes through untouched: a zod object or record would rebuild it (dropping
 * `__proto__` keys, reordering nothing but copying everything), and content is opaque (§4).
 */
export const jsonObjectInput = z.custom<JsonObject>((v) => isJsonObject(v), 'must be a JSON object');

/** Keyset-paged listings; `prefault` lets a call with no input at all get the defaults. */
export const listInput = z
  .object({
    search: z.string().min(1).max(200).optional(),
    cursor: z.string().min(1).max(255).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .prefault({});

/** A stream position as the gateway's cursors carry it: a decimal string. */
export const streamCursorInput = z.string().regex(/^\d{1,15}$/, 'must be a cursor returned by an earlier page');
