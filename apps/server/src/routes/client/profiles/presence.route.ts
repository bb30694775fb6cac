import { getPresence, setPresence } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';
import { viewerOf } from '../reading/viewer';

/** GET and PUT /presence/{userId}/status (presence.yaml); rules in feature-sync's presence. */
export const presenceHandlers = {
  getPresence: async ({ params, requester, ctx }) => specShaped(await getPresence(ctx.services.reading, viewerOf(requester), params.userId)),
  setPresence: async ({ params, body, requester, ctx }) => setPresence(ctx.services.reading, viewerOf(requester), params.userId, body),
} satisfies MatrixHandlerGroup;
