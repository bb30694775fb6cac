import { changePassword, logout, logoutAll, whoami } from '@courier/server-feature-accounts';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * POST /logout and /logout/all (logout.yaml), GET /account/whoami (whoami.yaml) and
 * POST /account/password (registration.yaml; UIA m.login.password). Logout ignores any body,
 * as clients send none or `{}` (the spec gives it none, so the edge does not read it).
 */
export const sessionsHandlers = {
  logout: async ({ requester, ctx }) => logout(ctx.services.accounts, requester),
  logout_all: async ({ requester, ctx }) => logoutAll(ctx.services.accounts, requester),
  getTokenOwner: async ({ requester }) => whoami(requester),
  changePassword: async ({ body, requester, ctx }) => changePassword(ctx.services.accounts, requester, body, ctx.request.ip),
} satisfies MatrixHandlerGroup;
