import { invalidParam, missingParam, notFound } from '@courier/shared-matrix-errors';
import { isValidUserId, parseRoomId, type Requester } from '@courier/server-domain';
import { changeMembership, type MembershipAction } from '@courier/server-feature-rooms';
import type { MatrixHandlerGroup, RouteCtx } from '../matrix/handler-context';

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParam(`${key} must be a string`);
  return v;
}

async function join(ctx: RouteCtx, requester: Requester, rawRoom: string, body: Record<string, unknown>) {
  // Courier keeps no room directory yet, so no alias resolves (spec: unknown alias → 404).
  if (rawRoom.startsWith('#')) throw notFound(`Room alias ${rawRoom.slice(0, 100)} not found`);
  const roomId = parseRoomId(rawRoom);
  const user = await ctx.services.deps.data.accounts.getUser(requester.userId);
  await changeMembership(ctx.services.rooms, {
    roomId,
    sender: requester.userId,
    target: requester.userId,
    action: 'join',
    reason: optionalString(body, 'reason'),
    displayname: user?.displayname ?? null,
  });
  return { room_id: roomId };
}

/** leave/invite/kick/ban/unban: one membership event; `forget` is accepted and changes nothing. */
async function member(ctx: RouteCtx, requester: Requester, rawRoom: string, body: Record<string, unknown>, action: MembershipAction | 'forget') {
  const roomId = parseRoomId(rawRoom);
  const needsTarget = action !== 'leave' && action !== 'forget';
  const target = needsTarget ? optionalString(body, 'user_id') : requester.userId;
  if (!target) throw missingParam('user_id is required');
  if (!isValidUserId(target)) throw invalidParam('user_id is not a valid user ID');
  if (action === 'forget') return {};
  await changeMembership(ctx.services.rooms, { roomId, sender: requester.userId, target, action, reason: optionalString(body, 'reason') });
  return {};
}

/**
 * POST /join/{roomIdOrAlias}, /rooms/{roomId}/join, /invite, /leave, /forget, /kick, /ban,
 * /unban (membership.yaml, joining.yaml): one membership event each, the auth rules decide.
 */
export const roomsMembershipHandlers = {
  joinRoom: async ({ params, body, requester, ctx }) => join(ctx, requester, params.roomIdOrAlias, body),
  joinRoomById: async ({ params, body, requester, ctx }) => join(ctx, requester, params.roomId, body),
  leaveRoom: async ({ params, body, requester, ctx }) => member(ctx, requester, params.roomId, body, 'leave'),
  forgetRoom: async ({ params, body, requester, ctx }) => member(ctx, requester, params.roomId, body, 'forget'),
  inviteUser: async ({ params, body, requester, ctx }) => member(ctx, requester, params.roomId, body, 'invite'),
  kick: async ({ params, body, requester, ctx }) => member(ctx, requester, params.roomId, body, 'kick'),
  ban: async ({ params, body, requester, ctx }) => member(ctx, requester, params.roomId, body, 'ban'),
  unban: async ({ params, body, requester, ctx }) => member(ctx, requester, params.roomId, body, 'unban'),
} satisfies MatrixHandlerGroup;
