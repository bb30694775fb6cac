import type { FastifyRequest } from 'fastify';
import { missingToken } from '@courier/shared-matrix-errors';

/**
 * The access token of a request: `Authorization: Bearer <token>` (scheme case-insensitive) or
 * the deprecated `access_token` query parameter. Both at once, two Authorization headers,
 * another scheme or an empty token are refused (401 M_MISSING_TOKEN), so no request is ever
 * authenticated by a token other than the one the client meant.
 */
export function extractAccessToken(request: FastifyRequest): string {
  const raw = request.raw.rawHeaders;
  const headerValues: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() === 'authorization') headerValues.push(raw[i + 1] ?? '');
  }
  const query = request.query as Record<string, unknown> | undefined;
  const queryToken = query?.['access_token'];
  if (headerValues.length > 1) throw missingToken('Multiple Authorization headers');
  if (Array.isArray(queryToken)) throw missingToken('Multiple access_token parameters');
  if (headerValues.length === 1) {
    if (queryToken !== undefined) throw missingToken('Access token given in both the header and the query');
    const m = /^Bearer +(\S+) *$/i.exec(headerValues[0] ?? '');
    if (!m?.[1]) throw missingToken('Invalid Authorization header: expected "Bearer <token>"');
    return m[1];
  }
  if (typeof queryToken === 'string' && queryToken.length > 0) return queryToken;
  throw missingToken('Missing access token');
}
