export * from './lib/create-courier-client';
export * from './lib/to-matrix-error';
export * from './lib/network-error';
export * from './lib/retry';
export * from './lib/encode-path';
export * from './generated/operations.gen';
// The error type the client throws, so callers can test `err instanceof MatrixError`.
export { MatrixError, isErrcode, type Errcode, type MatrixErrorBody, type MatrixErrorExtra } from '@courier/shared-matrix-errors';
// The spec's types (`paths`, request and response bodies), so callers can name what they send and get.
export type * from '@courier/shared-api-types';
