import { describe, expect, it } from 'vitest';
import { MatrixError } from '@courier/shared-matrix-errors';
import { ServiceTokenNameTakenError, type ServiceTokenStore, type StoredServiceToken } from '../ports/admin-store';
import { hashToken } from '../accounts/tokens';
import { authenticateServiceToken, createServiceToken, parseScopes, revokeServiceToken } from './service-tokens';

function memoryStore(): ServiceTokenStore & { rows: StoredServiceToken[] } {
  const rows: StoredServiceToken[] = [];
  return {
    rows,
    async create(t) {
      if (rows.some((r) => r.name === t.name)) throw new ServiceTokenNameTakenError(t.name);
      rows.push({ ...t, revokedAt: null });
    },
    findByHash: async (h) => rows.find((r) => r.tokenHash === h),
    list: async () => rows,
    async revoke(id, now) {
      const row = rows.find((r) => r.id === id);
      if (row) row.revokedAt ??= now;
      return row !== undefined;
    },
  };
}

const errcodeOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof MatrixError ? `${e.status} ${e.errcode}` : String(e)));

describe('service token scopes', () => {
  it.each([
    ['stats:read', ['stats:read']],
    [' events:read , events:send,events:read', ['events:send', 'events:read']],
    [['tokens:admin', 'rooms:read'], ['rooms:read', 'tokens:admin']],
  ])('parseScopes(%j) is %j: deduplicated, canonical order', (input, expected) => {
    expect(parseScopes(input)).toEqual(expected);
  });

  it.each([[''], [','], ['stats:read,root'], [['events:*']]])('parseScopes(%j) is 400 M_INVALID_PARAM', (input) => {
    expect(() => parseScopes(input)).toThrow(MatrixError);
  });
});

describe('service tokens', () => {
  it('stores only the hash, and the token authenticates to its record', async () => {
    const store = memoryStore();
    const created = await createServiceToken(store, { name: 'bridge', scopes: 'events:send', now: 5 });
    expect(created.token.startsWith('cst_')).toBe(true);
    expect(store.rows[0]?.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(store.rows)).not.toContain(created.token);
    expect(await authenticateServiceToken(store, created.token)).toMatchObject({ id: created.id, name: 'bridge', scopes: ['events:send'] });
  });

  it('unknown, revoked or mismatching tokens are 401 M_UNKNOWN_TOKEN', async () => {
    const store = memoryStore();
    const { token, id } = await createServiceToken(store, { name: 'bot', scopes: ['stats:read'], now: 1 });
    expect(await errcodeOf(authenticateServiceToken(store, 'cst_other'))).toBe('401 M_UNKNOWN_TOKEN');
    // A store that matched loosely (collation) must still not let another token in.
    const loose = { ...store, findByHash: async () => store.rows[0] };
    expect(await errcodeOf(authenticateServiceToken(loose, 'cst_other'))).toBe('401 M_UNKNOWN_TOKEN');
    await revokeServiceToken(store, id, 2);
    expect(await errcodeOf(authenticateServiceToken(store, token))).toBe('401 M_UNKNOWN_TOKEN');
    expect(await errcodeOf(revokeServiceToken(store, 'st_none', 3))).toBe('404 M_NOT_FOUND');
  });

  it('a taken name is 409 M_INVALID_PARAM; a bad name 400', async () => {
    const store = memoryStore();
    await createServiceToken(store, { name: 'dup', scopes: ['stats:read'], now: 1 });
    expect(await errcodeOf(createServiceToken(store, { name: 'dup', scopes: ['stats:read'], now: 1 }))).toBe('409 M_INVALID_PARAM');
    expect(await errcodeOf(createServiceToken(store, { name: '-bad', scopes: ['stats:read'], now: 1 }))).toBe('400 M_INVALID_PARAM');
  });
});
