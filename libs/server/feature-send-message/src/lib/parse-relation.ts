import { invalidParam } from '@courier/shared-matrix-errors';
import { isJsonObject, type JsonObject } from '@courier/server-domain';
import { MAX_ANNOTATION_KEY_BYTES } from './send-rules';

export interface ParsedRelation {
  relType: string;
  targetEventId: string;
  /** Present for m.annotation. */
  key?: string;
}

/**
 * The relation an event's content declares (`m.relates_to` with `rel_type` and `event_id`),
 * or undefined. Content is otherwise opaque: a `m.relates_to` without `rel_type` (such as a
 * bare reply's `m.in_reply_to`) is no relation to check. An annotation needs a string key of
 * at most 500 bytes (contract §6).
 */
export function parseRelation(content: JsonObject): ParsedRelation | undefined {
  const rel = content['m.relates_to'];
  if (!isJsonObject(rel)) return undefined;
  const relType = rel['rel_type'];
  if (relType === undefined) return undefined;
  if (typeof relType !== 'string') throw invalidParam('m.relates_to.rel_type must be a string');
  const target = rel['event_id'];
  if (typeof target !== 'string' || target.length === 0 || target.includes('\u0000')) {
    throw invalidParam('m.relates_to.event_id must be an event ID');
  }
  if (relType !== 'm.annotation') return { relType, targetEventId: target };
  const key = rel['key'];
  if (typeof key !== 'string') throw invalidParam('An m.annotation relation needs a string key');
  // NUL cannot be stored in a PostgreSQL text column, so no key may carry it, on any database.
  if (key.includes('\u0000')) throw invalidParam('Annotation key must not contain NUL');
  if (Buffer.byteLength(key, 'utf8') > MAX_ANNOTATION_KEY_BYTES) {
    throw invalidParam(`Annotation key is longer than ${MAX_ANNOTATION_KEY_BYTES} bytes`);
  }
  return { relType, targetEventId: target, key };
}
