import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import type { EventToAuth } from './auth-types';
import { selectAuthEvents } from './select-auth-events';
import { stateFromEvents } from './state-from-events';
import { CREATOR, MEMBER, MOD, OUTSIDER, stateEvent, testRoom } from './test-room';

const CREATE = '$m.room.create/';
const LEVELS = '$m.room.power_levels/';
const RULES = '$m.room.join_rules/';
const memberId = (user: string) => `$m.room.member/${user}`;
const member = (sender: string, target: string, content: JsonObject): EventToAuth => ({
  type: 'm.room.member',
  state_key: target,
  sender,
  content,
});

describe('selectAuthEvents', () => {
  it('the create event has no auth events', () => {
    expect(selectAuthEvents({ type: 'm.room.create', state_key: '', sender: CREATOR, content: {} }, testRoom(), '11')).toEqual([]);
  });

  it.each<[string, EventToAuth, string[]]>([
    ['a message: create, power levels, sender', { type: 'm.room.message', sender: MEMBER, content: {} }, [CREATE, LEVELS, memberId(MEMBER)]],
    ['a join: adds the join rules (target = sender, listed once)',
      member(MEMBER, MEMBER, { membership: 'join' }), [CREATE, LEVELS, memberId(MEMBER), RULES]],
    ['an invite: adds the target and the join rules',
      member(MOD, MEMBER, { membership: 'invite' }), [CREATE, LEVELS, memberId(MOD), memberId(MEMBER), RULES]],
    ['a knock: adds the join rules', member(MEMBER, MEMBER, { membership: 'knock' }), [CREATE, LEVELS, memberId(MEMBER), RULES]],
    ['a kick: the target but no join rules', member(MOD, MEMBER, { membership: 'leave' }), [CREATE, LEVELS, memberId(MOD), memberId(MEMBER)]],
    ['a ban: the target but no join rules', member(MOD, MEMBER, { membership: 'ban' }), [CREATE, LEVELS, memberId(MOD), memberId(MEMBER)]],
    ['a restricted join: adds the authorising user', member(MEMBER, MEMBER, { membership: 'join', join_authorised_via_users_server: MOD }),
      [CREATE, LEVELS, memberId(MEMBER), RULES, memberId(MOD)]],
    ['a third-party invite: adds the invite its token names',
      member(MOD, MEMBER, { membership: 'invite', third_party_invite: { signed: { token: 'tok' } } }),
      [CREATE, LEVELS, memberId(MOD), memberId(MEMBER), RULES, '$m.room.third_party_invite/tok']],
  ])('%s', (_label, event, expected) => {
    const extra = [stateEvent('m.room.third_party_invite', 'tok', {}, MOD)];
    expect(selectAuthEvents(event, testRoom({ extra }), '11')).toEqual(expected);
  });

  it('empty slots are skipped: a first join after the create event has only the create event', () => {
    const room = testRoom({ members: { [CREATOR]: 'leave' }, powerLevels: null, joinRule: null });
    const stripped = stateFromEvents([stateEvent('m.room.create', '', { room_version: '11' })]);
    expect(selectAuthEvents(member(CREATOR, CREATOR, { membership: 'join' }), stripped, '11')).toEqual([CREATE]);
    expect(selectAuthEvents(member(OUTSIDER, OUTSIDER, { membership: 'join' }), room, '10')).toEqual([CREATE]);
  });

  it('state events that have no event ID yet are skipped', () => {
    const room = stateFromEvents([{ type: 'm.room.create', state_key: '', sender: CREATOR, content: {} }]);
    expect(selectAuthEvents({ type: 'm.room.message', sender: CREATOR, content: {} }, room, '11')).toEqual([]);
  });
});
