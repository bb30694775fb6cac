import { notFound } from '@courier/shared-matrix-errors';
import { claimKeys, queryKeys, uploadKeys } from '@courier/server-feature-accounts';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * End-to-end encryption keys (keys.yaml): POST /keys/upload, /keys/query, /keys/claim.
 * Server-side key backup is not supported: GET /room_keys/version is 404 M_NOT_FOUND, which
 * clients read as "no backup exists".
 */
export const keysHandlers = {
  uploadKeys: async ({ body, requester, ctx }) => uploadKeys(ctx.services.accounts, requester, body),
  queryKeys: async ({ body, ctx }) => specShaped(await queryKeys(ctx.services.accounts, body)),
  claimKeys: async ({ body, ctx }) => specShaped(await claimKeys(ctx.services.accounts, body)),
  getRoomKeysVersionCurrent: async () => {
    throw notFound('No current backup version');
  },
} satisfies MatrixHandlerGroup;
