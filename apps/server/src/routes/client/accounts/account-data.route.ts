import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getAccountData, putAccountData } from '@courier/server-feature-accounts';
import type { JsonObject } from '@courier/server-domain';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { accountPathParams } from './account-path-params';

/**
 * GET/PUT /user/{userId}/account_data/{type} and /user/{userId}/rooms/{roomId}/account_data/{type}
 * (account-data.yaml): one's own only; rules in the account-data use cases.
 */
export function accountDataRoute(app: FastifyInstance): void {
  const keyOf = (request: FastifyRequest, withRoom: boolean) => {
    if (!withRoom) return accountPathParams(request.params, ['userId', 'type'] as const);
    return accountPathParams(request.params, ['userId', 'roomId', 'type'] as const);
  };
  for (const [path, withRoom] of [
    ['/user/:userId/account_data/:type', false],
    ['/user/:userId/rooms/:roomId/account_data/:type', true],
  ] as const) {
    app.get(path, async (request) => getAccountData(app.services.accounts, await app.services.authenticate(request), keyOf(request, withRoom)));
    app.put(path, async (request) => {
      const requester = await app.services.authenticate(request);
      await putAccountData(app.services.accounts, requester, keyOf(request, withRoom), () => jsonObjectBody(request) as JsonObject);
      return {};
    });
  }
}
