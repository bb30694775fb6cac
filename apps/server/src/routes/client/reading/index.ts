import type { FastifyInstance } from 'fastify';

/** The read side under /_matrix/client/{v3,r0}: sync, messages, state and members. */
export const readingRoutes: Array<(app: FastifyInstance) => void> = [];
