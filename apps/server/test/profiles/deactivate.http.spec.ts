import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { loginRequest, passwordLogin, registerUser, uniqueName } from '../accounts/helpers';
import { V3, enc, memberContent } from './helpers';

/** POST /account/deactivate behind UIA m.login.password. */
describe.each(await dbKinds())('account deactivation on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { ENABLE_REGISTRATION: 'true' } });
    alice = await registerUser(t, uniqueName('alice'), 'alice pw');
  });
  afterAll(async () => t.close());

  const deactivate = (u: TestUser, payload: Record<string, unknown>) => t.as(u, { method: 'POST', url: `${V3}/account/deactivate`, payload });
  const localpart = (u: TestUser) => u.userId.slice(1, u.userId.indexOf(':'));
  const passwordAuth = (u: TestUser, password: string, session?: string) => ({
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user: localpart(u) },
    password,
    ...(session ? { session } : {}),
  });

  it('without auth: 401 with the password flow and a session; a wrong password is 401 M_FORBIDDEN and nothing changes', async () => {
    const u = await registerUser(t, uniqueName('uia'), 'right');
    const challenge = await deactivate(u, {});
    expect(challenge.statusCode).toBe(401);
    expect(challenge.json()).toMatchObject({ flows: [{ stages: ['m.login.password'] }], session: expect.any(String) });
    const wrong = await deactivate(u, { auth: passwordAuth(u, 'wrong', challenge.json().session) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
    expect((await t.as(u, { method: 'GET', url: `${V3}/account/whoami` })).statusCode).toBe(200);
  });

  it("another user's password does not deactivate (403 from the stage)", async () => {
    const u = await registerUser(t, uniqueName('victim'), 'victim pw');
    const res = await deactivate(u, { auth: passwordAuth(alice, 'alice pw') });
    expect(res.statusCode).toBe(401);
    expect((await t.as(u, { method: 'GET', url: `${V3}/account/whoami` })).statusCode).toBe(200);
  });

  it('deactivation: tokens revoked, every room left, profile erased, out of the directory, login fails, the ID is never registrable again', async () => {
    const name = uniqueName('leaver');
    const u = await registerUser(t, name, 'leaver pw');
    const second = (await loginRequest(t, passwordLogin(name, 'leaver pw'))).json() as { access_token: string; device_id: string };
    await t.as(u, { method: 'PUT', url: `${V3}/profile/${enc(u.userId)}/avatar_url`, payload: { avatar_url: 'mxc://test.local/leaver' } });
    const shared = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(u, shared);
    const own = await t.createRoom(u);
    const invitedTo = await t.createRoom(alice, { invite: [u.userId] });
    const found = await t.as(alice, { method: 'POST', url: `${V3}/user_directory/search`, payload: { search_term: name } });
    expect((found.json() as { results: Array<{ user_id: string }> }).results.map((r) => r.user_id)).toContain(u.userId);

    const res = await deactivate(u, { auth: passwordAuth(u, 'leaver pw') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id_server_unbind_result: 'no-support' });

    for (const token of [u.accessToken, second.access_token]) {
      const who = await t.app.inject({ method: 'GET', url: `${V3}/account/whoami`, headers: { authorization: `Bearer ${token}` } });
      expect(who.statusCode).toBe(401);
    }
    expect(await memberContent(t, alice, shared, u.userId)).toEqual({ membership: 'leave' });
    expect(await memberContent(t, alice, invitedTo, u.userId)).toEqual({ membership: 'leave' });
    const ownMembership = await t.data.db.prisma.roomMember.findUnique({ where: { room_id_user_id: { room_id: own, user_id: u.userId } } });
    expect(ownMembership?.membership).toBe('leave');
    expect((await t.app.inject({ method: 'GET', url: `${V3}/profile/${enc(u.userId)}` })).statusCode).toBe(404);
    const row = await t.data.db.prisma.user.findUnique({ where: { user_id: u.userId } });
    expect([row?.displayname, row?.avatar_url, row?.deactivated]).toEqual([null, null, true]);
    const after = await t.as(alice, { method: 'POST', url: `${V3}/user_directory/search`, payload: { search_term: name } });
    expect((after.json() as { results: unknown[] }).results).toEqual([]);
    const login = await loginRequest(t, passwordLogin(name, 'leaver pw'));
    expect(login.statusCode).toBe(403);
    expect(login.json()).toMatchObject({ errcode: 'M_USER_DEACTIVATED' });
    const again = await t.app.inject({ method: 'POST', url: `${V3}/register`, payload: { username: name, password: 'x', auth: { type: 'm.login.dummy' } } });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ errcode: 'M_USER_IN_USE' });
    const available = await t.app.inject({ method: 'GET', url: `${V3}/register/available?username=${name}` });
    expect(available.json()).toMatchObject({ errcode: 'M_USER_IN_USE' });
  });
});
