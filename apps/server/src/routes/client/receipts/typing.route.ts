import type { FastifyInstance } from 'fastify';
import { setTyping } from '@courier/server-feature-sync';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { pathParams } from '../path-params';

/** PUT /rooms/{roomId}/typing/{userId} (typing.yaml, setTyping); rules in setTyping. */
export function typingRoute(app: FastifyInstance): void {
  app.put('/rooms/:roomId/typing/:userId', async (request) => {
    const requester = await app.services.authenticate(request);
    const params = pathParams(request.params, ['roomId', 'userId'] as const);
    await setTyping(app.services.typing, requester.userId, params, jsonObjectBody(request));
    return {};
  });
}
