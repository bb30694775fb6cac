import type { FastifyInstance } from 'fastify';
import { LOGIN_FLOWS, login } from '@courier/server-feature-accounts';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';

/**
 * GET /login lists the login types; POST /login (login.yaml) logs in with m.login.password.
 * Failed attempts are throttled per user and client IP (LOGIN_FAILURE_POLICY).
 */
export function loginRoute(app: FastifyInstance): void {
  app.get('/login', async () => LOGIN_FLOWS);
  app.post('/login', async (request) => login(app.services.accounts, jsonObjectBody(request), request.ip));
}
