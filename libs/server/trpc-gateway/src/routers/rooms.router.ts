import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { CreateRoomRequest } from '@courier/shared-api-types';
import { notFound } from '@courier/shared-matrix-errors';
import { parseRoomId, requireActiveLocalUser, roomMembers, summarizeRoomState } from '@courier/server-domain';
import { createRoom } from '@courier/server-feature-rooms';
import { scopedProcedure } from '../trpc';
import type { GatewayServices } from '../context';
import { listInput, roomIdInput, streamCursorInput, userIdInput } from '../lib/inputs';
import { readTimeline } from '../lib/timeline';

async function requireRoom(services: GatewayServices, roomId: string) {
  const room = await services.admin.getRoom(parseRoomId(roomId));
  if (!room) throw notFound('No such room');
  return room;
}

export const roomsRouter = {
  /** rooms.list: every room on the server with its name, version, joined members and last activity. */
  list: scopedProcedure('rooms:read')
    .input(listInput)
    .query(({ ctx, input }) => ctx.services.admin.listRooms(input)),

  /** rooms.get: the room's row, a summary of its current state, and its power levels. */
  get: scopedProcedure('rooms:read')
    .input(z.object({ roomId: roomIdInput }))
    .query(async ({ ctx, input }) => {
      const room = await requireRoom(ctx.services, input.roomId);
      return { ...room, state: summarizeRoomState(await ctx.services.reader.currentState(room.roomId)) };
    }),

  /** rooms.members: the room's m.room.member state, every membership (join, invite, leave, ban). */
  members: scopedProcedure('rooms:read')
    .input(z.object({ roomId: roomIdInput }))
    .query(async ({ ctx, input }) => {
      const room = await requireRoom(ctx.services, input.roomId);
      return { members: roomMembers(await ctx.services.reader.currentState(room.roomId)) };
    }),

  /** rooms.timeline: the room's events by stream position; pass `end` back as `from` for the next page. */
  timeline: scopedProcedure('rooms:read')
    .input(
      z.object({
        roomId: roomIdInput,
        from: streamCursorInput.optional(),
        dir: z.enum(['b', 'f']).default('b'),
        limit: z.number().int().min(1).max(1000).default(50),
      }),
    )
    .query(({ ctx, input }) => readTimeline(ctx.services, input)),

  /**
   * rooms.create: POST /createRoom's use case (presets, initial state, invites) on behalf of a
   * local user, who becomes the creator and first member.
   */
  create: scopedProcedure('rooms:write')
    .input(
      z.object({
        creatorUserId: userIdInput,
        name: z.string().max(255).optional(),
        topic: z.string().max(1024).optional(),
        preset: z.enum(['private_chat', 'public_chat', 'trusted_private_chat']).optional(),
        visibility: z.enum(['public', 'private']).optional(),
        roomVersion: z.string().min(1).max(32).optional(),
        invite: z.array(userIdInput).max(100).optional(),
        isDirect: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { creatorUserId, roomVersion, isDirect, ...rest } = input;
      await requireActiveLocalUser(ctx.services.accounts, ctx.services.serverName, creatorUserId);
      // The Matrix request body: camelCase in the gateway, the spec's snake_case for the use case.
      // `satisfies`: the body is POST /createRoom's as spec/ types it (one contract for both doors).
      const body = {
        ...rest,
        ...(roomVersion !== undefined ? { room_version: roomVersion } : {}),
        ...(isDirect !== undefined ? { is_direct: isDirect } : {}),
      } satisfies CreateRoomRequest;
      return createRoom(ctx.services.rooms, creatorUserId, body);
    }),
} satisfies TRPCRouterRecord;
