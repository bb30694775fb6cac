import { LOGIN_FLOWS, login } from '@courier/server-feature-accounts';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * GET /login lists the login types; POST /login (login.yaml) logs in with m.login.password.
 * Failed attempts are throttled per user and client IP (LOGIN_FAILURE_POLICY).
 */
export const loginHandlers = {
  getLoginFlows: async () => LOGIN_FLOWS,
  login: async ({ body, ctx }) => login(ctx.services.accounts, body, ctx.request.ip),
} satisfies MatrixHandlerGroup;
