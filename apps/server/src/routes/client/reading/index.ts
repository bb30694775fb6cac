import type { FastifyInstance } from 'fastify';
import { contextRoute } from './context.route';
import { filterRoute } from './filter.route';
import { membersRoute } from './members.route';
import { messagesRoute } from './messages.route';
import { roomEventRoute } from './room-event.route';
import { relationsRoute, threadsRoute } from './relations.route';
import { roomStateGetRoute } from './room-state-get.route';
import { searchRoute } from './search.route';
import { syncRoute } from './sync.route';

/** The read side under /_matrix/client/{v3,r0}: sync, messages, state and members. */
export const readingRoutes: Array<(app: FastifyInstance) => void> = [
  syncRoute,
  messagesRoute,
  roomEventRoute,
  roomStateGetRoute,
  membersRoute,
  filterRoute,
  contextRoute,
  searchRoute,
];

/** The read side under /_matrix/client/v1: relations and threads. */
export const readingV1Routes: Array<(app: FastifyInstance) => void> = [relationsRoute, threadsRoute];
