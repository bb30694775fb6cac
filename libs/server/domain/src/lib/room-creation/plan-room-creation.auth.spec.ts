import { describe, expect, it } from 'vitest';
import { authorizeEvent } from '../auth-rules/authorize-event';
import { inMemoryState } from '../auth-rules/state-from-events';
import { inviteEvent } from './check-planned-state';
import type { CreateRoomRequest } from './create-room-request';
import { planRoomCreation } from './plan-room-creation';
import { CREATOR, SERVER } from './test-plan';

const BOB = '@bob:example.org';

describe('planRoomCreation: every planned event passes the auth rules in order', () => {
  it.each<[string, CreateRoomRequest]>([
    ['private_chat, v11', { preset: 'private_chat', invite: [BOB] }],
    ['public_chat, v10', { preset: 'public_chat', room_version: '10', invite: [BOB] }],
    ['trusted_private_chat with everything', {
      preset: 'trusted_private_chat',
      name: 'N',
      topic: 'T',
      room_alias_name: 'wombat',
      invite: [BOB],
      is_direct: true,
      initial_state: [{ type: 'm.room.encryption', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
      power_level_content_override: { events_default: 10 },
    }],
  ])('%s', (_label, req) => {
    const plan = planRoomCreation(req, CREATOR, SERVER);
    const state = inMemoryState();
    for (const planned of [...plan.events, ...plan.invites.map((id) => inviteEvent(id, plan.isDirect))]) {
      const event = { ...planned, sender: CREATOR };
      expect(() => authorizeEvent(event, state.lookup, plan.roomVersion)).not.toThrow();
      state.apply(event);
    }
    expect(state.lookup('m.room.member', BOB)?.content['membership']).toBe('invite');
  });
});

describe('planRoomCreation: a request whose own state would be refused is 400 M_INVALID_ROOM_STATE', () => {
  it.each<[string, CreateRoomRequest, RegExp]>([
    ['an override that leaves the creator below the name level', { name: 'N', power_level_content_override: { users: {} } },
      /m\.room\.join_rules would be refused: .*user_level \(0\) < send_level \(50\)/],
    ['an override that puts the invite level above the creator', { invite: [BOB], power_level_content_override: { invite: 101 } },
      /m\.room\.member for @bob:example\.org would be refused: .*invite_level \(101\)/],
    ['stringy power levels (not allowed from v10)', { power_level_content_override: { ban: '50' } }, /ban must be an integer/],
    ['inviting yourself', { invite: [CREATOR] }, /already in the room/],
    ['initial_state setting another user\'s state', { initial_state: [{ type: 'org.example', state_key: BOB, content: {} }] },
      /org\.example for @bob:example\.org would be refused/],
  ])('%s', (_label, req, message) => {
    expect(() => planRoomCreation(req, CREATOR, SERVER)).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_ROOM_STATE', status: 400, message: expect.stringMatching(message) }),
    );
  });
});
