import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';

/**
 * SEND_CONTRACT.md, rule by rule, over HTTP (app.inject) on every database kind.
 * Test names start with the contract's section number.
 */
describe.each(await dbKinds())('send contract over HTTP on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
  });
  afterAll(async () => t.close());

  const send = (user: TestUser, txnId: string, payload: unknown, opts: { room?: string; type?: string; prefix?: string } = {}) =>
    t.as(user, {
      method: 'PUT',
      url: sendPath(opts.room ?? roomId, opts.type ?? 'm.room.message', txnId, opts.prefix),
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });
  const msg = (body: string) => ({ msgtype: 'm.text', body });

  describe('§1 request and response', () => {
    it('§1 PUT on v3 returns 200 {event_id}', async () => {
      const res = await send(alice, 'r1', msg('hi'));
      expect(res.statusCode).toBe(200);
      expect(Object.keys(res.json())).toEqual(['event_id']);
      expect(res.json().event_id).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
    });

    it('§1 the legacy r0 prefix works too', async () => {
      const res = await send(alice, 'r0-1', msg('hi'), { prefix: 'r0' });
      expect(res.statusCode).toBe(200);
    });

    it.each(['GET', 'POST', 'DELETE', 'PATCH'])('§1 %s on the send path is 405 M_UNRECOGNIZED', async (method) => {
      const res = await t.as(alice, { method: method as 'GET', url: sendPath(roomId, 'm.room.message', 'm1') });
      expect(res.statusCode).toBe(405);
      expect(res.json()).toMatchObject({ errcode: 'M_UNRECOGNIZED' });
    });

    it.each([
      ['unknown path', '/_matrix/client/v3/rooms/x/sned/a/b'],
      ['trailing slash', `${sendPath('!a:b', 'm.room.message', 't')}/`],
      ['empty txn segment', `/_matrix/client/v3/rooms/${encodeURIComponent('!a:b')}/send/m.room.message/`],
      ['empty type segment', `/_matrix/client/v3/rooms/${encodeURIComponent('!a:b')}/send//t1`],
      ['empty room segment', '/_matrix/client/v3/rooms//send/m.room.message/t1'],
    ])('§1 %s is 404 M_UNRECOGNIZED', async (_name, url) => {
      const res = await t.as(alice, { method: 'PUT', url, payload: '{}' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ errcode: 'M_UNRECOGNIZED' });
    });

    it('§1 path segments are percent-decoded once: a%2Fb and its differently encoded twin are one txn', async () => {
      const a = await t.as(alice, { method: 'PUT', url: `${sendPath(roomId, 'm.room.message', 'x')}`.replace(/x$/, 'a%2Fb'), payload: msg('1') });
      const b = await t.as(alice, { method: 'PUT', url: `${sendPath(roomId, 'm.room.message', 'x')}`.replace(/x$/, 'a%2fb'), payload: msg('2') });
      expect(a.statusCode).toBe(200);
      expect(b.json().event_id).toBe(a.json().event_id);
    });

    it.each([
      ['event type', (r: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(r)}/send/m.a%00b/nul1`],
      ['txn id', (r: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(r)}/send/m.room.message/a%00b`],
    ])('§1 a NUL in the %s is 400 M_INVALID_PARAM, never a database error', async (_n, url) => {
      const res = await t.as(alice, { method: 'PUT', url: url(roomId), payload: msg('x') });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
    });

    it('§6 a NUL in an annotation key is 400 M_INVALID_PARAM', async () => {
      const target = (await send(alice, 'nul-target', msg('x'))).json().event_id;
      const res = await send(bob, 'nul-key', { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key: 'a\u0000b' } }, { type: 'm.reaction' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
    });

    it('§1 a raw !room:server in the path works like the encoded form', async () => {
      const res = await t.as(alice, { method: 'PUT', url: `/_matrix/client/v3/rooms/${roomId}/send/m.room.message/rawpath`, payload: msg('raw') });
      expect(res.statusCode).toBe(200);
    });

    it('§1 every error body is {errcode, error} JSON, never HTML or a stack', async () => {
      const res = await send(alice, 'e1', '{"broken"');
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const body = res.json();
      expect(typeof body.errcode).toBe('string');
      expect(typeof body.error).toBe('string');
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    });
  });

  describe('§2 who is sending', () => {
    const put = (headers: Record<string, string>, query = '') =>
      t.app.inject({ method: 'PUT', url: sendPath(roomId, 'm.room.message', 'auth1') + query, payload: msg('x'), headers });

    it('§2 no token is 401 M_MISSING_TOKEN', async () => {
      const res = await put({});
      expect(res.statusCode).toBe(401);
      expect(res.json().errcode).toBe('M_MISSING_TOKEN');
    });

    it('§2 the Bearer scheme is case-insensitive', async () => {
      const res = await put({ authorization: `bearer ${alice.accessToken}` });
      expect(res.statusCode).toBe(200);
    });

    it('§2 the deprecated access_token query parameter works', async () => {
      const res = await t.app.inject({ method: 'PUT', url: `${sendPath(roomId, 'm.room.message', 'q1')}?access_token=${alice.accessToken}`, payload: msg('q') });
      expect(res.statusCode).toBe(200);
    });

    it('§2 header and query token at once is 401 M_MISSING_TOKEN', async () => {
      const res = await put({ authorization: `Bearer ${alice.accessToken}` }, `?access_token=${alice.accessToken}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().errcode).toBe('M_MISSING_TOKEN');
    });

    it('§2 two Authorization headers is 401 M_MISSING_TOKEN', async () => {
      const res = await t.app.inject({
        method: 'PUT',
        url: sendPath(roomId, 'm.room.message', 'two'),
        payload: msg('x'),
        headers: { authorization: [`Bearer ${alice.accessToken}`, `Bearer ${bob.accessToken}`] as unknown as string },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().errcode).toBe('M_MISSING_TOKEN');
    });

    it.each([['Basic', `Basic ${Buffer.from('a:b').toString('base64')}`], ['empty bearer', 'Bearer '], ['bare scheme', 'Bearer']])(
      '§2 %s is 401',
      async (_n, header) => {
        const res = await put({ authorization: header });
        expect(res.statusCode).toBe(401);
        expect(res.json().errcode).toBe('M_MISSING_TOKEN');
      },
    );

    it('§2 an unknown token is 401 M_UNKNOWN_TOKEN with soft_logout false', async () => {
      const res = await put({ authorization: 'Bearer not-a-token' });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ errcode: 'M_UNKNOWN_TOKEN', error: expect.any(String), soft_logout: false });
    });

    it('§2 a deactivated account is 403 M_USER_DEACTIVATED', async () => {
      const carol = await t.user('carol');
      await t.data.accounts.setDeactivated(carol.userId, true);
      const res = await send(carol, 'd1', msg('x'));
      expect(res.statusCode).toBe(403);
      expect(res.json().errcode).toBe('M_USER_DEACTIVATED');
    });

    it('§2 an expired token is 401 M_UNKNOWN_TOKEN with soft_logout true', async () => {
      const gina = await t.user('gina');
      await t.data.db.prisma.accessToken.updateMany({ where: { user_id: gina.userId }, data: { expires_at: 1n } });
      const res = await send(gina, 'x1', msg('x'));
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ errcode: 'M_UNKNOWN_TOKEN', soft_logout: true });
    });

    it('§2 a locked account is 401 M_USER_LOCKED', async () => {
      const hank = await t.user('hank');
      await t.data.db.prisma.user.update({ where: { user_id: hank.userId }, data: { locked: true } });
      const res = await send(hank, 'x1', msg('x'));
      expect(res.statusCode).toBe(401);
      expect(res.json().errcode).toBe('M_USER_LOCKED');
    });

    it('§2 tokens are stored hashed, never in plain text', async () => {
      const rows = await t.data.db.prisma.accessToken.findMany({ where: { user_id: alice.userId } });
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.token_hash).not.toBe(alice.accessToken);
        expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
      }
    });
  });

  describe('§3 room and permission', () => {
    it.each(['not-a-room', '!nocolon', '#alias:server', '!a:b c'])('§3 malformed room ID %s is 400 M_INVALID_PARAM', async (bad) => {
      const res = await send(alice, 'm1', msg('x'), { room: bad });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
    });

    it('§3 an unknown room and a room the sender is not in give the same 403', async () => {
      const outsider = await t.user('outsider');
      const unknown = await send(outsider, 'u1', msg('x'), { room: '!doesnotexist:test.local' });
      const notJoined = await send(outsider, 'u2', msg('x'));
      expect(unknown.statusCode).toBe(403);
      expect(notJoined.statusCode).toBe(403);
      expect(unknown.json()).toEqual(notJoined.json());
      expect(unknown.json().errcode).toBe('M_FORBIDDEN');
    });

    it('§3 a sender who left can no longer send', async () => {
      const dave = await t.user('dave');
      await t.join(dave, roomId);
      expect((await send(dave, 'l1', msg('x'))).statusCode).toBe(200);
      await t.as(dave, { method: 'POST', url: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/leave`, payload: {} });
      const res = await send(dave, 'l2', msg('x'));
      expect(res.statusCode).toBe(403);
    });

    it('§3 below the power level for the type is 403 naming both levels', async () => {
      const room = await t.createRoom(alice, {
        preset: 'public_chat',
        power_level_content_override: { events: { 'm.room.message': 50 } },
      });
      await t.join(bob, room);
      const res = await send(bob, 'p1', msg('x'), { room });
      expect(res.statusCode).toBe(403);
      expect(res.json().errcode).toBe('M_FORBIDDEN');
      expect(res.json().error).toMatch(/0/);
      expect(res.json().error).toMatch(/50/);
      expect((await send(alice, 'p2', msg('x'), { room })).statusCode).toBe(200);
    });

    it('§3 events_default applies when the type has no entry', async () => {
      const room = await t.createRoom(alice, { preset: 'public_chat', power_level_content_override: { events_default: 20 } });
      await t.join(bob, room);
      expect((await send(bob, 'ed1', msg('x'), { room, type: 'com.example.custom' })).statusCode).toBe(403);
    });

    it.each([
      'm.room.create', 'm.room.member', 'm.room.power_levels', 'm.room.join_rules', 'm.room.history_visibility', 'm.room.name',
      'm.room.topic', 'm.room.avatar', 'm.room.canonical_alias', 'm.room.tombstone', 'm.room.server_acl', 'm.room.encryption',
      'm.room.third_party_invite', 'm.room.guest_access',
    ])('§3 state-only type %s is 400 M_INVALID_PARAM', async (type) => {
      const res = await send(alice, `s-${type}`, { x: 1 }, { type });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
    });
  });

  describe('§4 the body', () => {
    it.each([
      ['empty', ''],
      ['truncated', '{"a":'],
      ['NaN', '{"a": NaN}'],
      ['Infinity', '{"a": Infinity}'],
      ['not UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
    ])('§4 %s body is 400 M_NOT_JSON', async (_n, payload) => {
      const res = await t.as(alice, { method: 'PUT', url: sendPath(roomId, 'm.room.message', `nj-${_n}`), payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_NOT_JSON');
    });

    it.each([['array', '[]'], ['string', '"x"'], ['number', '1'], ['null', 'null']])('§4 JSON %s (not an object) is 400 M_BAD_JSON', async (n, payload) => {
      const res = await send(alice, `nb-${n}`, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_BAD_JSON');
    });

    it.each([
      ['float', '{"a": 1.5}'],
      ['1.0', '{"a": 1.0}'],
      ['exponent', '{"a": 1e3}'],
      ['-0', '{"a": -0}'],
      ['too large', '{"a": 9007199254740992}'],
      ['too small', '{"a": -9007199254740992}'],
      ['duplicate keys', '{"a": 1, "a": 2}'],
    ])('§4 canonical JSON: %s is 400 M_BAD_JSON', async (n, payload) => {
      const res = await send(alice, `cj-${n}`, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_BAD_JSON');
    });

    it('§4 the largest safe integers are accepted', async () => {
      const res = await send(alice, 'big-ok', '{"a": 9007199254740991, "b": -9007199254740991}');
      expect(res.statusCode).toBe(200);
    });

    it('§4 event type over 255 bytes is 413 M_TOO_LARGE', async () => {
      const res = await send(alice, 'tl1', msg('x'), { type: 'x'.repeat(256) });
      expect(res.statusCode).toBe(413);
      expect(res.json().errcode).toBe('M_TOO_LARGE');
    });

    it('§4 a PDU over 65,536 bytes is 413 M_TOO_LARGE, one just under is accepted', async () => {
      const big = await send(alice, 'pdu-big', { body: 'x'.repeat(65_000) });
      expect(big.statusCode).toBe(413);
      expect(big.json().errcode).toBe('M_TOO_LARGE');
      const ok = await send(alice, 'pdu-ok', { body: 'x'.repeat(60_000) });
      expect(ok.statusCode).toBe(200);
    });

    it('§4 a body far over the limit is refused before parsing with 413 M_TOO_LARGE', async () => {
      const res = await send(alice, 'huge', `{"body":"${'x'.repeat(2_000_000)}"}`);
      expect(res.statusCode).toBe(413);
      expect(res.json().errcode).toBe('M_TOO_LARGE');
    });

    it('§4 Content-Type is not required', async () => {
      const res = await t.app.inject({
        method: 'PUT',
        url: sendPath(roomId, 'm.room.message', 'noct'),
        payload: Buffer.from(JSON.stringify(msg('no content type'))),
        headers: { authorization: `Bearer ${alice.accessToken}`, 'content-type': '' },
      });
      expect(res.statusCode).toBe(200);
    });

    it('§4 content is stored as received, unknown keys and all, and comes back byte-equal in canonical form', async () => {
      const body = '{"z":1,"msgtype":"m.text","body":"é\\u00e9\\ud83d\\ude00","__proto__":{"x":1},"constructor":"c","nested":{"b":[1,{"a":null}],"a":true}}';
      const res = await send(alice, 'opaque', body);
      expect(res.statusCode).toBe(200);
      const stored = await t.data.events.getEvent(res.json().event_id);
      expect(JSON.stringify(stored?.pdu.content)).toBe(
        '{"__proto__":{"x":1},"body":"éé😀","constructor":"c","msgtype":"m.text","nested":{"a":true,"b":[1,{"a":null}]},"z":1}',
      );
      expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    });
  });

  describe('§5 transaction IDs', () => {
    it('§5 the same txn twice returns the original event_id; one event is stored', async () => {
      const a = await send(alice, 'same', msg('one'));
      const b = await send(alice, 'same', msg('one'));
      expect(b.statusCode).toBe(200);
      expect(b.json().event_id).toBe(a.json().event_id);
      const count = await t.data.db.prisma.clientTxn.count({ where: { user_id: alice.userId, txn_id: 'same' } });
      expect(count).toBe(1);
    });

    it('§5 same txn, changed body → original event_id', async () => {
      const a = await send(alice, 'changed', msg('one'));
      const b = await send(alice, 'changed', msg('two'));
      expect(b.json().event_id).toBe(a.json().event_id);
    });

    it('§5 same txn, body now invalid → still the original 200', async () => {
      const a = await send(alice, 'nowbad', msg('one'));
      const b = await send(alice, 'nowbad', '{"broken"');
      expect(b.statusCode).toBe(200);
      expect(b.json().event_id).toBe(a.json().event_id);
    });

    it('§5 a new token on the same device shares the transaction scope', async () => {
      const a = await send(alice, 'dev', msg('x'));
      const again = await t.login(alice.userId, alice.deviceId);
      const b = await send(again, 'dev', msg('x'));
      expect(b.json().event_id).toBe(a.json().event_id);
    });

    it('§5 another device of the same user does not', async () => {
      const a = await send(alice, 'otherdev', msg('x'));
      const laptop = await t.login(alice.userId);
      const b = await send(laptop, 'otherdev', msg('x'));
      expect(b.statusCode).toBe(200);
      expect(b.json().event_id).not.toBe(a.json().event_id);
    });

    it('§5 same txn in another room, or with another event type, is a new event', async () => {
      const other = await t.createRoom(alice);
      const a = await send(alice, 'scope', msg('x'));
      const b = await send(alice, 'scope', msg('x'), { room: other });
      const c = await send(alice, 'scope', msg('x'), { type: 'com.example.other' });
      expect(new Set([a.json().event_id, b.json().event_id, c.json().event_id]).size).toBe(3);
    });

    it('§5 a retransmission after the sender left still returns the original event', async () => {
      const erin = await t.user('erin');
      await t.join(erin, roomId);
      const a = await send(erin, 'left', msg('x'));
      await t.as(erin, { method: 'POST', url: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/leave`, payload: {} });
      const b = await send(erin, 'left', msg('x'));
      expect(b.statusCode).toBe(200);
      expect(b.json().event_id).toBe(a.json().event_id);
    });

    it('§5 a failed request is not remembered: a retry runs afresh', async () => {
      const frank = await t.user('frank');
      const failed = await send(frank, 'retry', msg('x'));
      expect(failed.statusCode).toBe(403);
      await t.join(frank, roomId);
      const ok = await send(frank, 'retry', msg('x'));
      expect(ok.statusCode).toBe(200);
    });

    it('§5 50 identical PUTs at once → one event, 50 identical event_ids', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => send(alice, 'storm', msg('storm'))));
      expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
      expect(new Set(results.map((r) => r.json().event_id)).size).toBe(1);
      const events = await t.data.db.prisma.event.count({ where: { room_id: roomId, sender: alice.userId, json: { contains: '"storm"' } } });
      expect(events).toBe(1);
    });
  });

  describe('§6 relations and annotations', () => {
    let target: string;
    beforeAll(async () => {
      target = (await send(alice, 'target', msg('react to me'))).json().event_id;
    });
    const reaction = (key: unknown, eventId = target) => ({ 'm.relates_to': { rel_type: 'm.annotation', event_id: eventId, key } });

    it('§6 an annotation needs a string key', async () => {
      const res = await send(bob, 'nokey', reaction(undefined), { type: 'm.reaction' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
      expect((await send(bob, 'numkey', reaction(5), { type: 'm.reaction' })).json().errcode).toBe('M_INVALID_PARAM');
    });

    it('§6 an annotation key over 500 bytes is 400 M_INVALID_PARAM', async () => {
      const res = await send(bob, 'longkey', reaction('k'.repeat(501)), { type: 'm.reaction' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
      expect((await send(bob, 'key500', reaction('k'.repeat(500)), { type: 'm.reaction' })).statusCode).toBe(200);
    });

    it('§6 a relation to an unknown event is 400 M_INVALID_PARAM', async () => {
      const res = await send(bob, 'unknowntarget', reaction('👍', '$doesnotexist'), { type: 'm.reaction' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
    });

    it('§6 a relation to an event in another room is 400 M_INVALID_PARAM', async () => {
      const other = await t.createRoom(alice);
      const elsewhere = (await send(alice, 'elsewhere', msg('x'), { room: other })).json().event_id;
      const res = await send(alice, 'crossroom', reaction('👍', elsewhere), { type: 'm.reaction' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
    });

    it('§6 a thread rooted at an event that has a relation is 400 M_INVALID_PARAM', async () => {
      const r = (await send(bob, 'rootrel', reaction('🚀'), { type: 'm.reaction' })).json().event_id;
      const res = await send(alice, 'badthread', { ...msg('t'), 'm.relates_to': { rel_type: 'm.thread', event_id: r } });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
      const ok = await send(alice, 'goodthread', { ...msg('t'), 'm.relates_to': { rel_type: 'm.thread', event_id: target } });
      expect(ok.statusCode).toBe(200);
    });

    it('§6 the same annotation again is 400 M_DUPLICATE_ANNOTATION', async () => {
      expect((await send(bob, 'dup1', reaction('👍'), { type: 'm.reaction' })).statusCode).toBe(200);
      const res = await send(bob, 'dup2', reaction('👍'), { type: 'm.reaction' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_DUPLICATE_ANNOTATION');
    });

    it('§6 another key, sender or event type is not a duplicate', async () => {
      expect((await send(bob, 'other1', reaction('👎'), { type: 'm.reaction' })).statusCode).toBe(200);
      expect((await send(alice, 'other2', reaction('👍'), { type: 'm.reaction' })).statusCode).toBe(200);
      expect((await send(bob, 'other3', reaction('👍'), { type: 'com.example.vote' })).statusCode).toBe(200);
    });

    it('§6 20 identical reactions with different txnIds at once → exactly one 200', async () => {
      const fresh = (await send(alice, 'race-target', msg('race'))).json().event_id;
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send(bob, `race-${i}`, reaction('🏁', fresh), { type: 'm.reaction' })));
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(results.filter((r) => r.statusCode === 400).every((r) => r.json().errcode === 'M_DUPLICATE_ANNOTATION')).toBe(true);
      expect(codes.filter((c) => c === 400)).toHaveLength(19);
    });

    it('§6 redacting the annotation frees its key', async () => {
      const fresh = (await send(alice, 'free-target', msg('free'))).json().event_id;
      const first = (await send(bob, 'free1', reaction('🔁', fresh), { type: 'm.reaction' })).json().event_id;
      expect((await send(bob, 'free2', reaction('🔁', fresh), { type: 'm.reaction' })).json().errcode).toBe('M_DUPLICATE_ANNOTATION');
      const red = await send(bob, 'free-redact', { redacts: first }, { type: 'm.room.redaction' });
      expect(red.statusCode).toBe(200);
      expect((await send(bob, 'free3', reaction('🔁', fresh), { type: 'm.reaction' })).statusCode).toBe(200);
    });
  });

  describe('§3 redactions through /send', () => {
    it('§3 a sender may redact its own event; the target is pruned', async () => {
      const own = (await send(bob, 'own', { msgtype: 'm.text', body: 'secret' })).json().event_id;
      const res = await send(bob, 'own-redact', { redacts: own, reason: 'oops' }, { type: 'm.room.redaction' });
      expect(res.statusCode).toBe(200);
      const stored = await t.data.events.getEvent(own);
      expect(stored?.pdu.content).toEqual({});
      expect(stored?.redactedBy).toBe(res.json().event_id);
    });

    it('§3 redacting another user\'s event needs the redact level', async () => {
      const bobs = (await send(bob, 'bobs', msg('mine'))).json().event_id;
      const carol = await t.user('carol');
      await t.join(carol, roomId);
      const denied = await send(carol, 'carol-redact', { redacts: bobs }, { type: 'm.room.redaction' });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().errcode).toBe('M_FORBIDDEN');
      const allowed = await send(alice, 'alice-redact', { redacts: bobs }, { type: 'm.room.redaction' });
      expect(allowed.statusCode).toBe(200);
    });

    it('§3 in room version 10, redacts is also set at the top level', async () => {
      const room = await t.createRoom(alice, { room_version: '10' });
      const e = (await send(alice, 'v10-target', msg('x'), { room })).json().event_id;
      const r = (await send(alice, 'v10-redact', { redacts: e }, { room, type: 'm.room.redaction' })).json().event_id;
      const stored = await t.data.events.getEvent(r);
      expect(stored?.pdu['redacts']).toBe(e);
      expect(stored?.pdu.content['redacts']).toBe(e);
    });
  });

  describe('§7 the event that is stored', () => {
    it('§7 the server sets every PDU field; event_id is the reference hash', async () => {
      const res = await send(alice, 'pdu', msg('full pdu'));
      const stored = await t.data.events.getEvent(res.json().event_id);
      const pdu = stored?.pdu as Record<string, unknown>;
      expect(pdu).toMatchObject({ sender: alice.userId, room_id: roomId, type: 'm.room.message', content: msg('full pdu') });
      expect(typeof pdu['origin_server_ts']).toBe('number');
      expect(typeof pdu['depth']).toBe('number');
      expect((pdu['prev_events'] as string[]).length).toBe(1);
      expect((pdu['auth_events'] as string[]).length).toBe(3);
      expect((pdu['hashes'] as Record<string, string>)['sha256']).toMatch(/^[A-Za-z0-9+/]{43}$/);
      const sigs = (pdu['signatures'] as Record<string, Record<string, string>>)['test.local'];
      expect(Object.keys(sigs ?? {})[0]).toMatch(/^ed25519:/);
      expect(pdu['event_id']).toBeUndefined();
    });

    it('§7 events in a room are totally ordered: each points at the previous, depth grows by one', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await send(alice, `order-${i}`, msg(String(i)))).json().event_id);
      const events = await Promise.all(ids.map((id) => t.data.events.getEvent(id)));
      for (let i = 1; i < events.length; i++) {
        expect(events[i]?.pdu.prev_events).toEqual([ids[i - 1]]);
        expect(events[i]?.pdu.depth).toBe((events[i - 1]?.pdu.depth ?? 0) + 1);
        expect(events[i]?.stream).toBeGreaterThan(events[i - 1]?.stream ?? Infinity);
      }
    });
  });
});
