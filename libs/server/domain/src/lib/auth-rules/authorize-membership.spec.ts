import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import type { EventToAuth } from './auth-types';
import { authorizeEvent } from './authorize-event';
import { CREATOR, DEFAULT_TEST_LEVELS, MEMBER, MOD, OUTSIDER, refusal, stateEvent, testRoom, type TestRoomOptions } from './test-room';

const member = (sender: string, target: string, membership: string, extra: JsonObject = {}): EventToAuth => ({
  type: 'm.room.member',
  state_key: target,
  sender,
  content: { membership, ...extra },
});

function check(event: EventToAuth, options: TestRoomOptions = {}): string | undefined {
  return refusal(() => authorizeEvent(event, testRoom(options), '11'))?.message;
}

describe('authorizeEvent: invites', () => {
  it.each<[string, EventToAuth, TestRoomOptions, string | undefined]>([
    ['a joined member at the invite level can invite', member(MEMBER, OUTSIDER, 'invite'), {}, undefined],
    ['a previously left user can be invited again', member(MEMBER, OUTSIDER, 'invite'), { members: { [OUTSIDER]: 'leave' } }, undefined],
    ['an invited user can be invited again', member(MEMBER, OUTSIDER, 'invite'), { members: { [OUTSIDER]: 'invite' } }, undefined],
    ['the inviter must be joined',
      member(OUTSIDER, '@new:example.org', 'invite'), { members: { [OUTSIDER]: 'invite' } }, `${OUTSIDER} is not in the room`],
    ['a joined target cannot be invited', member(MOD, MEMBER, 'invite'), {}, `${MEMBER} is already in the room`],
    ['a banned target cannot be invited',
      member(MOD, OUTSIDER, 'invite'), { members: { [OUTSIDER]: 'ban' } }, `${OUTSIDER} is banned from the room`],
    [
      'the inviter needs the invite level',
      member(MEMBER, OUTSIDER, 'invite'),
      { powerLevels: { ...DEFAULT_TEST_LEVELS, invite: 50 } },
      "You don't have permission to invite users. user_level (0) < invite_level (50)",
    ],
  ])('%s', (_label, event, options, expected) => {
    expect(check(event, options)).toBe(expected);
  });

  const tpi = (signed: JsonObject) => member(MOD, OUTSIDER, 'invite', { third_party_invite: { display_name: 'e', signed } });
  const pending = [stateEvent('m.room.third_party_invite', 'tok', { public_key: 'k' }, MOD)];
  it.each<[string, EventToAuth, TestRoomOptions, RegExp]>([
    ['a banned target is refused', tpi({ mxid: OUTSIDER, token: 'tok' }), { members: { [OUTSIDER]: 'ban' }, extra: pending }, /banned/],
    ['signed must be present', member(MOD, OUTSIDER, 'invite', { third_party_invite: {} }), { extra: pending }, /signed object/],
    ['signed needs mxid and token', tpi({ mxid: OUTSIDER }), { extra: pending }, /mxid and token/],
    ['mxid must be the target', tpi({ mxid: MEMBER, token: 'tok' }), { extra: pending }, /does not match/],
    ['the token must match a third-party invite', tpi({ mxid: OUTSIDER, token: 'nope' }), { extra: pending }, /No m\.room\.third_party_invite/],
    ['only its sender can redeem it', { ...tpi({ mxid: OUTSIDER, token: 'tok' }), sender: CREATOR }, { extra: pending }, /Only the sender/],
    ['signatures cannot be verified yet, so the rest is refused',
      tpi({ mxid: OUTSIDER, token: 'tok' }), { extra: pending }, /cannot be verified/],
  ])('third-party invite: %s', (_label, event, options, expected) => {
    expect(check(event, options)).toMatch(expected);
  });
});

describe('authorizeEvent: leaving, kicking and unbanning', () => {
  it.each<[string, string, string | undefined]>([
    ['joined', 'join', undefined],
    ['invited (rejecting the invite)', 'invite', undefined],
    ['knocking (withdrawing the knock)', 'knock', undefined],
    ['already left', 'leave', 'cannot leave'],
    ['banned', 'ban', 'cannot leave'],
  ])('self-leave when %s', (_label, current, expected) => {
    const message = check(member(OUTSIDER, OUTSIDER, 'leave'), { members: { [OUTSIDER]: current } });
    if (expected === undefined) expect(message).toBeUndefined();
    else expect(message).toContain(expected);
  });

  it('self-leave with no membership at all is refused', () => {
    expect(check(member(OUTSIDER, OUTSIDER, 'leave'))).toContain('cannot leave');
  });

  it.each<[string, string, string, TestRoomOptions, string | undefined]>([
    ['a moderator can kick a member', MOD, MEMBER, {}, undefined],
    ['a moderator can kick an invited user (revoking the invite)', MOD, OUTSIDER, { members: { [OUTSIDER]: 'invite' } }, undefined],
    ['a member below the kick level cannot kick', MEMBER, MOD, {}, "You cannot kick user @mod:example.org. user_level (0) < kick_level (50)"],
    ['kick needs strictly higher power than the target', MOD, '@mod2:example.org',
      { powerLevels: { ...DEFAULT_TEST_LEVELS, users: { [CREATOR]: 100, [MOD]: 50, '@mod2:example.org': 50 } } },
      'You cannot kick user @mod2:example.org. target_level (50) >= user_level (50)'],
    ['the kicker must be joined', MOD, MEMBER, { members: { [MOD]: 'leave' } }, `${MOD} is not in the room`],
    ['unban needs the ban level', MEMBER, OUTSIDER,
      { members: { [OUTSIDER]: 'ban' }, powerLevels: { ...DEFAULT_TEST_LEVELS, kick: 0 } },
      `You cannot unban user ${OUTSIDER}. user_level (0) < ban_level (50)`],
    ['unban also needs the kick level', MOD, OUTSIDER,
      { members: { [OUTSIDER]: 'ban' }, powerLevels: { ...DEFAULT_TEST_LEVELS, kick: 75 } },
      `You cannot kick user ${OUTSIDER}. user_level (50) < kick_level (75)`],
    ['a moderator can unban', MOD, OUTSIDER, { members: { [OUTSIDER]: 'ban' } }, undefined],
  ])('%s', (_label, sender, target, options, expected) => {
    expect(check(member(sender, target, 'leave'), options)).toBe(expected);
  });
});

describe('authorizeEvent: bans', () => {
  it.each<[string, string, string, TestRoomOptions, string | undefined]>([
    ['a moderator can ban a member', MOD, MEMBER, {}, undefined],
    ['a moderator can ban someone who never joined', MOD, OUTSIDER, {}, undefined],
    ['a member below the ban level cannot ban', MEMBER, OUTSIDER, {}, "You don't have permission to ban. user_level (0) < ban_level (50)"],
    ['a moderator cannot ban the creator',
      MOD, CREATOR, {}, `You don't have permission to ban ${CREATOR}. target_level (100) >= user_level (50)`],
    ['the banner must be joined', MOD, MEMBER, { members: { [MOD]: 'leave' } }, `${MOD} is not in the room`],
  ])('%s', (_label, sender, target, options, expected) => {
    expect(check(member(sender, target, 'ban'), options)).toBe(expected);
  });
});

describe('authorizeEvent: knocks and unknown memberships', () => {
  it.each<[string, EventToAuth, TestRoomOptions, string | undefined]>([
    ['knocking on a knock room is allowed', member(OUTSIDER, OUTSIDER, 'knock'), { joinRule: 'knock' }, undefined],
    ['knocking on a knock_restricted room is allowed', member(OUTSIDER, OUTSIDER, 'knock'), { joinRule: 'knock_restricted' }, undefined],
    ['knocking on an invite room is refused', member(OUTSIDER, OUTSIDER, 'knock'), {}, 'You cannot knock on this room (join rule "invite")'],
    ['knocking for someone else is refused', member(MEMBER, OUTSIDER, 'knock'), { joinRule: 'knock' }, 'You cannot knock for other users'],
    ['a banned user cannot knock',
      member(OUTSIDER, OUTSIDER, 'knock'), { joinRule: 'knock', members: { [OUTSIDER]: 'ban' } }, 'You are banned from this room'],
    ['an invited user cannot knock',
      member(OUTSIDER, OUTSIDER, 'knock'), { joinRule: 'knock', members: { [OUTSIDER]: 'invite' } }, 'You are already invited to this room'],
    ['a joined user cannot knock', member(MEMBER, MEMBER, 'knock'), { joinRule: 'knock' }, 'You are already in this room'],
    ['an unknown membership is refused', member(MOD, MEMBER, 'kick'), {}, 'Unknown membership "kick"'],
  ])('%s', (_label, event, options, expected) => {
    expect(check(event, options)).toBe(expected);
  });
});
