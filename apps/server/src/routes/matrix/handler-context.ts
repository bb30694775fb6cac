import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Requester } from '@courier/server-domain';
import type { HandlerGroup, Handlers } from '@courier/server-api-routes';
import type { Services } from '../../services';

/** What every Matrix handler gets besides its typed params, query and body. */
export interface RouteCtx {
  request: FastifyRequest;
  reply: FastifyReply;
  services: Services;
}

/** The app's one handler object: every operationId of spec/, no other key, each returning its 200 body. */
export type MatrixHandlers = Handlers<RouteCtx, Requester>;
/** One file's handlers; `satisfies MatrixHandlerGroup` rejects unknown operationIds and wrong bodies. */
export type MatrixHandlerGroup = HandlerGroup<RouteCtx, Requester>;
/** A group that needs the app (hooks, shared state) when it is built. */
export type MatrixHandlerFactory = (app: FastifyInstance) => MatrixHandlerGroup;

/**
 * For use cases that build their answer as generic JSON (`JsonObject`, `JsonValue` arrays):
 * the type checker cannot see its shape, so this states it, and the runtime check stands in
 * for the compile-time one: every HTTP and e2e test validates each response against the
 * operation's 200 schema (AppDeps.validateResponses). Prefer typing the use case's result.
 */
export const specShaped = <T>(value: unknown): T => value as T;
