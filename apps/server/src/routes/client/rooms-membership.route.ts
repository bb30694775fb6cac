import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidParam, missingParam, notFound } from '@courier/shared-matrix-errors';
import { isValidUserId, parseRoomId } from '@courier/server-domain';
import { changeMembership, type MembershipAction } from '@courier/server-feature-rooms';
import { forgetRoom } from '@courier/server-feature-sync';
import { jsonObjectBody } from '../../plugins/raw-body.plugin';
import { pathParams } from './path-params';

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParam(`${key} must be a string`);
  return v;
}

/**
 * POST /join/{roomIdOrAlias}, /rooms/{roomId}/join, /invite, /leave, /kick, /ban, /unban, /forget
 * (membership.yaml, joining.yaml): one membership event each, the auth rules decide.
 */
export function roomsMembershipRoute(app: FastifyInstance): void {
  const join = async (request: FastifyRequest, rawRoom: string) => {
    const requester = await app.services.authenticate(request);
    // Courier keeps no room directory yet, so no alias resolves (spec: unknown alias → 404).
    if (rawRoom.startsWith('#')) throw notFound(`Room alias ${rawRoom.slice(0, 100)} not found`);
    const roomId = parseRoomId(rawRoom);
    const body = jsonObjectBody(request, { allowEmpty: true });
    const profile = await app.services.profiles.profiles.getProfile(requester.userId);
    await changeMembership(app.services.rooms, {
      roomId,
      sender: requester.userId,
      target: requester.userId,
      action: 'join',
      reason: optionalString(body, 'reason'),
      displayname: profile?.displayname ?? null,
      avatarUrl: profile?.avatarUrl ?? null,
    });
    return { room_id: roomId };
  };
  app.post('/join/:roomIdOrAlias', async (request) => join(request, pathParams(request.params, ['roomIdOrAlias'] as const).roomIdOrAlias));
  app.post('/rooms/:roomId/join', async (request) => join(request, pathParams(request.params, ['roomId'] as const).roomId));

  const actions: Array<[string, MembershipAction, boolean]> = [
    ['leave', 'leave', false],
    ['invite', 'invite', true],
    ['kick', 'kick', true],
    ['ban', 'ban', true],
    ['unban', 'unban', true],
  ];
  for (const [path, action, needsTarget] of actions) {
    app.post(`/rooms/:roomId/${path}`, async (request) => {
      const requester = await app.services.authenticate(request);
      const roomId = parseRoomId(pathParams(request.params, ['roomId'] as const).roomId);
      const body = jsonObjectBody(request, { allowEmpty: !needsTarget });
      const target = needsTarget ? optionalString(body, 'user_id') : requester.userId;
      if (!target) throw missingParam('user_id is required');
      if (!isValidUserId(target)) throw invalidParam('user_id is not a valid user ID');
      await changeMembership(app.services.rooms, { roomId, sender: requester.userId, target, action, reason: optionalString(body, 'reason') });
      return {};
    });
  }
  app.post('/rooms/:roomId/forget', async (request) => {
    const requester = await app.services.authenticate(request);
    return forgetRoom(app.services.reading, { userId: requester.userId, deviceId: requester.deviceId }, pathParams(request.params, ['roomId'] as const).roomId);
  });
}
