import { createTRPCRouter } from './trpc';
import { eventsRouter } from './routers/events.router';
import { roomsRouter } from './routers/rooms.router';
import { statsRouter } from './routers/stats.router';
import { tokensRouter } from './routers/tokens.router';
import { usersRouter } from './routers/users.router';

/** The gateway: one namespace per sub-router, procedures named `namespace.verb`. */
export const appRouter = createTRPCRouter({
  events: eventsRouter,
  rooms: roomsRouter,
  users: usersRouter,
  tokens: tokensRouter,
  stats: statsRouter,
});

export type AppRouter = typeof appRouter;
