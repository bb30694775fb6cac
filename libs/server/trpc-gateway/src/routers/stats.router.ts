import type { TRPCRouterRecord } from '@trpc/server';
import { scopedProcedure } from '../trpc';

export const statsRouter = {
  /** stats.overview: users, rooms, events, and events with origin_server_ts in the last minute. */
  overview: scopedProcedure('stats:read').query(async ({ ctx }) => {
    const stats = await ctx.services.admin.stats(ctx.services.now() - 60_000);
    return { users: stats.users, rooms: stats.rooms, events: stats.events, eventsLastMinute: stats.eventsSince };
  }),
} satisfies TRPCRouterRecord;
