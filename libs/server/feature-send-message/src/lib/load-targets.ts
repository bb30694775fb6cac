import { invalidParam, notFound } from '@courier/shared-matrix-errors';
import type { EventStore, JsonObject, StoredEvent } from '@courier/server-domain';
import type { ParsedRelation } from './parse-relation';

/**
 * The event a relation points at (contract §6): it must exist in the same room, and a thread
 * cannot be rooted at an event that itself relates to another. Read before the room lock:
 * events are immutable in everything these checks look at.
 */
export async function loadRelationTarget(events: EventStore, relation: ParsedRelation, roomId: string): Promise<StoredEvent> {
  const target = await events.getEvent(relation.targetEventId);
  if (!target || target.roomId !== roomId) {
    throw invalidParam(`Relation target ${relation.targetEventId.slice(0, 100)} is not an event in this room`);
  }
  if (relation.relType === 'm.thread' && target.relation) {
    throw invalidParam('Cannot start a thread from an event that has a relation');
  }
  return target;
}

/** The event an m.room.redaction names in `content.redacts`; it must be an event of this room. */
export async function loadRedactionTarget(events: EventStore, content: JsonObject, roomId: string): Promise<StoredEvent> {
  const redacts = content['redacts'];
  if (typeof redacts !== 'string' || redacts.length === 0) {
    throw invalidParam('m.room.redaction needs content.redacts: the ID of the event to redact');
  }
  const target = await events.getEvent(redacts);
  if (!target || target.roomId !== roomId) throw notFound('Event to redact not found in this room');
  return target;
}
