import type { FastifyInstance } from 'fastify';
import { register, usernameAvailable } from '@courier/server-feature-accounts';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { queryParam } from './query-param';

/**
 * POST /register (registration.yaml, UIA m.login.dummy; rules in the register use case) and
 * GET /register/available?username=. Neither needs an access token.
 */
export function registerRoute(app: FastifyInstance): void {
  app.post('/register', async (request) =>
    register(app.services.accounts, { kind: queryParam(request, 'kind'), body: jsonObjectBody(request, { allowEmpty: true }) }),
  );
  app.get('/register/available', async (request) => usernameAvailable(app.services.accounts, queryParam(request, 'username')));
}
