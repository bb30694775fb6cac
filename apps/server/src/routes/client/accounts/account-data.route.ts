import { getAccountData, putAccountData } from '@courier/server-feature-accounts';
import type { JsonObject } from '@courier/server-domain';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * GET/PUT /user/{userId}/account_data/{type} and /user/{userId}/rooms/{roomId}/account_data/{type}
 * (account_data.yaml): one's own only; rules in the account-data use cases.
 */
export const accountDataHandlers = {
  getAccountData: async ({ params, requester, ctx }) => getAccountData(ctx.services.accounts, requester, params),
  setAccountData: async ({ params, body, requester, ctx }) => {
    await putAccountData(ctx.services.accounts, requester, params, () => body as JsonObject);
    return {};
  },
  getAccountDataPerRoom: async ({ params, requester, ctx }) => getAccountData(ctx.services.accounts, requester, params),
  setAccountDataPerRoom: async ({ params, body, requester, ctx }) => {
    await putAccountData(ctx.services.accounts, requester, params, () => body as JsonObject);
    return {};
  },
} satisfies MatrixHandlerGroup;
