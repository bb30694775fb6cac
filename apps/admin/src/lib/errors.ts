/**
 * Any failure as an operator reads it: the server's message, its Matrix errcode, the HTTP
 * status, and a hint when there is something to do about it. Gateway errors carry
 * `data.errcode` and `data.httpStatus` (the gateway's errorFormatter); the login endpoint
 * answers a Matrix `{errcode, error}` body; fetch failures have neither.
 */
export interface ReadableError {
  errcode: string;
  message: string;
  status: number | null;
  hint: string | null;
}

const HINTS: Record<string, string> = {
  M_UNKNOWN_TOKEN: 'Your session has ended. Sign in again.',
  M_MISSING_TOKEN: 'You are not signed in. Sign in again.',
  M_FORBIDDEN: 'This account may not do that: the gateway needs a server admin.',
  M_LIMIT_EXCEEDED: 'Too many requests. Wait a moment and retry.',
  M_USER_IN_USE: 'Pick another username.',
  M_NOT_FOUND: 'It may have been deleted, or the ID is mistyped.',
  NETWORK: 'Check that the server is running and reachable.',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/** Errcode-specific hints, with retry_after_ms folded into the rate-limit one. */
function hintFor(errcode: string, retryAfterMs: unknown): string | null {
  if (errcode === 'M_LIMIT_EXCEEDED' && typeof retryAfterMs === 'number') {
    return `Too many requests. Retry in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`;
  }
  return HINTS[errcode] ?? null;
}

export function describeError(err: unknown): ReadableError {
  if (isObject(err)) {
    // A TRPCClientError: the gateway's shape is in `data` (or `shape.data`).
    const data = isObject(err['data']) ? err['data'] : isObject(err['shape']) && isObject(err['shape']['data']) ? err['shape']['data'] : null;
    const message = str(err['message']);
    if (data && str(data['errcode'])) {
      const errcode = String(data['errcode']);
      const status = typeof data['httpStatus'] === 'number' ? data['httpStatus'] : null;
      return { errcode, message: message ?? errcode, status, hint: hintFor(errcode, data['retry_after_ms']) };
    }
    // A Matrix REST error body (the login call), possibly with its status attached.
    if (str(err['errcode'])) {
      const errcode = String(err['errcode']);
      const status = typeof err['status'] === 'number' ? err['status'] : null;
      return { errcode, message: str(err['error']) ?? message ?? errcode, status, hint: hintFor(errcode, err['retry_after_ms']) };
    }
    if (err instanceof TypeError || (message !== null && /fetch|network/i.test(message))) {
      return { errcode: 'NETWORK', message: 'Could not reach the server', status: null, hint: HINTS['NETWORK'] ?? null };
    }
    if (message) return { errcode: 'M_UNKNOWN', message, status: null, hint: null };
  }
  return { errcode: 'M_UNKNOWN', message: typeof err === 'string' && err ? err : 'Something went wrong', status: null, hint: null };
}

/** One line: "User ID already taken. (M_USER_IN_USE, 400)". */
export function errorLine(e: ReadableError): string {
  return `${e.message} (${e.errcode}${e.status === null ? '' : `, ${e.status}`})`;
}

/** Whether the session is gone and the only way forward is to sign in again. */
export function isSessionError(e: ReadableError): boolean {
  return e.errcode === 'M_UNKNOWN_TOKEN' || e.errcode === 'M_MISSING_TOKEN';
}
