import type { FastifyInstance } from 'fastify';

/**
 * What clients ask for at start-up that Courier has no use for yet, answered as empty instead
 * of 404: GET /account/3pid (no third-party IDs are kept), GET /thirdparty/protocols (no
 * bridges: third_party_lookup.yaml) and GET /voip/turnServer (no TURN server configured: `{}`,
 * as Synapse without turn_uris). Each needs a valid access token, as the spec says.
 */
export function smallThingsRoute(app: FastifyInstance): void {
  app.get('/account/3pid', async (request) => {
    await app.services.authenticate(request);
    return { threepids: [] };
  });
  app.get('/thirdparty/protocols', async (request) => {
    await app.services.authenticate(request);
    return {};
  });
  app.get('/voip/turnServer', async (request) => {
    await app.services.authenticate(request);
    return {};
  });
}
