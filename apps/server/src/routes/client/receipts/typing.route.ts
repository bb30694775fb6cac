import { setTyping } from '@courier/server-feature-sync';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/** PUT /rooms/{roomId}/typing/{userId} (typing.yaml); rules in setTyping. */
export const typingHandlers = {
  setTyping: async ({ params, body, requester, ctx }) => {
    await setTyping(ctx.services.typing, requester.userId, params, body as Record<string, unknown>);
    return {};
  },
} satisfies MatrixHandlerGroup;
