import type { FastifyInstance } from 'fastify';
import { changePassword, logout, logoutAll, whoami } from '@courier/server-feature-accounts';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';

/**
 * POST /logout and /logout/all (logout.yaml), GET /account/whoami (whoami.yaml) and
 * POST /account/password (UIA m.login.password). Logout ignores any body, as clients send
 * none or `{}`.
 */
export function sessionsRoute(app: FastifyInstance): void {
  app.post('/logout', async (request) => logout(app.services.accounts, await app.services.authenticate(request)));
  app.post('/logout/all', async (request) => logoutAll(app.services.accounts, await app.services.authenticate(request)));
  app.get('/account/whoami', async (request) => whoami(await app.services.authenticate(request)));
  app.post('/account/password', async (request) => {
    const requester = await app.services.authenticate(request);
    return changePassword(app.services.accounts, requester, jsonObjectBody(request), request.ip);
  });
}
