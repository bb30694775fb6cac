import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { rejection, startGatewayHarness, type Caller, type GatewayHarness } from '../test-support';

describe.each(await dbKinds())('tokens router on %s', (kind) => {
  let h: GatewayHarness;
  let admin: Caller;

  beforeAll(async () => {
    h = await startGatewayHarness(kind);
    admin = h.caller(await h.serviceToken('tokens:admin'));
  });
  afterAll(async () => h.close());

  it('createServiceToken returns the token once; it works for its scopes only', async () => {
    const created = await admin.tokens.createServiceToken({ name: 'stats-bot', scopes: ['stats:read'] });
    expect(created).toMatchObject({ id: expect.stringMatching(/^st_/), name: 'stats-bot', scopes: ['stats:read'], revokedAt: null });
    expect(created.token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
    const bot = h.caller(created.token);
    await expect(bot.stats.overview()).resolves.toMatchObject({ events: expect.any(Number) });
    expect((await rejection(bot.tokens.listServiceTokens())).code).toBe('FORBIDDEN');
    // Only the hash is stored.
    const row = await h.data.db.prisma.serviceToken.findUnique({ where: { id: created.id } });
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))).not.toContain(created.token);
  });

  it('listServiceTokens shows names and scopes, never a token or hash', async () => {
    const { tokens } = await admin.tokens.listServiceTokens();
    const bot = tokens.find((t) => t.name === 'stats-bot');
    expect(bot).toEqual({ id: expect.any(String), name: 'stats-bot', scopes: ['stats:read'], createdAt: expect.any(Number), revokedAt: null });
  });

  it('a taken name is 409 CONFLICT (M_INVALID_PARAM); an unknown scope 400 M_BAD_JSON', async () => {
    const dup = await rejection(admin.tokens.createServiceToken({ name: 'stats-bot', scopes: ['stats:read'] }), 'mutation');
    expect(dup).toMatchObject({ code: 'CONFLICT', data: { errcode: 'M_INVALID_PARAM', httpStatus: 409 } });
    const bad = await rejection(admin.tokens.createServiceToken({ name: 'x', scopes: ['root' as 'stats:read'] }), 'mutation');
    expect(bad).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_BAD_JSON' } });
    const badName = await rejection(admin.tokens.createServiceToken({ name: 'has space', scopes: ['stats:read'] }), 'mutation');
    expect(badName).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_INVALID_PARAM' } });
  });

  it('revokeServiceToken stops the token at once; unknown IDs are 404', async () => {
    const created = await admin.tokens.createServiceToken({ name: 'short-lived', scopes: ['stats:read'] });
    await expect(admin.tokens.revokeServiceToken({ id: created.id })).resolves.toEqual({ id: created.id, revoked: true });
    expect(await rejection(h.caller(created.token).stats.overview())).toMatchObject({ code: 'UNAUTHORIZED', data: { errcode: 'M_UNKNOWN_TOKEN' } });
    const listed = (await admin.tokens.listServiceTokens()).tokens.find((t) => t.id === created.id);
    expect(listed?.revokedAt).toEqual(expect.any(Number));
    // Revoking again is fine (idempotent); an unknown ID is not.
    await expect(admin.tokens.revokeServiceToken({ id: created.id })).resolves.toMatchObject({ revoked: true });
    expect(await rejection(admin.tokens.revokeServiceToken({ id: 'st_nope' }), 'mutation')).toMatchObject({ code: 'NOT_FOUND', data: { errcode: 'M_NOT_FOUND' } });
  });
});
