export { createGatewayClient, type GatewayClient, type GatewayClientOptions } from './lib/create-gateway-client';
export { gatewayErrcode, gatewayHttpStatus, isGatewayError, toMatrixError, type GatewayError } from './lib/gateway-error';
export { FetchEventSource, type FetchEventSourceInit } from './lib/fetch-event-source';
// The error type toMatrixError returns, the same one the REST client throws.
export { MatrixError, isErrcode, type Errcode, type MatrixErrorBody, type MatrixErrorExtra } from '@courier/shared-matrix-errors';
// Types only, so callers can name inputs and outputs without importing server code.
// eslint-disable-next-line @nx/enforce-module-boundaries -- a type-only re-export: no server code reaches a client
export type { AppRouter, GatewayEvent, RouterInputs, RouterOutputs } from '@courier/server-trpc-gateway';
