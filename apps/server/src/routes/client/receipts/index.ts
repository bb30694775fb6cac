import type { FastifyInstance } from 'fastify';
import { readMarkersRoute } from './read-markers.route';
import { receiptRoute } from './receipt.route';
import { typingRoute } from './typing.route';

/** Receipts, read markers and typing under /_matrix/client/{v3,r0}. */
export const receiptRoutes: Array<(app: FastifyInstance) => void> = [receiptRoute, readMarkersRoute, typingRoute];
