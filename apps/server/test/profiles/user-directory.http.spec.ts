import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3, enc } from './helpers';

interface SearchBody {
  limited: boolean;
  results: Array<{ user_id: string; display_name?: string; avatar_url?: string }>;
}

/** POST /user_directory/search (users.yaml). */
describe.each(await dbKinds())('user directory on %s', (kind) => {
  let t: TestApp;
  let searcher: TestUser;
  let roommate: TestUser;
  let inPublic: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    t = await startTestApp(kind);
    searcher = await t.user('searcher');
    roommate = await t.user('zed-roommate');
    inPublic = await t.user('zed-public');
    stranger = await t.user('zed-stranger');
    const privateRoom = await t.createRoom(searcher, { preset: 'private_chat', invite: [roommate.userId] });
    await t.join(roommate, privateRoom);
    await t.createRoom(inPublic, { preset: 'public_chat' });
    await t.createRoom(stranger, { preset: 'private_chat' });
    await t.as(roommate, { method: 'PUT', url: `${V3}/profile/${enc(roommate.userId)}/displayname`, payload: { displayname: 'Zoë Roommate' } });
    await t.as(roommate, { method: 'PUT', url: `${V3}/profile/${enc(roommate.userId)}/avatar_url`, payload: { avatar_url: 'mxc://test.local/zoe' } });
  });
  afterAll(async () => t.close());

  const search = async (u: TestUser, body: Record<string, unknown>) => {
    const res = await t.as(u, { method: 'POST', url: `${V3}/user_directory/search`, payload: body });
    expect(res.statusCode).toBe(200);
    return res.json() as SearchBody;
  };
  const ids = (b: SearchBody) => b.results.map((r) => r.user_id).sort();

  it('finds users sharing a room with the searcher and users in public rooms, not strangers', async () => {
    expect(ids(await search(searcher, { search_term: 'zed' }))).toEqual([inPublic.userId, roommate.userId].sort());
  });

  it('matches a word of the display name, case-insensitively and by prefix, with display_name and avatar_url', async () => {
    const body = await search(searcher, { search_term: 'ROOMM' });
    expect(body).toEqual({ limited: false, results: [{ user_id: roommate.userId, display_name: 'Zoë Roommate', avatar_url: 'mxc://test.local/zoe' }] });
    expect(ids(await search(searcher, { search_term: 'zoë' }))).toEqual([roommate.userId]);
  });

  it('every word of the term must match (zoë room yes, zoë public no)', async () => {
    expect(ids(await search(searcher, { search_term: 'zoë room' }))).toEqual([roommate.userId]);
    expect(ids(await search(searcher, { search_term: 'zoë public' }))).toEqual([]);
  });

  it('matches the user ID (localpart and server name)', async () => {
    expect(ids(await search(searcher, { search_term: inPublic.userId }))).toEqual([inPublic.userId]);
  });

  it('a user found only through a private room is no longer found once the room is left', async () => {
    const u = await t.user('yolanda');
    const other = await t.user('xavier');
    const room = await t.createRoom(other, { preset: 'private_chat', invite: [u.userId] });
    await t.join(u, room);
    expect(ids(await search(other, { search_term: 'yolanda' }))).toEqual([u.userId]);
    await t.as(u, { method: 'POST', url: `${V3}/rooms/${enc(room)}/leave`, payload: {} });
    expect(ids(await search(other, { search_term: 'yolanda' }))).toEqual([]);
  });

  it('limit cuts the results and sets limited', async () => {
    const body = await search(searcher, { search_term: 'zed', limit: 1 });
    expect(body.results).toHaveLength(1);
    expect(body.limited).toBe(true);
    expect((await search(searcher, { search_term: 'zed', limit: 2 })).limited).toBe(false);
  });

  it('a term with no words finds nobody', async () => {
    expect(await search(searcher, { search_term: '@:' })).toEqual({ limited: false, results: [] });
  });

  it.each([
    [{}, 'M_MISSING_PARAM'],
    [{ search_term: 5 }, 'M_BAD_JSON'],
    [{ search_term: 'a', limit: -1 }, 'M_INVALID_PARAM'],
    [{ search_term: 'a', limit: 'ten' }, 'M_BAD_JSON'],
  ])('%j is 400 %s', async (payload, errcode) => {
    const res = await t.as(searcher, { method: 'POST', url: `${V3}/user_directory/search`, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode });
  });
});
