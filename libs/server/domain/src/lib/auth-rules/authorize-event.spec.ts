import { describe, expect, it } from 'vitest';
import type { EventToAuth } from './auth-types';
import { authorizeEvent } from './authorize-event';
import { stateFromEvents } from './state-from-events';
import { CREATOR, DEFAULT_TEST_LEVELS, MEMBER, MOD, OUTSIDER, createEvent, refusal, stateEvent, testRoom } from './test-room';

const message = (sender: string, type = 'm.room.message'): EventToAuth => ({ type, sender, content: { body: 'hi' } });
const state = (sender: string, type: string, stateKey = ''): EventToAuth => ({ type, state_key: stateKey, sender, content: {} });

describe('authorizeEvent: rules for every non-member event', () => {
  it('no create event: every other event is refused', () => {
    const err = refusal(() => authorizeEvent(message(CREATOR), stateFromEvents([]), '11'));
    expect(err?.errcode).toBe('M_FORBIDDEN');
    expect(err?.status).toBe(403);
    expect(err?.message).toMatch(/no m\.room\.create/);
  });

  it.each([
    ['left', 'leave'],
    ['invited', 'invite'],
    ['banned', 'ban'],
    ['knocking', 'knock'],
  ])('a %s user cannot send', (_label, membership) => {
    const err = refusal(() => authorizeEvent(message(OUTSIDER), testRoom({ members: { [OUTSIDER]: membership } }), '11'));
    expect(err?.message).toBe(`${OUTSIDER} is not in the room`);
  });

  it('a user with no membership at all cannot send', () => {
    expect(refusal(() => authorizeEvent(message(OUTSIDER), testRoom(), '11'))?.message).toBe(`${OUTSIDER} is not in the room`);
  });

  it('member below events_default cannot send, and the message names both levels', () => {
    const room = testRoom({ powerLevels: { ...DEFAULT_TEST_LEVELS, events_default: 50 } });
    const err = refusal(() => authorizeEvent(message(MEMBER), room, '11'));
    expect(err?.errcode).toBe('M_FORBIDDEN');
    expect(err?.message).toBe("You don't have permission to post that to the room. user_level (0) < send_level (50)");
  });

  it.each([
    ['events[type] overrides events_default', { events: { 'm.room.message': 0 }, events_default: 50 }, MEMBER, true],
    ['events[type] can be higher than events_default', { events: { 'm.room.message': 60 } }, MOD, false],
    ['a member at events_default can send', { events_default: 0 }, MEMBER, true],
    ['moderator at exactly the level can send', { events_default: 50 }, MOD, true],
  ])('%s', (_label, levels, sender, allowed) => {
    const room = testRoom({ powerLevels: { ...DEFAULT_TEST_LEVELS, ...levels } });
    expect(refusal(() => authorizeEvent(message(sender), room, '11')) === undefined).toBe(allowed);
  });

  it.each([
    ['a member cannot send a state event below state_default', MEMBER, 'm.room.topic', false],
    ['a moderator can send a state event at state_default', MOD, 'm.room.topic', true],
    ['events[type] applies to state events too', MOD, 'm.room.power_levels', false],
  ])('%s', (_label, sender, type, allowed) => {
    expect(refusal(() => authorizeEvent(state(sender, type), testRoom(), '11')) === undefined).toBe(allowed);
  });

  it('with no power levels event, state needs 50 and messages 0; only the creator has 100', () => {
    const room = testRoom({ powerLevels: null });
    expect(refusal(() => authorizeEvent(message(MEMBER), room, '11'))).toBeUndefined();
    expect(refusal(() => authorizeEvent(state(MEMBER, 'm.room.name'), room, '11'))?.message).toContain('user_level (0) < send_level (50)');
    expect(refusal(() => authorizeEvent(state(CREATOR, 'm.room.name'), room, '11'))).toBeUndefined();
  });

  it.each([
    ["someone else's user ID as state_key", `${MEMBER}`, false],
    ['their own user ID as state_key', `${MOD}`, true],
    ['a state_key not starting with @', 'anything', true],
  ])('a state_key starting with @ must equal the sender: %s', (_label, stateKey, allowed) => {
    const err = refusal(() => authorizeEvent(state(MOD, 'org.example.custom', stateKey), testRoom(), '11'));
    expect(err === undefined).toBe(allowed);
    if (!allowed) expect(err?.message).toMatch(/others' state/);
  });

  it('m.room.third_party_invite needs the invite level, whatever events says', () => {
    const room = testRoom({ powerLevels: { ...DEFAULT_TEST_LEVELS, invite: 50, events: { 'm.room.third_party_invite': 0 } } });
    expect(refusal(() => authorizeEvent(state(MEMBER, 'm.room.third_party_invite', 'tok'), room, '11'))?.message).toContain(
      'user_level (0) < invite_level (50)',
    );
    expect(refusal(() => authorizeEvent(state(MOD, 'm.room.third_party_invite', 'tok'), room, '11'))).toBeUndefined();
  });

  it('m.federate false refuses senders from another server', () => {
    const create = { ...createEvent('11'), content: { room_version: '11', 'm.federate': false } };
    const remote = '@carol:other.example';
    const room = stateFromEvents([create, stateEvent('m.room.member', remote, { membership: 'join' }, remote)]);
    expect(refusal(() => authorizeEvent(message(remote), room, '11'))?.message).toMatch(/unfederatable/);
  });

  it('a redaction is authorised like a message: the redact level is not consulted here', () => {
    const redaction: EventToAuth = { type: 'm.room.redaction', sender: MEMBER, content: { redacts: '$x' } };
    expect(refusal(() => authorizeEvent(redaction, testRoom(), '11'))).toBeUndefined();
    const strict = testRoom({ powerLevels: { ...DEFAULT_TEST_LEVELS, events: { 'm.room.redaction': 50 } } });
    expect(refusal(() => authorizeEvent(redaction, strict, '11'))?.message).toContain('user_level (0) < send_level (50)');
  });
});
