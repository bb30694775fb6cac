import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_SCOPES, type ServiceScope } from '@courier/server-domain';
import { dbKinds } from '@courier/server-testing';
import { appRouter } from './root.router';
import { rejection, startGatewayHarness, type Caller, type GatewayHarness } from './test-support';

type Call = (c: Caller) => Promise<unknown>;

/** Every procedure, the scope it needs, and a call with valid input (the table is checked complete). */
const PROCEDURES: Array<[path: string, scope: ServiceScope, type: 'query' | 'mutation' | 'subscription', call: Call]> = [
  ['events.send', 'events:send', 'mutation', (c) => c.events.send({ roomId: '!r:gateway.test', type: 'm.room.message', content: {}, txnId: 't', senderUserId: '@a:gateway.test' })],
  ['events.get', 'events:read', 'query', (c) => c.events.get({ eventId: '$e' })],
  ['events.onNew', 'events:read', 'subscription', (c) => c.events.onNew({})],
  ['rooms.list', 'rooms:read', 'query', (c) => c.rooms.list({})],
  ['rooms.get', 'rooms:read', 'query', (c) => c.rooms.get({ roomId: '!r:gateway.test' })],
  ['rooms.members', 'rooms:read', 'query', (c) => c.rooms.members({ roomId: '!r:gateway.test' })],
  ['rooms.timeline', 'rooms:read', 'query', (c) => c.rooms.timeline({ roomId: '!r:gateway.test' })],
  ['rooms.create', 'rooms:write', 'mutation', (c) => c.rooms.create({ creatorUserId: '@a:gateway.test' })],
  ['users.list', 'users:admin', 'query', (c) => c.users.list({})],
  ['users.create', 'users:admin', 'mutation', (c) => c.users.create({ localpart: 'x', password: 'pw' })],
  ['users.deactivate', 'users:admin', 'mutation', (c) => c.users.deactivate({ userId: '@a:gateway.test' })],
  ['users.setAdmin', 'users:admin', 'mutation', (c) => c.users.setAdmin({ userId: '@a:gateway.test', admin: true })],
  ['users.resetPassword', 'users:admin', 'mutation', (c) => c.users.resetPassword({ userId: '@a:gateway.test', password: 'pw' })],
  ['users.devices', 'users:admin', 'query', (c) => c.users.devices({ userId: '@a:gateway.test' })],
  ['tokens.createServiceToken', 'tokens:admin', 'mutation', (c) => c.tokens.createServiceToken({ name: 'n', scopes: ['stats:read'] })],
  ['tokens.listServiceTokens', 'tokens:admin', 'query', (c) => c.tokens.listServiceTokens()],
  ['tokens.revokeServiceToken', 'tokens:admin', 'mutation', (c) => c.tokens.revokeServiceToken({ id: 'st_x' })],
  ['stats.overview', 'stats:read', 'query', (c) => c.stats.overview()],
];

describe('the procedure table', () => {
  it('lists every procedure of the router', () => {
    expect(PROCEDURES.map(([p]) => p).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });
});

describe.each(await dbKinds())('gateway auth and scopes on %s', (kind) => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness(kind);
  });
  afterAll(async () => h.close());

  describe.each(PROCEDURES)('%s (needs %s)', (_path, scope, type, call) => {
    it('without a token: UNAUTHORIZED, 401 M_MISSING_TOKEN', async () => {
      const r = await rejection(call(h.caller(null)), type);
      expect(r).toMatchObject({ code: 'UNAUTHORIZED', data: { errcode: 'M_MISSING_TOKEN', httpStatus: 401 } });
    });

    it('with every scope but its own: FORBIDDEN, 403 M_FORBIDDEN naming the scope', async () => {
      const token = await h.serviceToken(...SERVICE_SCOPES.filter((s) => s !== scope));
      const r = await rejection(call(h.caller(token)), type);
      expect(r).toMatchObject({ code: 'FORBIDDEN', data: { errcode: 'M_FORBIDDEN', httpStatus: 403 } });
      expect(r.message).toContain(scope);
    });

    it('with its scope: gets past auth (whatever the use case then says)', async () => {
      const token = await h.serviceToken(scope);
      const outcome = await call(h.caller(token)).then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
      expect(['ok', 'NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST']).toContain(outcome);
      if (outcome === 'FORBIDDEN') {
        // Only the use case's 403 (not a member, not a local user), never the scope check's.
        const r = await rejection(call(h.caller(token)), type);
        expect(r.message).not.toContain('lacks');
      }
    });
  });

  it('an unknown token is 401 M_UNKNOWN_TOKEN, for service and access tokens alike', async () => {
    for (const token of ['cst_nope', 'cat_nope', 'anything']) {
      const r = await rejection(h.caller(token).stats.overview());
      expect(r).toMatchObject({ code: 'UNAUTHORIZED', data: { errcode: 'M_UNKNOWN_TOKEN', httpStatus: 401, soft_logout: false } });
    }
  });

  it('a revoked service token is 401 M_UNKNOWN_TOKEN', async () => {
    const token = await h.serviceToken('stats:read');
    const [row] = (await h.data.serviceTokens.list()).slice(-1);
    await h.data.serviceTokens.revoke(row?.id ?? '', Date.now());
    const r = await rejection(h.caller(token).stats.overview());
    expect(r).toMatchObject({ code: 'UNAUTHORIZED', data: { errcode: 'M_UNKNOWN_TOKEN' } });
  });

  it("an admin user's access token gets every scope", async () => {
    const admin = await h.user('admin', { admin: true });
    const c = h.caller(admin.accessToken);
    await expect(c.stats.overview()).resolves.toMatchObject({ users: expect.any(Number) });
    await expect(c.tokens.listServiceTokens()).resolves.toMatchObject({ tokens: expect.any(Array) });
  });

  it("a non-admin user's access token is 403 M_FORBIDDEN", async () => {
    const user = await h.user('plain');
    const r = await rejection(h.caller(user.accessToken).stats.overview());
    expect(r).toMatchObject({ code: 'FORBIDDEN', data: { errcode: 'M_FORBIDDEN', httpStatus: 403 } });
  });

  it('an anonymous call with invalid input is still 401: auth runs before validation', async () => {
    const r = await rejection(h.caller(null).events.get({ eventId: 'not-an-id' }));
    expect(r.code).toBe('UNAUTHORIZED');
  });
});
