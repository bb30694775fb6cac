import { register, usernameAvailable } from '@courier/server-feature-accounts';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * POST /register (registration.yaml, UIA m.login.dummy; rules in the register use case) and
 * GET /register/available?username=. Neither needs an access token.
 */
export const registerHandlers = {
  register: async ({ query, body, ctx }) => register(ctx.services.accounts, { kind: query.kind, body }),
  checkUsernameAvailability: async ({ query, ctx }) => usernameAvailable(ctx.services.accounts, query.username),
} satisfies MatrixHandlerGroup;
