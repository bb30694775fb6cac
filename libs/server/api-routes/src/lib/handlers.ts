/**
 * The handler types the server implements, derived from the generated `operations` types of
 * @courier/shared-api-types: one handler per operationId, taking the typed path parameters,
 * query and body, and returning the spec's 200 body. A handler object checked with
 * `satisfies Handlers<Ctx, Who>` is a type error when a handler is missing, extra (no such
 * operationId) or returns something the 200 response does not allow.
 */
import type { OperationId, PathParams, QueryParams, RequestBody, SuccessResponse } from '@courier/shared-api-types';
import type { RouteAuth, RouteOperationId } from '../generated/routes.gen';

/** Fails to compile if the route table and api-types disagree on the set of operations. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const ROUTE_IDS_MATCH_API_TYPES: Same<RouteOperationId, OperationId> = true;

type OrEmpty<T> = [T] extends [never] ? Record<string, never> : T;

/**
 * Query parameters as the edge hands them over: the spec's names, values still the strings of
 * the URL (validated against the spec's schemas, not converted), so use cases parse them once.
 */
export type QueryStrings<K extends OperationId> = [keyof QueryParams<K>] extends [never]
  ? Record<string, unknown>
  : { readonly [P in keyof QueryParams<K>]?: string } & Record<string, unknown>;

/** What a handler receives. `requester` is there exactly when the operation requires a token. */
export type HandlerInput<K extends OperationId, Ctx, Who> = {
  /** Path parameters, percent-decoded; those an alias path lacks are "". */
  readonly params: OrEmpty<PathParams<K>>;
  readonly query: QueryStrings<K>;
  /** The validated JSON body; `undefined` for raw-body operations and those that take none. */
  readonly body: [RequestBody<K>] extends [never] ? undefined : RequestBody<K>;
  readonly ctx: Ctx;
} & (RouteAuth[K] extends 'required' ? { readonly requester: Who } : { readonly requester?: undefined });

/** The spec's 200 body for the operation. */
export type HandlerResult<K extends OperationId> = SuccessResponse<K>;

export type Handler<K extends OperationId, Ctx, Who> = (input: HandlerInput<K, Ctx, Who>) => Promise<HandlerResult<K>>;

/** Every operation's handler: what the app's one handler object must satisfy. */
export type Handlers<Ctx, Who> = { [K in OperationId]: Handler<K, Ctx, Who> };

/** Some operations' handlers (one file's worth); an unknown operationId is still an error. */
export type HandlerGroup<Ctx, Who> = Partial<Handlers<Ctx, Who>>;
