import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3 } from './helpers';

/** Account data (account-data.yaml), global and per room. */
describe.each(await dbKinds())('account data on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
  });
  afterAll(async () => t.close());

  const global = (u: TestUser, type: string, owner = u.userId) => `${V3}/user/${encodeURIComponent(owner)}/account_data/${encodeURIComponent(type)}`;
  const room = (u: TestUser, roomId: string, type: string) =>
    `${V3}/user/${encodeURIComponent(u.userId)}/rooms/${encodeURIComponent(roomId)}/account_data/${encodeURIComponent(type)}`;
  const position = async () =>
    Number((await t.data.db.prisma.streamPosition.findUnique({ where: { name: 'account_data' } }))?.position);

  it('PUT then GET round-trips global account data; a second PUT replaces it', async () => {
    const put = await t.as(alice, { method: 'PUT', url: global(alice, 'im.example.settings'), payload: { theme: 'dark', n: 1.5 } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({});
    expect((await t.as(alice, { method: 'GET', url: global(alice, 'im.example.settings') })).json()).toEqual({ theme: 'dark', n: 1.5 });
    await t.as(alice, { method: 'PUT', url: global(alice, 'im.example.settings'), payload: { theme: 'light' } });
    expect((await t.as(alice, { method: 'GET', url: global(alice, 'im.example.settings') })).json()).toEqual({ theme: 'light' });
  });

  it('each PUT takes the next account_data stream position and stamps the row with it', async () => {
    const before = await position();
    await t.as(alice, { method: 'PUT', url: global(alice, 'm.direct'), payload: { '@bob:test.local': ['!r:test.local'] } });
    const after = await position();
    expect(after).toBe(before + 1);
    const row = await t.data.db.prisma.accountData.findUnique({ where: { user_id_room_id_type: { user_id: alice.userId, room_id: '', type: 'm.direct' } } });
    expect(Number(row?.stream)).toBe(after);
  });

  it('a PUT wakes a /sync waiting for that user', async () => {
    const woken = t.data.notifier.wait({ userId: alice.userId }, 5_000);
    await t.as(alice, { method: 'PUT', url: global(alice, 'im.example.wake'), payload: {} });
    expect(await woken).toBe(true);
  });

  it('per-room account data is separate from global', async () => {
    const roomId = '!someroom:test.local';
    await t.as(alice, { method: 'PUT', url: room(alice, roomId, 'm.tag'), payload: { tags: { 'm.favourite': {} } } });
    expect((await t.as(alice, { method: 'GET', url: room(alice, roomId, 'm.tag') })).json()).toEqual({ tags: { 'm.favourite': {} } });
    const globalRes = await t.as(alice, { method: 'GET', url: global(alice, 'm.tag') });
    expect(globalRes.statusCode).toBe(404);
  });

  it('unset is 404 M_NOT_FOUND', async () => {
    const res = await t.as(alice, { method: 'GET', url: global(alice, 'never.set') });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ errcode: 'M_NOT_FOUND', error: 'Account data not found' });
  });

  it("another user's account data is 403 M_FORBIDDEN, for GET and PUT", async () => {
    const get = await t.as(bob, { method: 'GET', url: global(bob, 'im.example.settings', alice.userId) });
    expect(get.statusCode).toBe(403);
    expect(get.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
    const put = await t.as(bob, { method: 'PUT', url: global(bob, 'x', alice.userId), payload: {} });
    expect(put.statusCode).toBe(403);
  });

  it.each([
    ['an array body', '[]', 'M_BAD_JSON'],
    ['a string body', '"x"', 'M_BAD_JSON'],
    ['broken JSON', '{', 'M_NOT_JSON'],
  ])('%s is 400 %s', async (_n, payload, errcode) => {
    const res = await t.as(alice, { method: 'PUT', url: global(alice, 'x'), payload, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode });
  });

  it.each(['m.fully_read', 'm.push_rules'])('%s cannot be set here: 405 M_BAD_JSON (spec and Synapse)', async (type) => {
    const res = await t.as(alice, { method: 'PUT', url: global(alice, type), payload: {} });
    expect(res.statusCode).toBe(405);
    expect(res.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
  });

  it('a NUL in the type is 400 M_INVALID_PARAM, not a database error', async () => {
    const res = await t.as(alice, { method: 'PUT', url: global(alice, 'a\u0000b'), payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode: 'M_INVALID_PARAM' });
  });

  it('a malformed room ID is 400 M_INVALID_PARAM', async () => {
    const res = await t.as(alice, { method: 'GET', url: room(alice, 'not-a-room', 'm.tag') });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode: 'M_INVALID_PARAM' });
  });

  it('GET m.push_rules answers with the push rules', async () => {
    const res = await t.as(alice, { method: 'GET', url: global(alice, 'm.push_rules') });
    expect(res.json().global.override[0].rule_id).toBe('.m.rule.master');
  });
});
