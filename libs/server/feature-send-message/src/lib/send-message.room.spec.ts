import { describe, expect, it } from 'vitest';
import { redactEvent, type JsonObject } from '@courier/server-domain';
import { ALICE, BOB, CAROL, EVE, MOD, reaction, refusal, sendWorld, text } from './test-support';

/** SEND_CONTRACT.md §3, at the use-case level: a FakeEventStore, no database, no HTTP. */
describe('§3 room and permission', () => {
  it.each(['not-a-room', '!nocolon', '#alias:courier.test', '!a:b c', '', `!${'x'.repeat(300)}:courier.test`])(
    '§3 malformed room ID %j → 400 M_INVALID_PARAM',
    async (room) => {
      const w = await sendWorld();
      const err = await refusal(w.send('t', text('x'), { room }));
      expect([err.status, err.errcode]).toEqual([400, 'M_INVALID_PARAM']);
    },
  );

  it('§3 unknown room and not-joined give the same 403', async () => {
    const w = await sendWorld();
    const [INVITED, LEFT, BANNED] = ['@invited:courier.test', '@left:courier.test', '@banned:courier.test'];
    await w.membership(ALICE, 'invite', w.roomId, INVITED);
    await w.membership(LEFT, 'join');
    await w.membership(LEFT, 'leave');
    await w.membership(BANNED, 'join');
    await w.membership(ALICE, 'ban', w.roomId, BANNED);
    const target = await w.send('target', text('in the room'));
    // Bodies whose checks read the room's events must not answer differently either.
    const bodies: Array<[string, JsonObject]> = [
      ['m.room.message', text('hello')],
      ['m.reaction', reaction(target, '👍')],
      ['m.room.redaction', { redacts: target }],
      ['m.room.message', { ...text('t'), 'm.relates_to': { rel_type: 'm.thread', event_id: target } }],
    ];
    const unknownRoom = '!doesnotexist:courier.test';
    for (const [type, body] of bodies) {
      const answers = [
        await refusal(w.send(`u-${type}`, body, { user: EVE, type, room: unknownRoom })),
        ...(await Promise.all(
          [EVE, INVITED, LEFT, BANNED].map((user) => refusal(w.send(`n-${type}`, body, { user, type }))),
        )),
      ];
      for (const err of answers) {
        expect({ type, status: err.status, body: err.toBody() }).toEqual({ type, status: 403, body: answers[0]?.toBody() });
      }
      expect(answers[0]?.errcode).toBe('M_FORBIDDEN');
    }
    expect(w.store.room(unknownRoom)).toBeUndefined();
  });

  it('§3 below the power level → 403 naming both levels', async () => {
    const w = await sendWorld({
      room: { power_level_content_override: { events: { 'm.room.message': 42 }, users: { [ALICE]: 100, [BOB]: 41, [CAROL]: 42 } } },
      members: [BOB, CAROL],
    });
    const err = await refusal(w.send('p1', text('x'), { user: BOB }));
    expect([err.status, err.errcode]).toEqual([403, 'M_FORBIDDEN']);
    expect(err.message).toMatch(/\b41\b/);
    expect(err.message).toMatch(/\b42\b/);
    // Exactly at the level is enough.
    await expect(w.send('p2', text('x'), { user: CAROL })).resolves.toMatch(/^\$/);
  });

  it('§3 the required level is events[type], else events_default', async () => {
    const w = await sendWorld({ room: { power_level_content_override: { events: { 'com.example.free': 0 }, events_default: 20 } } });
    await expect(w.send('d1', { a: 1 }, { user: BOB, type: 'com.example.free' })).resolves.toMatch(/^\$/);
    const err = await refusal(w.send('d2', { a: 1 }, { user: BOB, type: 'com.example.other' }));
    expect([err.status, err.errcode]).toEqual([403, 'M_FORBIDDEN']);
    expect(err.message).toMatch(/\b0\b/);
    expect(err.message).toMatch(/\b20\b/);
  });

  it.each([
    'm.room.create',
    'm.room.member',
    'm.room.power_levels',
    'm.room.join_rules',
    'm.room.history_visibility',
    'm.room.name',
    'm.room.topic',
    'm.room.avatar',
    'm.room.canonical_alias',
    'm.room.tombstone',
    'm.room.server_acl',
    'm.room.encryption',
    'm.room.third_party_invite',
    'm.room.guest_access',
  ])('§3 state-only %s → 400 M_INVALID_PARAM, even for the room admin', async (type) => {
    const w = await sendWorld();
    const before = w.store.roomEvents(w.roomId).length;
    const err = await refusal(w.send('s1', { membership: 'join', name: 'x' }, { user: ALICE, type }));
    expect([err.status, err.errcode]).toEqual([400, 'M_INVALID_PARAM']);
    expect(err.message).toMatch(/state event/);
    expect(w.store.roomEvents(w.roomId)).toHaveLength(before);
  });

  it('§3 redaction: own event allowed, the target pruned per its room version and marked', async () => {
    for (const version of ['10', '11'] as const) {
      const w = await sendWorld({ room: { room_version: version } });
      const own = await w.send('own', { msgtype: 'm.text', body: 'secret', 'com.example.extra': { a: 1 } }, { user: BOB });
      const original = (await w.event(own)).pdu;
      const redaction = await w.send('r1', { redacts: own, reason: 'oops' }, { user: BOB, type: 'm.room.redaction' });
      const stored = await w.event(own);
      expect(stored.redactedBy).toBe(redaction);
      expect(stored.pdu.content).toEqual({});
      expect(stored.pdu).toEqual(redactEvent(original, version));
      expect(stored.pdu.signatures).toEqual(original.signatures);
    }
  });

  it('§3 redaction: the pruning follows the room version (v11 keeps power_levels.invite, v10 does not)', async () => {
    const kept: Record<string, JsonObject> = {};
    for (const version of ['10', '11'] as const) {
      const w = await sendWorld({ room: { room_version: version } });
      const levels = w.store.stateEvent(w.roomId, 'm.room.power_levels', '');
      await w.send('r-pl', { redacts: levels?.event_id ?? '' }, { user: ALICE, type: 'm.room.redaction' });
      kept[version] = (await w.event(levels?.event_id ?? '')).pdu.content;
    }
    expect(kept['11']).toHaveProperty('invite', 0);
    expect(kept['10']).not.toHaveProperty('invite');
    expect(kept['10']).toHaveProperty('users');
    expect(kept['10']).not.toHaveProperty('notifications');
  });

  it("§3 redaction: others' events need the redact level (403 naming both levels)", async () => {
    const w = await sendWorld({ room: { power_level_content_override: { redact: 50 } } });
    const alices = await w.send('a1', text('mine'), { user: ALICE });
    const err = await refusal(w.send('r-bob', { redacts: alices }, { user: BOB, type: 'm.room.redaction' }));
    expect([err.status, err.errcode]).toEqual([403, 'M_FORBIDDEN']);
    expect(err.message).toMatch(/\b0\b/);
    expect(err.message).toMatch(/\b50\b/);
    expect((await w.event(alices)).redactedBy).toBeNull();
    expect((await w.event(alices)).pdu.content).toEqual(text('mine'));

    const redaction = await w.send('r-mod', { redacts: alices }, { user: MOD, type: 'm.room.redaction' });
    expect((await w.event(alices)).redactedBy).toBe(redaction);
  });

  it('§3 redaction: v10 sets top-level redacts too, v11 only content.redacts', async () => {
    for (const version of ['10', '11'] as const) {
      const w = await sendWorld({ room: { room_version: version } });
      const target = await w.send('t', text('x'), { user: BOB });
      const redaction = (await w.event(await w.send('r', { redacts: target }, { user: BOB, type: 'm.room.redaction' }))).pdu;
      expect(redaction.content).toEqual({ redacts: target });
      if (version === '10') expect(redaction['redacts']).toBe(target);
      else expect(redaction).not.toHaveProperty('redacts');
    }
  });
});
