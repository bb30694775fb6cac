import type { FastifyInstance } from 'fastify';
import { getProfile, getProfileField, setProfileField, type ProfileField } from '@courier/server-feature-rooms';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { accountPathParams } from '../accounts/account-path-params';

/**
 * GET /profile/{userId}, GET and PUT /profile/{userId}/displayname and /avatar_url
 * (profile.yaml). Reading a profile needs no token (as Synapse's default); setting one's own
 * does. Rules in feature-rooms' profile use cases.
 */
export function profileRoute(app: FastifyInstance): void {
  app.get('/profile/:userId', async (request) => getProfile(app.services.profiles, accountPathParams(request.params, ['userId'] as const).userId));
  for (const field of ['displayname', 'avatar_url'] as const satisfies readonly ProfileField[]) {
    app.get(`/profile/:userId/${field}`, async (request) =>
      getProfileField(app.services.profiles, accountPathParams(request.params, ['userId'] as const).userId, field),
    );
    app.put(`/profile/:userId/${field}`, async (request) => {
      const requester = await app.services.authenticate(request);
      const { userId } = accountPathParams(request.params, ['userId'] as const);
      return setProfileField(app.services.profiles, requester, { userId, field, body: jsonObjectBody(request) });
    });
  }
}
