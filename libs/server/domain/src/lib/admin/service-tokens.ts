import { randomBytes } from 'node:crypto';
import { MatrixError, invalidParam, notFound, unknownToken } from '@courier/shared-matrix-errors';
import { ServiceTokenNameTakenError, type ServiceTokenRecord, type ServiceTokenStore } from '../ports/admin-store';
import { constantTimeEqual, generateAccessToken, hashToken } from '../accounts/tokens';

/** What a gateway caller may do; each procedure requires exactly one. */
export const SERVICE_SCOPES = [
  'events:send',
  'events:read',
  'rooms:read',
  'rooms:write',
  'users:admin',
  'tokens:admin',
  'stats:read',
] as const;
export type ServiceScope = (typeof SERVICE_SCOPES)[number];

/** Service tokens are told apart from access tokens (`cat_`) by this prefix, also for leak scanners. */
export const SERVICE_TOKEN_PREFIX = 'cst_';

export function isServiceScope(value: string): value is ServiceScope {
  return (SERVICE_SCOPES as readonly string[]).includes(value);
}

/** Scopes from a list or a comma-separated string: at least one, each known; deduplicated, in canonical order. */
export function parseScopes(input: string | readonly string[]): ServiceScope[] {
  const names = (typeof input === 'string' ? input.split(',') : [...input]).map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((s) => !isServiceScope(s));
  if (unknown.length > 0) throw invalidParam(`Unknown scope ${unknown[0]}; known: ${SERVICE_SCOPES.join(', ')}`);
  if (names.length === 0) throw invalidParam(`At least one scope is required: ${SERVICE_SCOPES.join(', ')}`);
  return SERVICE_SCOPES.filter((s) => names.includes(s));
}

const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface CreatedServiceToken extends ServiceTokenRecord {
  /** The token itself: shown once, never stored. */
  token: string;
}

/**
 * Creates a service token: only its SHA-256 is stored, so the token is returned here and never
 * again. A name already used (even by a revoked token) is 409 M_INVALID_PARAM: names identify
 * services in logs, so they are not reused.
 */
export async function createServiceToken(
  store: ServiceTokenStore,
  input: { name: string; scopes: string | readonly string[]; now: number },
): Promise<CreatedServiceToken> {
  if (!TOKEN_NAME.test(input.name)) {
    throw invalidParam('Token name: 1-100 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit');
  }
  const scopes = parseScopes(input.scopes);
  const token = generateAccessToken(SERVICE_TOKEN_PREFIX);
  const id = `st_${randomBytes(9).toString('base64url')}`;
  try {
    await store.create({ id, name: input.name, tokenHash: hashToken(token), scopes, createdAt: input.now });
  } catch (err) {
    if (err instanceof ServiceTokenNameTakenError) {
      throw new MatrixError('M_INVALID_PARAM', `A service token named ${input.name} already exists`, { status: 409 });
    }
    throw err;
  }
  return { id, name: input.name, scopes, createdAt: input.now, revokedAt: null, token };
}

/**
 * Resolves a presented service token: unknown or revoked → 401 M_UNKNOWN_TOKEN. Only the hash is
 * looked up; the stored hash is compared again in constant time, so a lookup that matched
 * loosely (collation, trailing spaces) can never let another token through.
 */
export async function authenticateServiceToken(store: ServiceTokenStore, token: string): Promise<ServiceTokenRecord> {
  const tokenHash = hashToken(token);
  const row = await store.findByHash(tokenHash);
  if (!row || !constantTimeEqual(row.tokenHash, tokenHash)) throw unknownToken('Unrecognised service token');
  if (row.revokedAt !== null) throw unknownToken('This service token has been revoked');
  return { id: row.id, name: row.name, scopes: row.scopes, createdAt: row.createdAt, revokedAt: null };
}

export async function revokeServiceToken(store: ServiceTokenStore, id: string, now: number): Promise<void> {
  if (!(await store.revoke(id, now))) throw notFound('No such service token');
}
