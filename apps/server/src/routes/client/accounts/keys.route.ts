import { claimKeys, queryKeys, uploadKeys } from '@courier/server-feature-accounts';
import { keysChanges } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * End-to-end encryption keys (keys.yaml): POST /keys/upload, /keys/query (device and
 * cross-signing keys with their signatures), /keys/claim (one-time, else fallback keys) and
 * GET /keys/changes (the device_lists between two sync tokens).
 */
export const keysHandlers = {
  uploadKeys: async ({ body, requester, ctx }) => uploadKeys(ctx.services.accounts, requester, body),
  queryKeys: async ({ body, requester, ctx }) => specShaped(await queryKeys(ctx.services.accounts, requester, body)),
  claimKeys: async ({ body, ctx }) => specShaped(await claimKeys(ctx.services.accounts, body)),
  getKeysChanges: async ({ query, requester, ctx }) =>
    specShaped(await keysChanges(ctx.services.reading, { userId: requester.userId, deviceId: requester.deviceId }, query)),
} satisfies MatrixHandlerGroup;
