import { TRPCError } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { MatrixError, type Errcode } from '@courier/shared-matrix-errors';

/** The tRPC code of a Matrix error's HTTP status (STYLE.md §2.4), so tRPC clients can branch on it. */
export function trpcCodeForStatus(status: number): TRPC_ERROR_CODE_KEY {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_SUPPORTED';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 400 && status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
  }
}

/** A MatrixError as the TRPCError the base middleware throws; the MatrixError stays its cause. */
export function toTRPCError(err: MatrixError): TRPCError {
  return new TRPCError({ code: trpcCodeForStatus(err.status), message: err.message, cause: err });
}

/** What the errorFormatter puts into an error: the Matrix view of any failure. */
export interface GatewayErrorInfo {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  errcode: Errcode;
  message: string;
  /** Extra Matrix fields (retry_after_ms, soft_logout). */
  extra: Record<string, unknown>;
}

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };

function schemaIssues(cause: unknown): Issue[] | undefined {
  const issues = (cause as { issues?: unknown } | null | undefined)?.issues;
  return Array.isArray(issues) ? (issues as Issue[]) : undefined;
}

/** "roomId: Invalid room ID" for the first issue: enough to fix the call, no schema dump. */
function describeIssues(issues: Issue[]): string {
  const first = issues[0];
  if (!first) return 'Invalid input';
  const path = (first.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
  return path ? `${path}: ${first.message}` : first.message;
}

const TRPC_ONLY: Partial<Record<TRPC_ERROR_CODE_KEY, [number, Errcode]>> = {
  NOT_FOUND: [404, 'M_UNRECOGNIZED'],
  METHOD_NOT_SUPPORTED: [405, 'M_UNRECOGNIZED'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'M_UNRECOGNIZED'],
  PAYLOAD_TOO_LARGE: [413, 'M_TOO_LARGE'],
  UNAUTHORIZED: [401, 'M_MISSING_TOKEN'],
  FORBIDDEN: [403, 'M_FORBIDDEN'],
  TOO_MANY_REQUESTS: [429, 'M_LIMIT_EXCEEDED'],
};

/**
 * The one mapping from a failure to what callers see. A MatrixError keeps its errcode, status
 * and message; an input that fails its schema is 400 M_BAD_JSON in a mutation's body and
 * M_INVALID_PARAM in a query's URL (as REST); tRPC's own errors (bad JSON, unknown procedure)
 * get the REST errcode of the same failure. Anything else is a 500 M_UNKNOWN whose text is
 * never the cause's (it may name tables or hosts).
 */
export function describeError(error: TRPCError, type: string): GatewayErrorInfo {
  const cause = error.cause;
  if (cause instanceof MatrixError) {
    const { errcode: _e, error: _m, ...extra } = cause.toBody();
    return { code: trpcCodeForStatus(cause.status), httpStatus: cause.status, errcode: cause.errcode, message: cause.message, extra };
  }
  // A body that is not JSON at all: REST's M_NOT_JSON (tRPC reports it as BAD_REQUEST).
  if (error.code === 'PARSE_ERROR' || (error.code === 'BAD_REQUEST' && cause instanceof SyntaxError)) {
    return { code: 'BAD_REQUEST', httpStatus: 400, errcode: 'M_NOT_JSON', message: 'Request body is not valid JSON', extra: {} };
  }
  const issues = schemaIssues(cause);
  if (error.code === 'BAD_REQUEST') {
    const errcode = type === 'mutation' ? 'M_BAD_JSON' : 'M_INVALID_PARAM';
    return { code: 'BAD_REQUEST', httpStatus: 400, errcode, message: issues ? describeIssues(issues) : error.message, extra: {} };
  }
  const known = TRPC_ONLY[error.code];
  if (known) return { code: error.code, httpStatus: known[0], errcode: known[1], message: error.message, extra: {} };
  if (error.code === 'CLIENT_CLOSED_REQUEST') {
    return { code: error.code, httpStatus: 499, errcode: 'M_UNKNOWN', message: 'Client closed the request', extra: {} };
  }
  return { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, errcode: 'M_UNKNOWN', message: 'Internal server error', extra: {} };
}

/**
 * An error as it leaves the gateway (tRPC's error shape), with the Matrix view in `data`:
 * `errcode` as REST, `httpStatus` (tRPC's HTTP layer answers with it) and Matrix extras.
 */
export function errorShapeOf(info: GatewayErrorInfo, path: string | undefined) {
  return {
    message: info.message,
    code: TRPC_ERROR_CODES_BY_KEY[info.code],
    data: { ...info.extra, code: info.code, httpStatus: info.httpStatus, path, errcode: info.errcode },
  };
}
