import { TRPCClientError } from '@trpc/client';
// eslint-disable-next-line @nx/enforce-module-boundaries -- a type-only import of AppRouter, the one thing clients need
import type { AppRouter } from '@courier/server-trpc-gateway';
import { MatrixError, isErrcode, type Errcode } from '@courier/shared-matrix-errors';

/** An error from the gateway: its `data` carries `errcode`, `httpStatus` and the tRPC `code`. */
export type GatewayError = TRPCClientError<AppRouter>;

export function isGatewayError(err: unknown): err is GatewayError {
  return err instanceof TRPCClientError;
}

/** The Matrix errcode of a gateway error (M_FORBIDDEN, M_UNKNOWN_TOKEN…), if the server sent one. */
export function gatewayErrcode(err: unknown): Errcode | undefined {
  const errcode = isGatewayError(err) ? err.data?.errcode : undefined;
  return isErrcode(errcode) ? errcode : undefined;
}

/** The HTTP status the server answered with, if the error came from the server. */
export function gatewayHttpStatus(err: unknown): number | undefined {
  return isGatewayError(err) ? err.data?.httpStatus : undefined;
}

/**
 * The gateway error as the MatrixError REST clients get (same errcode, status, message and
 * extras such as retry_after_ms), or undefined for an error that never reached the server.
 */
export function toMatrixError(err: unknown): MatrixError | undefined {
  if (!isGatewayError(err) || !err.data) return undefined;
  const { errcode, httpStatus, code: _code, path: _path, ...extra } = err.data;
  if (!isErrcode(errcode)) return undefined;
  return new MatrixError(errcode, err.message, { status: httpStatus, extra });
}
