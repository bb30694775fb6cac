import type { FastifyInstance } from 'fastify';
import { notFound } from '@courier/shared-matrix-errors';
import { claimKeys, queryKeys, uploadKeys } from '@courier/server-feature-accounts';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';

/**
 * End-to-end encryption keys (keys.yaml): POST /keys/upload, /keys/query, /keys/claim.
 * Server-side key backup is not supported: GET /room_keys/version is 404 M_NOT_FOUND, which
 * clients read as "no backup exists".
 */
export function keysRoute(app: FastifyInstance): void {
  app.post('/keys/upload', async (request) => {
    const requester = await app.services.authenticate(request);
    return uploadKeys(app.services.accounts, requester, jsonObjectBody(request));
  });
  app.post('/keys/query', async (request) => {
    await app.services.authenticate(request);
    return queryKeys(app.services.accounts, jsonObjectBody(request));
  });
  app.post('/keys/claim', async (request) => {
    await app.services.authenticate(request);
    return claimKeys(app.services.accounts, jsonObjectBody(request));
  });
  app.get('/room_keys/version', async (request) => {
    await app.services.authenticate(request);
    throw notFound('No current backup version');
  });
}
