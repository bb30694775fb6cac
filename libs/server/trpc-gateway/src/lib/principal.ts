import { forbidden, missingToken } from '@courier/shared-matrix-errors';
import {
  SERVICE_SCOPES,
  SERVICE_TOKEN_PREFIX,
  authenticateAccessToken,
  authenticateServiceToken,
  isServiceScope,
  type AccountStore,
  type ServiceScope,
  type ServiceTokenStore,
} from '@courier/server-domain';

/** Who calls the gateway: a service (by its token) or an admin user of the admin app. */
export type Principal =
  | { kind: 'service'; tokenId: string; name: string; scopes: ReadonlySet<ServiceScope> }
  | { kind: 'admin'; userId: string; deviceId: string; scopes: ReadonlySet<ServiceScope> };

/** The credentials a request presented: the bearer token, or why there is none usable. */
export interface GatewayAuth {
  token: string | null;
  /** Why `token` is null when a header was sent but unusable (two headers, another scheme). */
  problem?: string;
}

/**
 * Resolves the bearer token: a `cst_` token is a service token (its scopes, if not revoked);
 * anything else must be a Matrix access token of a server admin, who gets every scope (the
 * admin app drives the whole gateway). A valid token of a non-admin is 403, not 401: the
 * caller is known, it just may not use this API.
 */
export async function resolvePrincipal(
  deps: { accounts: AccountStore; serviceTokens: ServiceTokenStore; now: () => number },
  auth: GatewayAuth,
): Promise<Principal> {
  if (auth.token === null) throw missingToken(auth.problem ?? 'Missing bearer token');
  if (auth.token.startsWith(SERVICE_TOKEN_PREFIX)) {
    const t = await authenticateServiceToken(deps.serviceTokens, auth.token);
    return { kind: 'service', tokenId: t.id, name: t.name, scopes: new Set(t.scopes.filter(isServiceScope)) };
  }
  const requester = await authenticateAccessToken(deps.accounts, auth.token, deps.now());
  if (!requester.isAdmin) throw forbidden('Only server admins may call the gateway with an access token');
  return { kind: 'admin', userId: requester.userId, deviceId: requester.deviceId, scopes: new Set(SERVICE_SCOPES) };
}

/**
 * The device part of a gateway send's transaction key (SEND_CONTRACT §5 scopes it by device and
 * endpoint): the service token, so two services never share a txn ID space, and for an admin
 * their own device. The `svc:` prefix keeps both apart from the REST devices of the sender.
 */
export function txnScopeOf(principal: Principal): string {
  return principal.kind === 'service' ? `svc:${principal.tokenId}` : `svc:admin:${principal.userId}:${principal.deviceId}`;
}

/**
 * The bearer token from raw header pairs (Node's `rawHeaders`), for any adapter. Only the
 * header is read, never a query parameter: URLs end up in logs. Two Authorization headers or
 * another scheme are refused rather than guessed at.
 */
export function bearerFromRawHeaders(rawHeaders: readonly string[]): GatewayAuth {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'authorization') values.push(rawHeaders[i + 1] ?? '');
  }
  if (values.length === 0) return { token: null };
  if (values.length > 1) return { token: null, problem: 'Multiple Authorization headers' };
  const m = /^Bearer +(\S+) *$/i.exec(values[0] ?? '');
  return m?.[1] ? { token: m[1] } : { token: null, problem: 'Invalid Authorization header: expected "Bearer <token>"' };
}
