import { describe, expect, it } from 'vitest';
import type { RoomVersion } from '../pdu';
import type { EventToAuth } from './auth-types';
import { authorizeEvent } from './authorize-event';
import { stateFromEvents } from './state-from-events';
import { CREATOR, MEMBER, OUTSIDER, createEvent, refusal, stateEvent, testRoom } from './test-room';

const join = (user: string, sender = user): EventToAuth => ({
  type: 'm.room.member',
  state_key: user,
  sender,
  content: { membership: 'join' },
});

describe('authorizeEvent: joins', () => {
  it.each<[RoomVersion]>([['10'], ['11']])("the creator's first join right after the create event is allowed (v%s)", (version) => {
    const room = stateFromEvents([createEvent(version)]);
    expect(refusal(() => authorizeEvent(join(CREATOR), room, version))).toBeUndefined();
  });

  it('in v10 the creator is content.creator, not the sender of the create event', () => {
    const create = { ...createEvent('10', '@server:example.org'), content: { room_version: '10', creator: CREATOR } };
    expect(refusal(() => authorizeEvent(join(CREATOR), stateFromEvents([create]), '10'))).toBeUndefined();
    expect(refusal(() => authorizeEvent(join('@server:example.org'), stateFromEvents([create]), '10'))).toBeDefined();
  });

  it('anyone but the creator joining a room with only a create event is refused (no join rules means invite)', () => {
    expect(refusal(() => authorizeEvent(join(OUTSIDER), stateFromEvents([createEvent('11')]), '11'))?.message).toBe(
      'You are not invited to this room',
    );
  });

  it('a user cannot be joined by someone else', () => {
    const err = refusal(() => authorizeEvent(join(OUTSIDER, CREATOR), testRoom({ joinRule: 'public' }), '11'));
    expect(err?.message).toBe('Cannot force another user to join');
  });

  it('a banned user cannot join, even a public room', () => {
    const room = testRoom({ joinRule: 'public', members: { [OUTSIDER]: 'ban' } });
    expect(refusal(() => authorizeEvent(join(OUTSIDER), room, '11'))?.message).toBe('You are banned from this room');
  });

  // join rule, the joiner's current membership (undefined: none), allowed?
  it.each<[string, string | undefined, boolean]>([
    ['public', undefined, true],
    ['public', 'leave', true],
    ['invite', undefined, false],
    ['invite', 'leave', false],
    ['invite', 'invite', true],
    ['invite', 'join', true],
    ['knock', 'knock', false],
    ['knock', 'invite', true],
    ['restricted', undefined, false],
    ['restricted', 'invite', true],
    ['knock_restricted', undefined, false],
    ['knock_restricted', 'join', true],
    ['private', 'invite', false],
    ['org.example.unknown', undefined, false],
  ])('join rule %s, current membership %s: allowed=%s', (joinRule, membership, allowed) => {
    const members: Record<string, string> = membership === undefined ? {} : { [OUTSIDER]: membership };
    const err = refusal(() => authorizeEvent(join(OUTSIDER), testRoom({ joinRule, members }), '11'));
    expect(err === undefined).toBe(allowed);
  });

  it('restricted rooms are invite-only on Courier: join_authorised_via_users_server is not honoured', () => {
    const event = { ...join(OUTSIDER), content: { membership: 'join', join_authorised_via_users_server: CREATOR } };
    expect(refusal(() => authorizeEvent(event, testRoom({ joinRule: 'restricted' }), '11'))?.message).toMatch(/restricted/);
  });

  it('a joined member may re-join (a profile change)', () => {
    expect(refusal(() => authorizeEvent(join(MEMBER), testRoom(), '11'))).toBeUndefined();
  });

  it('a join needs a state_key and a string membership', () => {
    const noKey: EventToAuth = { type: 'm.room.member', sender: OUTSIDER, content: { membership: 'join' } };
    const noMembership: EventToAuth = { type: 'm.room.member', state_key: OUTSIDER, sender: OUTSIDER, content: {} };
    expect(refusal(() => authorizeEvent(noKey, testRoom({ joinRule: 'public' }), '11'))?.message).toMatch(/state_key/);
    expect(refusal(() => authorizeEvent(noMembership, testRoom({ joinRule: 'public' }), '11'))?.message).toMatch(/membership/);
  });

  it('the creator rejoining after leaving follows the join rules like anyone', () => {
    const room = testRoom({ members: { [CREATOR]: 'leave' } });
    expect(refusal(() => authorizeEvent(join(CREATOR), room, '11'))?.message).toBe('You are not invited to this room');
    const extra = [stateEvent('m.room.member', CREATOR, { membership: 'invite' }, MEMBER)];
    expect(refusal(() => authorizeEvent(join(CREATOR), testRoom({ members: { [CREATOR]: 'leave' }, extra }), '11'))).toBeUndefined();
  });
});
