import type { FastifyInstance } from 'fastify';
import { getPresence, setPresence } from '@courier/server-feature-sync';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { accountPathParams } from '../accounts/account-path-params';
import { viewerOf } from '../reading/viewer';

/** GET and PUT /presence/{userId}/status (presence.yaml); rules in feature-sync's presence. */
export function presenceRoute(app: FastifyInstance): void {
  app.get('/presence/:userId/status', async (request) => {
    const requester = await app.services.authenticate(request);
    return getPresence(app.services.reading, viewerOf(requester), accountPathParams(request.params, ['userId'] as const).userId);
  });
  app.put('/presence/:userId/status', async (request) => {
    const requester = await app.services.authenticate(request);
    const { userId } = accountPathParams(request.params, ['userId'] as const);
    return setPresence(app.services.reading, viewerOf(requester), userId, jsonObjectBody(request));
  });
}
