import type { FastifyInstance } from 'fastify';

/** Account and client-plumbing routes under /_matrix/client/{v3,r0}. */
export const accountRoutes: Array<(app: FastifyInstance) => void> = [];

/** Routes outside the client prefix (/.well-known, /_synapse/admin, …). */
export const accountRootRoutes: Array<(app: FastifyInstance) => void> = [];
