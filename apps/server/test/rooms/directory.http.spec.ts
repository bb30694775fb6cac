import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';

const enc = encodeURIComponent;

describe.each(await dbKinds())('room aliases and the public room directory (%s)', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    admin = await t.user('root', { admin: true });
  });
  afterAll(async () => t.close());

  const putAlias = (user: TestUser, alias: string, roomId: string) =>
    t.as(user, { method: 'PUT', url: `/_matrix/client/v3/directory/room/${enc(alias)}`, payload: { room_id: roomId } });
  const getAlias = (alias: string) => t.app.inject({ method: 'GET', url: `/_matrix/client/v3/directory/room/${enc(alias)}` });
  const deleteAlias = (user: TestUser, alias: string) => t.as(user, { method: 'DELETE', url: `/_matrix/client/v3/directory/room/${enc(alias)}` });
  const uniq = (name: string) => `${name}${Math.random().toString(36).slice(2, 8)}`;

  it('PUT then GET /directory/room/{alias} maps the alias to the room, with this server', async () => {
    const roomId = await t.createRoom(alice);
    const alias = `#${uniq('lobby')}:test.local`;
    expect((await putAlias(alice, alias, roomId)).statusCode).toBe(200);
    const res = await getAlias(alias);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ room_id: roomId, servers: ['test.local'] });
  });

  it('a taken alias is 409; an alias of another server or malformed is 400; an unknown one 404', async () => {
    const roomId = await t.createRoom(alice);
    const alias = `#${uniq('taken')}:test.local`;
    await putAlias(alice, alias, roomId);
    expect((await putAlias(alice, alias, roomId)).statusCode).toBe(409);
    const remote = await putAlias(alice, '#x:elsewhere.example', roomId);
    expect(remote.statusCode).toBe(400);
    expect(remote.json().errcode).toBe('M_INVALID_PARAM');
    expect((await putAlias(alice, 'no-hash:test.local', roomId)).statusCode).toBe(400);
    const unknown = await getAlias('#nothing-here:test.local');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errcode).toBe('M_NOT_FOUND');
  });

  it('only a member of the room may create an alias for it (403 M_FORBIDDEN); a server admin may', async () => {
    const roomId = await t.createRoom(alice);
    const res = await putAlias(bob, `#${uniq('bobs')}:test.local`, roomId);
    expect(res.statusCode).toBe(403);
    expect(res.json().errcode).toBe('M_FORBIDDEN');
    expect((await putAlias(admin, `#${uniq('admins')}:test.local`, roomId)).statusCode).toBe(200);
  });

  it('deletion: the creator, a server admin, or a member allowed to send m.room.canonical_alias; not others', async () => {
    const roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
    const bobs = `#${uniq('bobs')}:test.local`;
    const alices = `#${uniq('alices')}:test.local`;
    const another = `#${uniq('another')}:test.local`;
    expect((await putAlias(bob, bobs, roomId)).statusCode).toBe(200);
    expect((await putAlias(alice, alices, roomId)).statusCode).toBe(200);
    expect((await putAlias(alice, another, roomId)).statusCode).toBe(200);
    // bob (power 0 < 50 for m.room.canonical_alias) may not delete alice's alias…
    const denied = await deleteAlias(bob, alices);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().errcode).toBe('M_FORBIDDEN');
    // …but may delete his own; alice (power 100) may delete bob's; an admin anyone's.
    expect((await deleteAlias(bob, bobs)).statusCode).toBe(200);
    expect((await getAlias(bobs)).statusCode).toBe(404);
    expect((await putAlias(bob, bobs, roomId)).statusCode).toBe(200);
    expect((await deleteAlias(alice, bobs)).statusCode).toBe(200);
    expect((await deleteAlias(admin, alices)).statusCode).toBe(200);
    expect((await deleteAlias(admin, alices)).statusCode).toBe(404);
  });

  it('GET /rooms/{roomId}/aliases lists local aliases to members; others get 403', async () => {
    const roomId = await t.createRoom(alice);
    const a1 = `#${uniq('a')}:test.local`;
    const a2 = `#${uniq('b')}:test.local`;
    await putAlias(alice, a1, roomId);
    await putAlias(alice, a2, roomId);
    const res = await t.as(alice, { method: 'GET', url: `/_matrix/client/v3/rooms/${enc(roomId)}/aliases` });
    expect(res.statusCode).toBe(200);
    expect(res.json().aliases.sort()).toEqual([a1, a2].sort());
    expect((await t.as(bob, { method: 'GET', url: `/_matrix/client/v3/rooms/${enc(roomId)}/aliases` })).statusCode).toBe(403);
  });

  it('createRoom with room_alias_name maps the alias and sets m.room.canonical_alias; a taken one is 400 M_ROOM_IN_USE', async () => {
    const name = uniq('made');
    const roomId = await t.createRoom(alice, { room_alias_name: name });
    expect((await getAlias(`#${name}:test.local`)).json().room_id).toBe(roomId);
    const state = await t.as(alice, { method: 'GET', url: `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.canonical_alias/` });
    expect(state.json()).toEqual({ alias: `#${name}:test.local` });
    const again = await t.as(alice, { method: 'POST', url: '/_matrix/client/v3/createRoom', payload: { room_alias_name: name } });
    expect(again.statusCode).toBe(400);
    expect(again.json().errcode).toBe('M_ROOM_IN_USE');
  });

  it('deleting the canonical alias takes it out of m.room.canonical_alias, as Synapse does', async () => {
    const name = uniq('canon');
    const roomId = await t.createRoom(alice, { room_alias_name: name });
    const alt = `#${uniq('alt')}:test.local`;
    await putAlias(alice, alt, roomId);
    const stateUrl = `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.canonical_alias/`;
    await t.as(alice, { method: 'PUT', url: stateUrl, payload: { alias: `#${name}:test.local`, alt_aliases: [alt] } });
    expect((await deleteAlias(alice, `#${name}:test.local`)).statusCode).toBe(200);
    expect((await t.as(alice, { method: 'GET', url: stateUrl })).json()).toEqual({ alt_aliases: [alt] });
    expect((await deleteAlias(alice, alt)).statusCode).toBe(200);
    expect((await t.as(alice, { method: 'GET', url: stateUrl })).json()).toEqual({ alt_aliases: [] });
  });

  it('joining by alias (/join/#alias:server) joins the mapped room', async () => {
    const name = uniq('joinme');
    const roomId = await t.createRoom(alice, { room_alias_name: name, preset: 'public_chat' });
    const res = await t.as(bob, { method: 'POST', url: `/_matrix/client/v3/join/${enc(`#${name}:test.local`)}`, payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ room_id: roomId });
    const joined = await t.as(bob, { method: 'GET', url: '/_matrix/client/v3/joined_rooms' });
    expect(joined.json().joined_rooms).toContain(roomId);
  });

  it('directory visibility: createRoom visibility, GET/PUT /directory/list/room, only by who may change it', async () => {
    const roomId = await t.createRoom(alice);
    const url = `/_matrix/client/v3/directory/list/room/${enc(roomId)}`;
    expect((await t.app.inject({ method: 'GET', url })).json()).toEqual({ visibility: 'private' });
    expect((await t.as(bob, { method: 'PUT', url, payload: { visibility: 'public' } })).statusCode).toBe(403);
    expect((await t.as(alice, { method: 'PUT', url, payload: { visibility: 'sideways' } })).statusCode).toBe(400);
    expect((await t.as(alice, { method: 'PUT', url, payload: { visibility: 'public' } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url })).json()).toEqual({ visibility: 'public' });
    const unknown = await t.app.inject({ method: 'GET', url: `/_matrix/client/v3/directory/list/room/${enc('!nope:test.local')}` });
    expect(unknown.statusCode).toBe(404);
  });

  it('publicRooms lists published rooms with their entry, pages with limit/since, and filters by generic_search_term', async () => {
    // A fresh server, so the list holds only what this test publishes.
    const t2 = await startTestApp(kind);
    try {
      const owner = await t2.user('owner');
      const member = await t2.user('member');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push(
          await t2.createRoom(owner, {
            visibility: 'public',
            preset: 'public_chat',
            name: i === 3 ? 'Wombat fans' : `Room ${i}`,
            topic: i === 1 ? 'all about WOMBATS' : `topic ${i}`,
            room_alias_name: `pub${i}`,
          }),
        );
      }
      await t2.createRoom(owner, { name: 'secret wombat' }); // private: never listed
      await t2.join(member, ids[0] ?? '');

      const all = await t2.app.inject({ method: 'GET', url: '/_matrix/client/v3/publicRooms' });
      expect(all.statusCode).toBe(200);
      const chunk = all.json().chunk as Array<Record<string, unknown>>;
      expect(chunk.map((c) => c['room_id']).sort()).toEqual([...ids].sort());
      const first = chunk.find((c) => c['room_id'] === ids[0]);
      expect(first).toMatchObject({
        name: 'Room 0',
        topic: 'topic 0',
        canonical_alias: '#pub0:test.local',
        num_joined_members: 2,
        world_readable: false,
        guest_can_join: false,
        join_rule: 'public',
      });

      const seen: string[] = [];
      let since: string | undefined;
      for (let page = 0; page < 5; page++) {
        const res = await t2.app.inject({ method: 'GET', url: `/_matrix/client/v3/publicRooms?limit=2${since ? `&since=${since}` : ''}` });
        const body = res.json();
        expect(body.chunk.length).toBeLessThanOrEqual(2);
        seen.push(...body.chunk.map((c: { room_id: string }) => c.room_id));
        since = body.next_batch;
        if (!since) break;
      }
      expect(seen.sort()).toEqual([...ids].sort());

      const search = await t2.as(member, { method: 'POST', url: '/_matrix/client/v3/publicRooms', payload: { filter: { generic_search_term: 'wombat' } } });
      expect(search.statusCode).toBe(200);
      expect(search.json().chunk.map((c: { room_id: string }) => c.room_id).sort()).toEqual([ids[1], ids[3]].sort());
      const bad = await t2.app.inject({ method: 'GET', url: '/_matrix/client/v3/publicRooms?since=%25%25' });
      expect(bad.statusCode).toBe(400);
    } finally {
      await t2.close();
    }
  });
});
