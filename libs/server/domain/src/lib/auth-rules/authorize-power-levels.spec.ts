import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import type { EventToAuth } from './auth-types';
import { authorizeEvent } from './authorize-event';
import { stateFromEvents } from './state-from-events';
import { CREATOR, DEFAULT_TEST_LEVELS, MEMBER, MOD, createEvent, refusal, stateEvent, testRoom } from './test-room';

const MOD2 = '@mod2:example.org';
/** Moderators may send power levels here, so the rules under test are the change rules. */
const CURRENT: JsonObject = {
  ...DEFAULT_TEST_LEVELS,
  users: { [CREATOR]: 100, [MOD]: 50, [MOD2]: 50 },
  events: { 'm.room.power_levels': 50, 'm.room.tombstone': 100, 'm.room.name': 50 },
  notifications: { room: 50 },
};
const { users_default: _removed, ...WITHOUT_USERS_DEFAULT } = CURRENT;
const levels = (sender: string, content: JsonObject): EventToAuth => ({ type: 'm.room.power_levels', state_key: '', sender, content });
const change = (patch: JsonObject) => ({ ...CURRENT, ...patch });
const check = (event: EventToAuth, version: RoomVersion = '11') =>
  refusal(() => authorizeEvent(event, testRoom({ version, powerLevels: CURRENT, members: { [MOD2]: 'join' } }), version))?.message;

describe('authorizeEvent: m.room.power_levels shape (v10+: integers only)', () => {
  it.each<[string, JsonObject, RegExp]>([
    ['a level written as a string is refused', change({ ban: '50' }), /ban must be an integer, got "50"/],
    ['a fractional level is refused', change({ kick: 1.5 }), /kick must be an integer/],
    ['a level beyond canonical JSON range is refused', change({ invite: 2 ** 53 }), /invite must be an integer/],
    ['null is not an integer', change({ users_default: null }), /users_default must be an integer/],
    ['events values must be integers', change({ events: { 'm.room.name': '50' } }), /events\["m\.room\.name"\] must be an integer/],
    ['notifications values must be integers', change({ notifications: { room: true } }), /notifications\["room"\]/],
    ['events must be an object', change({ events: [] }), /events must be an object/],
    ['users values must be integers', change({ users: { [CREATOR]: '100' } }), /users\["@alice:example.org"\]/],
    ['users keys must be user IDs', change({ users: { [CREATOR]: 100, alice: 0 } }), /"alice" is not a valid user ID/],
  ])('%s', (_label, content, expected) => {
    expect(check(levels(CREATOR, content))).toMatch(expected);
    expect(check(levels(CREATOR, content), '10')).toMatch(expected);
  });

  it('the first power levels event is allowed whatever it grants (only its shape is checked)', () => {
    const room = stateFromEvents([createEvent('11'), stateEvent('m.room.member', CREATOR, { membership: 'join' })]);
    const first = levels(CREATOR, { users: { [CREATOR]: 100, [MEMBER]: 9000 } });
    expect(refusal(() => authorizeEvent(first, room, '11'))).toBeUndefined();
  });
});

describe('authorizeEvent: m.room.power_levels changes', () => {
  it.each<[string, string, JsonObject, string | undefined]>([
    ['the creator can change anything', CREATOR, change({ ban: 100, users: { [CREATOR]: 100, [MOD]: 99 } }), undefined],
    ['resending the same levels changes nothing and is allowed', MOD, CURRENT, undefined],
    ['a moderator can raise a threshold up to their own level', MOD, change({ kick: 40, redact: 50 }), undefined],
    ['a moderator cannot raise a threshold above their level', MOD, change({ ban: 51 }), 'You cannot set ban to 51, above your own level (50)'],
    ['a moderator cannot change a threshold currently above their level',
      MOD, change({ events: { ...(CURRENT['events'] as JsonObject), 'm.room.tombstone': 0 } }),
      'You cannot change events.m.room.tombstone: its current level (100) is above yours (50)'],
    ['a moderator cannot remove an events entry above their level', MOD, change({ events: { 'm.room.power_levels': 50, 'm.room.name': 50 } }),
      'You cannot change events.m.room.tombstone: its current level (100) is above yours (50)'],
    ['a moderator cannot add an events entry above their level',
      MOD, change({ events: { ...(CURRENT['events'] as JsonObject), 'm.room.topic': 60 } }),
      'You cannot set events.m.room.topic to 60, above your own level (50)'],
    ['notifications follow the same rules', MOD, change({ notifications: { room: 70 } }),
      'You cannot set notifications.room to 70, above your own level (50)'],
    ['a moderator can remove a threshold that is not above their level',
      MOD, WITHOUT_USERS_DEFAULT, undefined],
    ['a moderator can promote a member to their own level',
      MOD, change({ users: { [CREATOR]: 100, [MOD]: 50, [MOD2]: 50, [MEMBER]: 50 } }), undefined],
    ['a moderator cannot promote anyone above their level', MOD, change({ users: { [CREATOR]: 100, [MOD]: 50, [MOD2]: 50, [MEMBER]: 51 } }),
      'You cannot set @bob:example.org to 51, above your own level (50)'],
    ['a moderator cannot demote a peer at their level', MOD, change({ users: { [CREATOR]: 100, [MOD]: 50, [MOD2]: 0 } }),
      `You cannot change the power level of ${MOD2}: theirs (50) is not below yours (50)`],
    ['a moderator cannot remove a peer at their level', MOD, change({ users: { [CREATOR]: 100, [MOD]: 50 } }),
      `You cannot change the power level of ${MOD2}: theirs (50) is not below yours (50)`],
    ['a moderator cannot touch the creator', MOD, change({ users: { [CREATOR]: 0, [MOD]: 50, [MOD2]: 50 } }),
      `You cannot change the power level of ${CREATOR}: theirs (100) is not below yours (50)`],
    ['anyone can demote themselves', MOD, change({ users: { [CREATOR]: 100, [MOD]: 10, [MOD2]: 50 } }), undefined],
    ['nobody can promote themselves', MOD, change({ users: { [CREATOR]: 100, [MOD]: 60, [MOD2]: 50 } }),
      'You cannot set @mod:example.org to 60, above your own level (50)'],
  ])('%s', (_label, sender, content, expected) => {
    expect(check(levels(sender, content))).toBe(expected);
  });

  it('a member below events[m.room.power_levels] cannot send power levels at all', () => {
    expect(check(levels(MEMBER, CURRENT))).toContain('user_level (0) < send_level (50)');
  });
});
