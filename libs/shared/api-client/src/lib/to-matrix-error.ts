import { MatrixError, type Errcode, type MatrixErrorExtra } from '@courier/shared-matrix-errors';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A non-2xx response as a MatrixError. A `{ errcode, error, ... }` body keeps the server's
 * errcode, message, HTTP status and every other field (`retry_after_ms`, `soft_logout`...) as
 * `extra`; anything else (HTML, plain text, empty) becomes M_UNKNOWN with the status. A
 * `Retry-After` header is kept in `headers['retry-after']`.
 *
 * `body` is what openapi-fetch hands back as `error`: parsed JSON, or the raw text.
 */
export function toMatrixError(response: Response, body: unknown): MatrixError {
  const retryAfter = response.headers.get('retry-after');
  const headers: Record<string, string> = retryAfter === null ? {} : { 'retry-after': retryAfter };
  if (isObject(body) && typeof body['errcode'] === 'string') {
    const { errcode, error, ...extra } = body;
    const message = typeof error === 'string' ? error : `${errcode} (HTTP ${response.status})`;
    // The server may send codes outside Courier's Errcode union (M_RESOURCE_LIMIT_EXCEEDED, vendor
    // codes): keep them verbatim rather than lose them.
    return new MatrixError(errcode as Errcode, message, {
      status: response.status,
      extra: extra as MatrixErrorExtra,
      headers,
    });
  }
  const reason = response.statusText ? ` ${response.statusText}` : '';
  return new MatrixError('M_UNKNOWN', `HTTP ${response.status}${reason} without a Matrix error body`, {
    status: response.status,
    headers,
  });
}

/** openapi-fetch's result → its data, or a thrown MatrixError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw toMatrixError(result.response, result.error);
}
