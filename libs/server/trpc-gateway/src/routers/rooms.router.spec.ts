import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { rejection, startGatewayHarness, type Caller, type GatewayHarness } from '../test-support';

describe.each(await dbKinds())('rooms router on %s', (kind) => {
  let h: GatewayHarness;
  let svc: Caller;
  let alice: string;
  let roomId: string;

  beforeAll(async () => {
    h = await startGatewayHarness(kind);
    svc = h.caller(await h.serviceToken('rooms:read', 'rooms:write', 'events:send'));
    alice = (await h.user('alice')).userId;
    ({ roomId } = await svc.rooms.create({ creatorUserId: alice, name: 'Zebra Lounge', topic: 'stripes', preset: 'public_chat' }));
  });
  afterAll(async () => h.close());

  describe('rooms.create', () => {
    it('creates through the createRoom use case, the creator joined with power 100', async () => {
      expect(roomId).toMatch(/^!.+:gateway\.test$/);
      const room = await svc.rooms.get({ roomId });
      expect(room).toMatchObject({ roomId, roomVersion: '11', creator: alice, name: 'Zebra Lounge', joinedMembers: 1 });
      expect(room.state).toMatchObject({ name: 'Zebra Lounge', topic: 'stripes', joinRule: 'public', memberships: { join: 1 } });
      expect(room.state.powerLevels).toMatchObject({ users: { [alice]: 100 } });
    });

    it('a creator who is not a local active user is 403 M_FORBIDDEN', async () => {
      const r = await rejection(svc.rooms.create({ creatorUserId: '@x:elsewhere.test' }), 'mutation');
      expect(r).toMatchObject({ code: 'FORBIDDEN', data: { errcode: 'M_FORBIDDEN' } });
    });

    it("the use case's refusals keep their errcode (unsupported room version)", async () => {
      const r = await rejection(svc.rooms.create({ creatorUserId: alice, roomVersion: '1' }), 'mutation');
      expect(r).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_UNSUPPORTED_ROOM_VERSION', httpStatus: 400 } });
    });

    it('a preset outside the enum is 400 M_BAD_JSON', async () => {
      const r = await rejection(svc.rooms.create({ creatorUserId: alice, preset: 'party' as 'public_chat' }), 'mutation');
      expect(r).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_BAD_JSON' } });
    });
  });

  describe('rooms.list', () => {
    it('lists rooms with name, version, joined members and last activity', async () => {
      const { items } = await svc.rooms.list({});
      const zebra = items.find((r) => r.roomId === roomId);
      expect(zebra).toMatchObject({ name: 'Zebra Lounge', roomVersion: '11', joinedMembers: 1, lastActivityTs: expect.any(Number) });
    });

    it('searches names case-insensitively, and pages with a cursor', async () => {
      await svc.rooms.create({ creatorUserId: alice, name: 'zebra annex' });
      await svc.rooms.create({ creatorUserId: alice, name: 'Lion den' });
      const found = await svc.rooms.list({ search: 'ZEBRA' });
      expect(found.items.map((r) => r.name).sort()).toEqual(['Zebra Lounge', 'zebra annex']);
      const first = await svc.rooms.list({ limit: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const second = await svc.rooms.list({ limit: 2, cursor: first.nextCursor ?? undefined });
      expect(second.items.map((r) => r.roomId)).not.toContain(first.items[0]?.roomId);
      expect([...first.items, ...second.items]).toHaveLength(3);
    });

    it('treats LIKE wildcards in a search as plain characters', async () => {
      expect((await svc.rooms.list({ search: '%' })).items).toEqual([]);
    });
  });

  describe('rooms.members and rooms.get', () => {
    it('lists every membership, joined and invited', async () => {
      const bob = (await h.user('bob')).userId;
      const { roomId: r } = await svc.rooms.create({ creatorUserId: alice, invite: [bob] });
      const { members } = await svc.rooms.members({ roomId: r });
      expect(members.map((m) => [m.userId, m.membership]).sort()).toEqual([[alice, 'join'], [bob, 'invite']].sort());
    });

    it('rooms.get shows the room\'s local aliases', async () => {
      const { roomId: r } = await svc.rooms.create({ creatorUserId: alice });
      expect((await svc.rooms.get({ roomId: r })).aliases).toEqual([]);
      await h.data.aliases.create('#gw-one:gateway.test', r, alice, Date.now());
      await h.data.aliases.create('#gw-two:gateway.test', r, alice, Date.now());
      expect((await svc.rooms.get({ roomId: r })).aliases).toEqual(['#gw-one:gateway.test', '#gw-two:gateway.test']);
    });

    it('an unknown room is 404 M_NOT_FOUND; a malformed ID is 400 M_INVALID_PARAM', async () => {
      expect(await rejection(svc.rooms.get({ roomId: '!none:gateway.test' }))).toMatchObject({ code: 'NOT_FOUND', data: { errcode: 'M_NOT_FOUND' } });
      expect(await rejection(svc.rooms.members({ roomId: 'no-bang' }))).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_INVALID_PARAM' } });
    });
  });

  describe('rooms.timeline', () => {
    it('pages backwards and forwards by cursor, visiting every event exactly once', async () => {
      const { roomId: r } = await svc.rooms.create({ creatorUserId: alice });
      for (let i = 0; i < 5; i++) {
        await svc.events.send({ roomId: r, type: 'm.room.message', content: { body: `m${i}` }, txnId: `tl-${i}`, senderUserId: alice });
      }
      const back: number[] = [];
      let from: string | undefined;
      for (;;) {
        const page = await svc.rooms.timeline({ roomId: r, dir: 'b', limit: 3, ...(from ? { from } : {}) });
        back.push(...page.events.map((e) => e.stream));
        if (page.end === null) break;
        from = page.end;
      }
      expect(back).toEqual([...back].sort((a, b) => b - a));
      expect(new Set(back).size).toBe(back.length);

      const fwd: number[] = [];
      let cursor = '0';
      for (;;) {
        const page = await svc.rooms.timeline({ roomId: r, dir: 'f', limit: 4, from: cursor });
        fwd.push(...page.events.map((e) => e.stream));
        if (page.end === null) break;
        cursor = page.end;
      }
      expect(fwd).toEqual([...back].reverse());
      const newest = await svc.rooms.timeline({ roomId: r, limit: 1 });
      expect(newest.events[0]).toMatchObject({ type: 'm.room.message', content: { body: 'm4' }, sender: alice });
    });

    it('a bad cursor is 400 M_INVALID_PARAM; an unknown room 404', async () => {
      expect(await rejection(svc.rooms.timeline({ roomId, from: 'abc' }))).toMatchObject({ data: { errcode: 'M_INVALID_PARAM' } });
      expect(await rejection(svc.rooms.timeline({ roomId: '!none:gateway.test' }))).toMatchObject({ data: { errcode: 'M_NOT_FOUND' } });
    });
  });

  describe('rooms.create and profiles (last: it adds a room)', () => {
    it("the creator's join carries its display name, as POST /createRoom's does", async () => {
      await h.data.accountStores.profiles.setProfile(alice, { displayname: 'Alice Admin' });
      const named = await svc.rooms.create({ creatorUserId: alice });
      const members = await svc.rooms.members({ roomId: named.roomId });
      expect(members.members).toEqual([expect.objectContaining({ userId: alice, membership: 'join', displayname: 'Alice Admin' })]);
    });
  });
});
