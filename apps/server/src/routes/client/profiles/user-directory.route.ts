import type { FastifyInstance } from 'fastify';
import { searchUserDirectory } from '@courier/server-feature-accounts';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';

/** POST /user_directory/search (users.yaml); rules in searchUserDirectory. */
export function userDirectoryRoute(app: FastifyInstance): void {
  app.post('/user_directory/search', async (request) => {
    const requester = await app.services.authenticate(request);
    return searchUserDirectory(app.services.accounts, requester, jsonObjectBody(request));
  });
}
