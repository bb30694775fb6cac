import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badJson } from '@courier/shared-matrix-errors';
import { isJsonObject, parseRoomId, parseStrictJson } from '@courier/server-domain';
import { setRoomState } from '@courier/server-feature-rooms';
import { MAX_PDU_BYTES, validateEventType } from '@courier/server-feature-send-message';
import { rawBody } from '../../plugins/raw-body.plugin';
import { pathParams } from './path-params';

/**
 * PUT /rooms/{roomId}/state/{eventType}/{stateKey} (room_state.yaml), also with an empty state
 * key as `/state/{eventType}` and `/state/{eventType}/`. State content is event content, so it
 * is read with the same canonical-JSON rules as /send; the room version's auth rules decide.
 */
export function roomsStatePutRoute(app: FastifyInstance): void {
  const handler = async (request: FastifyRequest) => {
    const requester = await app.services.authenticate(request);
    const params = (request.params ?? {}) as Record<string, unknown>;
    const { roomId, eventType } = pathParams(params, ['roomId', 'eventType'] as const);
    const stateKey = typeof params['stateKey'] === 'string' ? params['stateKey'] : '';
    validateEventType(eventType);
    const content = parseStrictJson(rawBody(request));
    if (!isJsonObject(content)) throw badJson('Content must be a JSON object');
    const { eventId } = await setRoomState(app.services.rooms, {
      roomId: parseRoomId(roomId),
      sender: requester.userId,
      type: eventType,
      stateKey,
      content,
    });
    return { event_id: eventId };
  };
  const opts = { bodyLimit: MAX_PDU_BYTES };
  app.put('/rooms/:roomId/state/:eventType', opts, handler);
  app.put('/rooms/:roomId/state/:eventType/', opts, handler);
  app.put('/rooms/:roomId/state/:eventType/:stateKey', opts, handler);
}
