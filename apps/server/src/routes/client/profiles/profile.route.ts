import { getProfile, getProfileField, setProfileField } from '@courier/server-feature-rooms';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * GET /profile/{userId}, GET and PUT /profile/{userId}/displayname and /avatar_url
 * (profile.yaml). Reading a profile needs no token (as Synapse's default); setting one's own
 * does. Rules in feature-rooms' profile use cases.
 */
export const profileHandlers = {
  getUserProfile: async ({ params, ctx }) => getProfile(ctx.services.profiles, params.userId),
  getDisplayname: async ({ params, ctx }) => getProfileField(ctx.services.profiles, params.userId, 'displayname'),
  getAvatarUrl: async ({ params, ctx }) => getProfileField(ctx.services.profiles, params.userId, 'avatar_url'),
  setDisplayname: async ({ params, body, requester, ctx }) =>
    setProfileField(ctx.services.profiles, requester, { userId: params.userId, field: 'displayname', body }),
  setAvatarUrl: async ({ params, body, requester, ctx }) =>
    setProfileField(ctx.services.profiles, requester, { userId: params.userId, field: 'avatar_url', body }),
} satisfies MatrixHandlerGroup;
