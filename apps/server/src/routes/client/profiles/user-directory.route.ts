import { searchUserDirectory } from '@courier/server-feature-accounts';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';

/** POST /user_directory/search (users.yaml); rules in searchUserDirectory. */
export const userDirectoryHandlers = {
  searchUserDirectory: async ({ body, requester, ctx }) => specShaped(await searchUserDirectory(ctx.services.accounts, requester, body)),
} satisfies MatrixHandlerGroup;
