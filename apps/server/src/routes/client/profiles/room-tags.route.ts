import type { FastifyInstance } from 'fastify';
import { deleteRoomTag, getRoomTags, putRoomTag } from '@courier/server-feature-accounts';
import type { JsonObject } from '@courier/server-domain';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { accountPathParams } from '../accounts/account-path-params';

/** GET /user/{userId}/rooms/{roomId}/tags, PUT and DELETE …/tags/{tag} (tags.yaml): the room's m.tag account data. */
export function roomTagsRoute(app: FastifyInstance): void {
  const base = '/user/:userId/rooms/:roomId/tags';
  app.get(base, async (request) =>
    getRoomTags(app.services.accounts, await app.services.authenticate(request), accountPathParams(request.params, ['userId', 'roomId'] as const)),
  );
  app.put(`${base}/:tag`, async (request) => {
    const requester = await app.services.authenticate(request);
    const key = accountPathParams(request.params, ['userId', 'roomId', 'tag'] as const);
    return putRoomTag(app.services.accounts, requester, key, () => jsonObjectBody(request) as JsonObject);
  });
  app.delete(`${base}/:tag`, async (request) => {
    const requester = await app.services.authenticate(request);
    return deleteRoomTag(app.services.accounts, requester, accountPathParams(request.params, ['userId', 'roomId', 'tag'] as const));
  });
}
