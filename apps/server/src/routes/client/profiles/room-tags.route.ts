import { deleteRoomTag, getRoomTags, putRoomTag } from '@courier/server-feature-accounts';
import type { JsonObject } from '@courier/server-domain';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';

/** GET /user/{userId}/rooms/{roomId}/tags, PUT and DELETE …/tags/{tag} (tags.yaml): the room's m.tag account data. */
export const roomTagsHandlers = {
  getRoomTags: async ({ params, requester, ctx }) => specShaped(await getRoomTags(ctx.services.accounts, requester, params)),
  setRoomTag: async ({ params, body, requester, ctx }) => putRoomTag(ctx.services.accounts, requester, params, () => body as JsonObject),
  deleteRoomTag: async ({ params, requester, ctx }) => deleteRoomTag(ctx.services.accounts, requester, params),
} satisfies MatrixHandlerGroup;
