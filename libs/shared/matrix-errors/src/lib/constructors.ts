import { MatrixError, type MatrixErrorExtra } from './matrix-error';

/** Named constructors keep call sites short and the wording consistent. */
export const forbidden = (message = 'Forbidden', extra?: MatrixErrorExtra) =>
  new MatrixError('M_FORBIDDEN', message, { extra });
export const missingToken = (message = 'Missing access token') =>
  new MatrixError('M_MISSING_TOKEN', message);
export const unknownToken = (message = 'Unrecognised access token', softLogout = false) =>
  new MatrixError('M_UNKNOWN_TOKEN', message, { extra: { soft_logout: softLogout } });
export const userLocked = (message = 'This account has been locked') =>
  new MatrixError('M_USER_LOCKED', message, { extra: { soft_logout: true } });
export const userDeactivated = (message = 'This account has been deactivated') =>
  new MatrixError('M_USER_DEACTIVATED', message);
export const notJson = (message = 'Content not JSON') => new MatrixError('M_NOT_JSON', message);
export const badJson = (message: string) => new MatrixError('M_BAD_JSON', message);
export const invalidParam = (message: string) => new MatrixError('M_INVALID_PARAM', message);
export const missingParam = (message: string) => new MatrixError('M_MISSING_PARAM', message);
export const notFound = (message = 'Not found') => new MatrixError('M_NOT_FOUND', message);
export const tooLarge = (message = 'Request too large') => new MatrixError('M_TOO_LARGE', message);
export const unrecognized = (message = 'Unrecognized request', status = 404) =>
  new MatrixError('M_UNRECOGNIZED', message, { status });
export const duplicateAnnotation = (message = 'Duplicate annotation') =>
  new MatrixError('M_DUPLICATE_ANNOTATION', message);

/** 429 with both the body field and the header, the header in whole seconds rounded up. */
export const limitExceeded = (retryAfterMs: number) => {
  const ms = Math.max(0, Math.ceil(retryAfterMs));
  return new MatrixError('M_LIMIT_EXCEEDED', 'Too many requests', {
    extra: { retry_after_ms: ms },
    headers: { 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) },
  });
};

/**
 * The database cannot be reached (restarting, failing over, refusing connections) or cannot
 * write (a read-only file): 503 with `Retry-After`. Transient from the client's side: the same
 * request, retried (a send with the same txnId), is safe and will succeed once it is back.
 */
export const databaseUnavailable = (cause?: unknown, retryAfterSeconds = 1) =>
  new MatrixError('M_UNKNOWN', 'The database is unavailable; try again shortly', {
    status: 503,
    headers: { 'retry-after': String(retryAfterSeconds) },
    cause,
  });

/** The database's disk is full: 507 Insufficient Storage, until an operator frees space. */
export const storageFull = (cause?: unknown, retryAfterSeconds = 1) =>
  new MatrixError('M_UNKNOWN', "The server's storage is full; try again later", {
    status: 507,
    headers: { 'retry-after': String(retryAfterSeconds) },
    cause,
  });
