import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { registerUser, uniqueName } from '../accounts/helpers';
import { V3, enc, memberContent } from './helpers';

/** Profiles (profile.yaml) and their copies in m.room.member events. */
describe.each(await dbKinds())('profiles on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { ENABLE_REGISTRATION: 'true' } });
    alice = await registerUser(t, uniqueName('alice'));
    bob = await registerUser(t, uniqueName('bob'));
  });
  afterAll(async () => t.close());

  const localpartOf = (u: TestUser) => u.userId.slice(1, u.userId.indexOf(':'));
  const put = (u: TestUser, field: string, body: unknown, owner = u.userId) =>
    t.as(u, { method: 'PUT', url: `${V3}/profile/${enc(owner)}/${field}`, payload: body as Record<string, unknown> });
  const get = (path: string) => t.app.inject({ method: 'GET', url: `${V3}/profile/${path}` });

  it("a new account's display name is its localpart (as Synapse)", async () => {
    const res = await get(enc(alice.userId));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ displayname: localpartOf(alice) });
  });

  it("a new account's m.room.member events carry its display name: createRoom and join", async () => {
    const roomId = await t.createRoom(alice, { preset: 'public_chat' });
    expect(await memberContent(t, alice, roomId, alice.userId)).toEqual({ membership: 'join', displayname: localpartOf(alice) });
    await t.join(bob, roomId);
    expect(await memberContent(t, alice, roomId, bob.userId)).toEqual({ membership: 'join', displayname: localpartOf(bob) });
  });

  it('an unknown user is 404 M_NOT_FOUND, for the profile and each field', async () => {
    for (const path of ['', '/displayname', '/avatar_url']) {
      const res = await get(`${enc('@nobody:test.local')}${path}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ errcode: 'M_NOT_FOUND' });
    }
  });

  it('PUT then GET round-trips displayname and avatar_url; reading needs no token', async () => {
    const u = await registerUser(t, uniqueName('carol'));
    expect((await put(u, 'displayname', { displayname: 'Carol C' })).statusCode).toBe(200);
    expect((await put(u, 'avatar_url', { avatar_url: 'mxc://test.local/abcDEF123' })).statusCode).toBe(200);
    expect((await get(`${enc(u.userId)}/displayname`)).json()).toEqual({ displayname: 'Carol C' });
    expect((await get(`${enc(u.userId)}/avatar_url`)).json()).toEqual({ avatar_url: 'mxc://test.local/abcDEF123' });
    expect((await get(enc(u.userId))).json()).toEqual({ displayname: 'Carol C', avatar_url: 'mxc://test.local/abcDEF123' });
  });

  it('an unset field is {} (as Synapse); null clears a field', async () => {
    const u = await registerUser(t, uniqueName('dave'));
    expect((await get(`${enc(u.userId)}/avatar_url`)).json()).toEqual({});
    await put(u, 'displayname', { displayname: null });
    expect((await get(`${enc(u.userId)}/displayname`)).json()).toEqual({});
    expect((await get(enc(u.userId))).json()).toEqual({});
  });

  it("someone else's profile is 403 M_FORBIDDEN", async () => {
    for (const field of ['displayname', 'avatar_url']) {
      const res = await put(bob, field, { [field]: field === 'displayname' ? 'x' : 'mxc://test.local/x' }, alice.userId);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
    }
    expect((await get(`${enc(alice.userId)}/displayname`)).json()).toEqual({ displayname: localpartOf(alice) });
  });

  it.each([
    ['displayname', { displayname: 'x'.repeat(257) }, 'M_INVALID_PARAM'],
    ['displayname', { displayname: 12 }, 'M_BAD_JSON'],
    ['displayname', {}, 'M_MISSING_PARAM'],
    ['avatar_url', { avatar_url: 'https://example.com/a.png' }, 'M_INVALID_PARAM'],
    ['avatar_url', { avatar_url: `mxc://test.local/${'a'.repeat(1000)}` }, 'M_INVALID_PARAM'],
    ['avatar_url', { avatar_url: 'mxc://test.local/../../etc' }, 'M_INVALID_PARAM'],
    ['avatar_url', {}, 'M_MISSING_PARAM'],
  ])('PUT %s with %j is 400 %s', async (field, body, errcode) => {
    const res = await put(alice, field, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode });
  });

  it('a display name of exactly 256 characters is accepted', async () => {
    const u = await registerUser(t, uniqueName('erin'));
    expect((await put(u, 'displayname', { displayname: 'é'.repeat(256) })).statusCode).toBe(200);
  });

  it('a change is copied into a new m.room.member event in each joined room, and not into a room left', async () => {
    const u = await registerUser(t, uniqueName('frank'));
    const r1 = await t.createRoom(alice, { preset: 'public_chat' });
    const r2 = await t.createRoom(bob, { preset: 'public_chat' });
    const r3 = await t.createRoom(bob, { preset: 'public_chat' });
    for (const r of [r1, r2, r3]) await t.join(u, r);
    await t.as(u, { method: 'POST', url: `${V3}/rooms/${enc(r3)}/leave`, payload: {} });
    await put(u, 'displayname', { displayname: 'Frank F' });
    await put(u, 'avatar_url', { avatar_url: 'mxc://test.local/frank' });
    for (const r of [r1, r2]) {
      expect(await memberContent(t, u, r, u.userId)).toEqual({
        membership: 'join',
        displayname: 'Frank F',
        avatar_url: 'mxc://test.local/frank',
      });
    }
    expect(await memberContent(t, bob, r3, u.userId)).toEqual({ membership: 'leave' });
  });

  it('the copy goes through the send path: a timeline event with the sender, and a join later carries the profile', async () => {
    const u = await registerUser(t, uniqueName('gina'));
    const roomId = await t.createRoom(u);
    await put(u, 'displayname', { displayname: 'Gina G' });
    const msgs = await t.as(u, { method: 'GET', url: `${V3}/rooms/${enc(roomId)}/messages?dir=b&limit=1` });
    const last = (msgs.json() as { chunk: Array<{ type: string; sender: string; state_key: string; content: Record<string, unknown>; unsigned?: Record<string, unknown> }> }).chunk[0];
    expect(last).toMatchObject({ type: 'm.room.member', sender: u.userId, state_key: u.userId, content: { membership: 'join', displayname: 'Gina G' } });
    expect(last?.unsigned?.['prev_content']).toMatchObject({ displayname: localpartOf(u) });
    const other = await t.createRoom(bob, { preset: 'public_chat' });
    await t.join(u, other);
    expect(await memberContent(t, bob, other, u.userId)).toEqual({ membership: 'join', displayname: 'Gina G' });
  });

  it('setting the same value again adds no event', async () => {
    const u = await registerUser(t, uniqueName('hank'));
    const roomId = await t.createRoom(u);
    await put(u, 'displayname', { displayname: 'Hank' });
    const count = async () => Number(await t.data.db.prisma.event.count({ where: { room_id: roomId } }));
    const before = await count();
    await put(u, 'displayname', { displayname: 'Hank' });
    expect(await count()).toBe(before);
  });
});
