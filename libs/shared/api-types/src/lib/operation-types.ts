/**
 * Hand-written helpers over the generated types: name an operation by its operationId and get
 * its request body, success body or parameters without spelling out the nested lookups.
 */
import type { components, operations } from '../generated/index.gen';

export type OperationId = keyof operations;

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON request body of an operation (`never` when it takes none). */
export type RequestBody<Op extends OperationId> = operations[Op] extends { requestBody?: infer R }
  ? JsonOf<NonNullable<R>>
  : never;

/** The JSON body of an operation's 200 response. */
export type SuccessResponse<Op extends OperationId> = operations[Op]['responses'] extends { 200: infer R }
  ? JsonOf<R>
  : never;

export type PathParams<Op extends OperationId> = operations[Op]['parameters'] extends { path: infer P } ? P : never;
export type QueryParams<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>;

/** The Matrix standard error body `{ errcode, error, ... }` as the spec declares it. */
export type ErrorResponse = components['schemas']['error'];

export type SendMessageParams = PathParams<'sendMessage'>;
export type SendMessageRequest = RequestBody<'sendMessage'>;
export type SendMessageResponse = SuccessResponse<'sendMessage'>;

export type ClientEvent = components['schemas']['client_event'];
export type ClientEventWithoutRoomId = components['schemas']['client_event_without_room_id'];
export type VersionsResponse = SuccessResponse<'getVersions'>;
export type LoginRequest = RequestBody<'login'>;
export type LoginResponse = SuccessResponse<'login'>;
export type RegisterRequest = RequestBody<'register'>;
export type RegisterResponse = SuccessResponse<'register'>;
export type WhoamiResponse = SuccessResponse<'getTokenOwner'>;
export type CreateRoomRequest = RequestBody<'createRoom'>;
export type CreateRoomResponse = SuccessResponse<'createRoom'>;
export type SyncQuery = QueryParams<'sync'>;
export type SyncResponse = SuccessResponse<'sync'>;
export type MessagesResponse = SuccessResponse<'getRoomEvents'>;
