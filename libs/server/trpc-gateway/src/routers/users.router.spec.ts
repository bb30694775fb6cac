import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@courier/server-domain';
import { dbKinds } from '@courier/server-testing';
import { rejection, startGatewayHarness, type Caller, type GatewayHarness } from '../test-support';

describe.each(await dbKinds())('users router on %s', (kind) => {
  let h: GatewayHarness;
  let svc: Caller;

  beforeAll(async () => {
    h = await startGatewayHarness(kind);
    svc = h.caller(await h.serviceToken('users:admin', 'stats:read'));
  });
  afterAll(async () => h.close());

  it('users.create makes a local user; a taken localpart is 400 M_USER_IN_USE', async () => {
    expect(await svc.users.create({ localpart: 'dora', password: 'pw', displayname: 'Dora' })).toEqual({ userId: '@dora:gateway.test' });
    const r = await rejection(svc.users.create({ localpart: 'dora', password: 'pw' }), 'mutation');
    expect(r).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_USER_IN_USE', httpStatus: 400 } });
    const bad = await rejection(svc.users.create({ localpart: 'Not Valid', password: 'pw' }), 'mutation');
    expect(bad).toMatchObject({ data: { errcode: 'M_INVALID_USERNAME' } });
  });

  it('users.list searches user IDs and display names, and pages by cursor', async () => {
    await svc.users.create({ localpart: 'eve1', password: 'pw', displayname: 'Evelyn' });
    await svc.users.create({ localpart: 'eve2', password: 'pw' });
    await svc.users.create({ localpart: 'zed', password: 'pw', displayname: 'EVE fan' });
    const found = await svc.users.list({ search: 'eve' });
    expect(found.items.map((u) => u.userId)).toEqual(['@eve1:gateway.test', '@eve2:gateway.test', '@zed:gateway.test']);
    const p1 = await svc.users.list({ search: 'eve', limit: 2 });
    const p2 = await svc.users.list({ search: 'eve', limit: 2, cursor: p1.nextCursor ?? undefined });
    expect([...p1.items, ...p2.items].map((u) => u.userId)).toEqual(found.items.map((u) => u.userId));
    expect(p2.nextCursor).toBeNull();
  });

  it("users.list carries each user's display name and avatar (mxc://) for the admin app", async () => {
    await svc.users.create({ localpart: 'pic', password: 'pw', displayname: 'Pic Ture' });
    await h.data.accountStores.profiles.setProfile('@pic:gateway.test', { avatarUrl: 'mxc://gateway.test/picavatar' });
    const found = await svc.users.list({ search: 'pic' });
    expect(found.items).toEqual([expect.objectContaining({ userId: '@pic:gateway.test', displayname: 'Pic Ture', avatarUrl: 'mxc://gateway.test/picavatar' })]);
  });

  it('users.deactivate sets the flag and revokes every token', async () => {
    const u = await h.user('gone');
    const res = await svc.users.deactivate({ userId: u.userId });
    expect(res).toEqual({ userId: u.userId, revokedTokens: 1 });
    expect(await h.data.accounts.getUser(u.userId)).toMatchObject({ deactivated: true });
    expect(await h.data.db.prisma.accessToken.count({ where: { user_id: u.userId } })).toBe(0);
    const r = await rejection(svc.users.deactivate({ userId: '@nobody:gateway.test' }), 'mutation');
    expect(r).toMatchObject({ code: 'NOT_FOUND', data: { errcode: 'M_NOT_FOUND' } });
  });

  it('users.setAdmin opens the gateway to that user’s access token', async () => {
    const u = await h.user('soon-admin');
    expect((await rejection(h.caller(u.accessToken).stats.overview())).code).toBe('FORBIDDEN');
    await svc.users.setAdmin({ userId: u.userId, admin: true });
    await expect(h.caller(u.accessToken).stats.overview()).resolves.toMatchObject({ users: expect.any(Number) });
  });

  it('users.resetPassword stores the new password and, by default, logs the user out', async () => {
    const u = await h.user('forgetful');
    expect(await svc.users.resetPassword({ userId: u.userId, password: 'new secret' })).toEqual({ userId: u.userId, revokedTokens: 1 });
    expect(await verifyPassword('new secret', (await h.data.accounts.getUser(u.userId))?.passwordHash ?? null)).toBe(true);
    const kept = await h.user('keeper');
    expect(await svc.users.resetPassword({ userId: kept.userId, password: 'x', logoutDevices: false })).toMatchObject({ revokedTokens: 0 });
    const empty = await rejection(svc.users.resetPassword({ userId: u.userId, password: '' }), 'mutation');
    expect(empty).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_BAD_JSON' } });
  });

  it('users.devices lists devices with their token counts', async () => {
    const u = await h.user('multi');
    const { devices } = await svc.users.devices({ userId: u.userId });
    expect(devices).toEqual([{ deviceId: u.deviceId, displayName: null, createdAt: expect.any(Number), lastSeenTs: expect.any(Number), tokenCount: 1 }]);
    const r = await rejection(svc.users.devices({ userId: '@nobody:gateway.test' }));
    expect(r).toMatchObject({ code: 'NOT_FOUND', data: { errcode: 'M_NOT_FOUND' } });
    expect(await rejection(svc.users.devices({ userId: 'nobody' }))).toMatchObject({ data: { errcode: 'M_INVALID_PARAM' } });
  });
});
