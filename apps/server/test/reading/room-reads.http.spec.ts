import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc, type ClientEvent } from './reading-helpers';

/** GET /event, /state, /members, /joined_members, /joined_rooms (rooms.yaml, list_joined_rooms.yaml). */
describe.each(await dbKinds())('room reads on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let stranger: TestUser;
  let roomId: string;
  const h = createReadingHelpers(() => t);
  const room = (path: string, r = roomId) => `/_matrix/client/v3/rooms/${enc(r)}${path}`;

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    stranger = await t.user('stranger');
    roomId = await t.createRoom(alice, { preset: 'public_chat', name: 'Reads', topic: 'about reads' });
    await t.join(bob, roomId);
  });
  afterAll(async () => t.close());

  describe('GET /rooms/{roomId}/event/{eventId}', () => {
    it('returns the event in client format to a member', async () => {
      const eventId = await h.send(alice, roomId, 'one event');
      const res = await h.get(bob, room(`/event/${enc(eventId)}`));
      expect(res.statusCode).toBe(200);
      const e = res.json() as ClientEvent & Record<string, unknown>;
      expect(e).toMatchObject({ event_id: eventId, room_id: roomId, sender: alice.userId, type: 'm.room.message', content: { body: 'one event' } });
      for (const k of ['auth_events', 'prev_events', 'hashes', 'signatures', 'depth']) expect(e[k]).toBeUndefined();
      expect(typeof e.unsigned?.['age']).toBe('number');
    });

    it.each([
      ['unknown', () => '$doesnotexist'],
      ['in another room', () => 'other'],
    ])('an event that is %s is 404 M_NOT_FOUND', async (_n, id) => {
      let eventId = id();
      if (eventId === 'other') {
        const other = await t.createRoom(bob, {});
        eventId = await h.send(bob, other, 'elsewhere');
      }
      const res = await h.get(bob, room(`/event/${enc(eventId)}`));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ errcode: 'M_NOT_FOUND', error: expect.any(String) });
    });

    it('a non-member gets 404 M_NOT_FOUND for an event that exists', async () => {
      const eventId = await h.send(alice, roomId, 'members only');
      const res = await h.get(stranger, room(`/event/${enc(eventId)}`));
      expect(res.statusCode).toBe(404);
      expect(res.json().errcode).toBe('M_NOT_FOUND');
    });

    it('a former member sees events from their membership, not after it', async () => {
      const carol = await t.user('carol');
      await t.join(carol, roomId);
      const during = await h.send(alice, roomId, 'while carol is here');
      await h.leave(carol, roomId);
      const after = await h.send(alice, roomId, 'after carol left');
      expect((await h.get(carol, room(`/event/${enc(during)}`))).statusCode).toBe(200);
      expect((await h.get(carol, room(`/event/${enc(after)}`))).statusCode).toBe(404);
    });

    it('history_visibility joined hides events from before the join', async () => {
      const r = await t.createRoom(alice, { preset: 'public_chat', initial_state: [{ type: 'm.room.history_visibility', state_key: '', content: { history_visibility: 'joined' } }] });
      const before = await h.send(alice, r, 'before dave');
      const dave = await t.user('dave');
      await t.join(dave, r);
      const after = await h.send(alice, r, 'after dave');
      expect((await h.get(dave, room(`/event/${enc(before)}`, r))).statusCode).toBe(404);
      expect((await h.get(dave, room(`/event/${enc(after)}`, r))).statusCode).toBe(200);
    });

    it('a redacted event is served pruned with unsigned.redacted_because', async () => {
      const eventId = await h.send(alice, roomId, 'regret');
      const red = await t.as(alice, { method: 'PUT', url: room(`/redact/${enc(eventId)}/r1`), payload: { reason: 'oops' } });
      expect(red.statusCode).toBe(200);
      const e = (await h.get(bob, room(`/event/${enc(eventId)}`))).json() as ClientEvent;
      expect(e.content).toEqual({});
      expect(e.unsigned?.['redacted_because']).toMatchObject({ event_id: red.json().event_id, type: 'm.room.redaction' });
    });
  });

  describe('GET /rooms/{roomId}/state', () => {
    it('returns every current state event in client format', async () => {
      const res = await h.get(bob, room('/state'));
      expect(res.statusCode).toBe(200);
      const events = res.json() as ClientEvent[];
      const types = events.map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['m.room.create', 'm.room.power_levels', 'm.room.join_rules', 'm.room.name', 'm.room.topic', 'm.room.member']));
      expect(events.every((e) => e.state_key !== undefined && e.room_id === roomId)).toBe(true);
    });

    it('/state/{type}/{key} returns the content; empty keys work with and without the trailing slash', async () => {
      for (const path of ['/state/m.room.name', '/state/m.room.name/']) {
        const res = await h.get(bob, room(path));
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ name: 'Reads' });
      }
      const member = await h.get(bob, room(`/state/m.room.member/${enc(alice.userId)}`));
      expect(member.json()).toMatchObject({ membership: 'join' });
    });

    it('format=event returns the whole client event', async () => {
      const res = await h.get(bob, room('/state/m.room.topic/?format=event'));
      expect(res.json()).toMatchObject({ type: 'm.room.topic', state_key: '', content: { topic: 'about reads' }, event_id: expect.any(String) });
    });

    it('unset state is 404 M_NOT_FOUND', async () => {
      const res = await h.get(bob, room('/state/m.room.avatar'));
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ errcode: 'M_NOT_FOUND', error: expect.any(String) });
    });

    it('a non-member, and an unknown room, are 403 M_FORBIDDEN', async () => {
      for (const [user, r] of [[stranger, roomId], [bob, '!nope:test.local']] as const) {
        for (const path of ['/state', '/state/m.room.name', '/members']) {
          const res = await h.get(user, room(path, r));
          expect(res.statusCode).toBe(403);
          expect(res.json()).toEqual({ errcode: 'M_FORBIDDEN', error: expect.any(String) });
        }
      }
    });

    it('a former member reads the state as it was when they left', async () => {
      const erin = await t.user('erin');
      await t.join(erin, roomId);
      await h.leave(erin, roomId);
      await t.as(alice, { method: 'PUT', url: room('/state/m.room.name/'), payload: { name: 'Renamed' } });
      expect((await h.get(erin, room('/state/m.room.name'))).json()).toEqual({ name: 'Reads' });
      expect((await h.get(bob, room('/state/m.room.name'))).json()).toEqual({ name: 'Renamed' });
      await t.as(alice, { method: 'PUT', url: room('/state/m.room.name/'), payload: { name: 'Reads' } });
    });

    it('a malformed room ID is 400 M_INVALID_PARAM', async () => {
      const res = await h.get(bob, '/_matrix/client/v3/rooms/nope/state');
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
    });
  });

  describe('members', () => {
    it('/members lists member events and filters on membership / not_membership', async () => {
      const invitee = await t.user('invitee');
      await h.invite(alice, roomId, invitee.userId);
      const all = (await h.get(bob, room('/members?at=s1'))).json().chunk as ClientEvent[];
      expect(all.every((e) => e.type === 'm.room.member')).toBe(true);
      expect(all.map((e) => e.state_key)).toEqual(expect.arrayContaining([alice.userId, bob.userId, invitee.userId]));
      const joined = (await h.get(bob, room('/members?membership=join'))).json().chunk as ClientEvent[];
      expect(joined.every((e) => e.content['membership'] === 'join')).toBe(true);
      const notJoined = (await h.get(bob, room('/members?not_membership=join'))).json().chunk as ClientEvent[];
      expect(notJoined.map((e) => e.state_key)).toContain(invitee.userId);
      expect(notJoined.some((e) => e.content['membership'] === 'join')).toBe(false);
      const bad = await h.get(bob, room('/members?membership=joined'));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errcode).toBe('M_INVALID_PARAM');
    });

    it('/joined_members maps joined users to their profile', async () => {
      const res = await h.get(bob, room('/joined_members'));
      expect(res.statusCode).toBe(200);
      const joined = res.json().joined as Record<string, unknown>;
      expect(Object.keys(joined).sort()).toEqual([alice.userId, bob.userId].sort());
      expect((await h.get(stranger, room('/joined_members'))).statusCode).toBe(403);
    });

    it('/joined_members always sends display_name and avatar_url, null when unset (matrix-nio needs both)', async () => {
      // Every account starts with its localpart as display name; clearing alice's leaves one unset.
      const cleared = await t.as(alice, { method: 'PUT', url: `/_matrix/client/v3/profile/${enc(alice.userId)}/displayname`, payload: { displayname: null } });
      expect(cleared.statusCode).toBe(200);
      const joined = (await h.get(bob, room('/joined_members'))).json().joined as Record<string, Record<string, unknown>>;
      for (const member of Object.values(joined)) {
        expect(Object.keys(member).sort()).toEqual(['avatar_url', 'display_name']);
        expect(member['avatar_url']).toBeNull();
        expect(member['display_name'] === null || typeof member['display_name'] === 'string').toBe(true);
      }
      expect(Object.values(joined).some((m) => m['display_name'] === null)).toBe(true);
    });

    it('/joined_rooms lists the rooms the user is joined to', async () => {
      const res = await h.get(bob, '/_matrix/client/v3/joined_rooms');
      expect(res.json().joined_rooms).toContain(roomId);
      expect((await h.get(stranger, '/_matrix/client/r0/joined_rooms')).json()).toEqual({ joined_rooms: [] });
    });
  });

  it('the send path still answers 405 for GET (routes do not overlap)', async () => {
    const res = await h.get(bob, sendPath(roomId, 'm.room.message', 'x'));
    expect(res.statusCode).toBe(405);
  });
});
