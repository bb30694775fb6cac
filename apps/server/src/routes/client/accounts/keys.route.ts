import type { FastifyInstance } from 'fastify';
import { claimKeys, queryKeys, uploadKeys } from '@courier/server-feature-accounts';
import { keysChanges, type QueryParams } from '@courier/server-feature-sync';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';

/** POST /keys/upload (keys.yaml): identity, one-time and fallback keys of the requester's device. */
function uploadKeysRoute(app: FastifyInstance): void {
  app.post('/keys/upload', async (request) => {
    const requester = await app.services.authenticate(request);
    return uploadKeys(app.services.accounts, requester, jsonObjectBody(request));
  });
}

/** POST /keys/query: device keys, cross-signing keys and their signatures. */
function queryKeysRoute(app: FastifyInstance): void {
  app.post('/keys/query', async (request) => {
    const requester = await app.services.authenticate(request);
    return queryKeys(app.services.accounts, requester, jsonObjectBody(request));
  });
}

/** POST /keys/claim: one one-time (else fallback) key per requested device. */
function claimKeysRoute(app: FastifyInstance): void {
  app.post('/keys/claim', async (request) => {
    await app.services.authenticate(request);
    return claimKeys(app.services.accounts, jsonObjectBody(request));
  });
}

/** GET /keys/changes?from&to: the device_lists between two sync tokens. */
function keysChangesRoute(app: FastifyInstance): void {
  app.get('/keys/changes', async (request) => {
    const requester = await app.services.authenticate(request);
    return keysChanges(app.services.reading, { userId: requester.userId, deviceId: requester.deviceId }, request.query as QueryParams);
  });
}

/** End-to-end encryption keys (keys.yaml). */
export function keysRoute(app: FastifyInstance): void {
  uploadKeysRoute(app);
  queryKeysRoute(app);
  claimKeysRoute(app);
  keysChangesRoute(app);
}
