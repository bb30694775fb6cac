import { badJson } from '@courier/shared-matrix-errors';
import { isJsonObject, parseRoomId, parseStrictJson, type Requester } from '@courier/server-domain';
import { setRoomState } from '@courier/server-feature-rooms';
import { validateEventType } from '@courier/server-feature-send-message';
import { rawBody } from '../../plugins/raw-body.plugin';
import type { MatrixHandlerGroup, RouteCtx } from '../matrix/handler-context';

/**
 * PUT /rooms/{roomId}/state/{eventType}/{stateKey} (room_state.yaml), also with an empty state
 * key as `/state/{eventType}` and `/state/{eventType}/`. State content is event content, so it
 * is read with the same canonical-JSON rules as /send (x-courier-raw-body); the room
 * version's auth rules decide.
 */
async function putState(ctx: RouteCtx, requester: Requester, p: { roomId: string; eventType: string; stateKey: string }) {
  validateEventType(p.eventType);
  const content = parseStrictJson(rawBody(ctx.request));
  if (!isJsonObject(content)) throw badJson('Content must be a JSON object');
  const { eventId } = await setRoomState(ctx.services.rooms, {
    roomId: parseRoomId(p.roomId),
    sender: requester.userId,
    type: p.eventType,
    stateKey: p.stateKey,
    content,
  });
  return { event_id: eventId };
}

export const roomsStatePutHandlers = {
  setRoomStateWithKey: async ({ params, requester, ctx }) => putState(ctx, requester, params),
  setRoomStateEmptyKey: async ({ params, requester, ctx }) => putState(ctx, requester, { ...params, stateKey: '' }),
} satisfies MatrixHandlerGroup;
