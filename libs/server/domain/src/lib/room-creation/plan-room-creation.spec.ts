import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import { planRoomCreation } from './plan-room-creation';
import { defaultPowerLevels } from './default-power-levels';
import { CREATOR, SERVER, contentOf, slotsOf } from './test-plan';

const BOB = '@bob:example.org';
const CAROL = '@carol:example.org';

describe('planRoomCreation: presets', () => {
  it('private_chat: invite-only, shared history, guests can join, in spec order', () => {
    const plan = planRoomCreation({ preset: 'private_chat' }, CREATOR, SERVER);
    expect(slotsOf(plan)).toEqual([
      'm.room.create',
      `m.room.member/${CREATOR}`,
      'm.room.power_levels',
      'm.room.join_rules',
      'm.room.history_visibility',
      'm.room.guest_access',
    ]);
    expect(contentOf(plan, 'm.room.join_rules')).toEqual({ join_rule: 'invite' });
    expect(contentOf(plan, 'm.room.history_visibility')).toEqual({ history_visibility: 'shared' });
    expect(contentOf(plan, 'm.room.guest_access')).toEqual({ guest_access: 'can_join' });
    expect(contentOf(plan, 'm.room.member', CREATOR)).toEqual({ membership: 'join' });
  });

  it('public_chat: public join rule, shared history and no guest access event (absent means forbidden)', () => {
    const plan = planRoomCreation({ preset: 'public_chat' }, CREATOR, SERVER);
    expect(contentOf(plan, 'm.room.join_rules')).toEqual({ join_rule: 'public' });
    expect(contentOf(plan, 'm.room.history_visibility')).toEqual({ history_visibility: 'shared' });
    expect(contentOf(plan, 'm.room.guest_access')).toBeUndefined();
  });

  it('trusted_private_chat: invitees get the creator level, and invites come back separately', () => {
    const plan = planRoomCreation({ preset: 'trusted_private_chat', invite: [BOB, CAROL, BOB] }, CREATOR, SERVER);
    expect(contentOf(plan, 'm.room.power_levels')?.['users']).toEqual({ [CREATOR]: 100, [BOB]: 100, [CAROL]: 100 });
    expect(contentOf(plan, 'm.room.join_rules')).toEqual({ join_rule: 'invite' });
    expect(contentOf(plan, 'm.room.guest_access')).toEqual({ guest_access: 'can_join' });
    expect(plan.invites).toEqual([BOB, CAROL]);
    expect(plan.events.some((e) => e.type === 'm.room.member' && e.state_key !== CREATOR)).toBe(false);
  });

  it('private_chat invitees get no power', () => {
    const plan = planRoomCreation({ preset: 'private_chat', invite: [BOB] }, CREATOR, SERVER);
    expect(contentOf(plan, 'm.room.power_levels')?.['users']).toEqual({ [CREATOR]: 100 });
  });

  it.each([
    ['visibility public with no preset means public_chat', { visibility: 'public' as const }, 'public'],
    ['visibility private with no preset means private_chat', { visibility: 'private' as const }, 'invite'],
    ['no visibility and no preset means private_chat', {}, 'invite'],
    ['an explicit preset wins over visibility', { visibility: 'public' as const, preset: 'private_chat' as const }, 'invite'],
  ])('%s', (_label, req, joinRule) => {
    expect(contentOf(planRoomCreation(req, CREATOR, SERVER), 'm.room.join_rules')).toEqual({ join_rule: joinRule });
  });

  it('visibility is passed through for the room directory (default private)', () => {
    expect(planRoomCreation({ visibility: 'public' }, CREATOR, SERVER).visibility).toBe('public');
    expect(planRoomCreation({}, CREATOR, SERVER).visibility).toBe('private');
  });
});

describe('planRoomCreation: create event and room version', () => {
  it('v11 (the default): room_version and no creator, even if creation_content sends one', () => {
    const plan = planRoomCreation({ creation_content: { creator: BOB, 'm.federate': false, type: 'm.space' } }, CREATOR, SERVER);
    expect(plan.roomVersion).toBe('11');
    expect(contentOf(plan, 'm.room.create')).toEqual({ room_version: '11', 'm.federate': false, type: 'm.space' });
  });

  it('v10: creator is the requester, overwriting creation_content', () => {
    const plan = planRoomCreation({ room_version: '10', creation_content: { creator: BOB, room_version: '1' } }, CREATOR, SERVER);
    expect(plan.roomVersion).toBe('10');
    expect(contentOf(plan, 'm.room.create')).toEqual({ room_version: '10', creator: CREATOR });
  });

  it('an unsupported room_version is refused with M_UNSUPPORTED_ROOM_VERSION', () => {
    expect(() => planRoomCreation({ room_version: '12' }, CREATOR, SERVER)).toThrow(
      expect.objectContaining({ errcode: 'M_UNSUPPORTED_ROOM_VERSION' }),
    );
  });
});

describe('planRoomCreation: power levels', () => {
  it('defaults follow the spec and Synapse', () => {
    expect(contentOf(planRoomCreation({}, CREATOR, SERVER), 'm.room.power_levels')).toEqual({
      users: { [CREATOR]: 100 },
      users_default: 0,
      events: {
        'm.room.name': 50,
        'm.room.power_levels': 100,
        'm.room.history_visibility': 100,
        'm.room.canonical_alias': 50,
        'm.room.avatar': 50,
        'm.room.tombstone': 100,
        'm.room.server_acl': 100,
        'm.room.encryption': 100,
      },
      events_default: 0,
      state_default: 50,
      ban: 50,
      kick: 50,
      redact: 50,
      invite: 0,
      notifications: { room: 50 },
    });
  });

  it('power_level_content_override replaces top-level keys whole (events is not merged key by key)', () => {
    const override: JsonObject = { events: { 'm.room.name': 0 }, ban: 100, org_example: 1 };
    const plan = planRoomCreation({ power_level_content_override: override }, CREATOR, SERVER);
    expect(contentOf(plan, 'm.room.power_levels')).toEqual({ ...defaultPowerLevels(CREATOR, []), ...override });
  });

  it('an override of users replaces the invitee grants of trusted_private_chat too', () => {
    const req = { preset: 'trusted_private_chat' as const, invite: [BOB], power_level_content_override: { users: { [CREATOR]: 100 } } };
    expect(contentOf(planRoomCreation(req, CREATOR, SERVER), 'm.room.power_levels')?.['users']).toEqual({ [CREATOR]: 100 });
  });
});

describe('planRoomCreation: alias, name, topic, is_direct', () => {
  it('room_alias_name adds m.room.canonical_alias right after the power levels and returns the alias', () => {
    const plan = planRoomCreation({ room_alias_name: 'wombat' }, CREATOR, SERVER);
    expect(slotsOf(plan)[3]).toBe('m.room.canonical_alias');
    expect(contentOf(plan, 'm.room.canonical_alias')).toEqual({ alias: '#wombat:example.org' });
    expect(plan.alias).toBe('#wombat:example.org');
    expect(planRoomCreation({}, CREATOR, SERVER).alias).toBeUndefined();
  });

  it('an alias longer than 255 bytes is refused', () => {
    expect(() => planRoomCreation({ room_alias_name: 'a'.repeat(250) }, CREATOR, SERVER)).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM' }),
    );
  });

  it('name and topic come last, the topic with an m.topic text/plain block', () => {
    const plan = planRoomCreation({ name: 'Pub', topic: 'Happy hour' }, CREATOR, SERVER);
    expect(slotsOf(plan).slice(-2)).toEqual(['m.room.name', 'm.room.topic']);
    expect(contentOf(plan, 'm.room.name')).toEqual({ name: 'Pub' });
    expect(contentOf(plan, 'm.room.topic')).toEqual({
      topic: 'Happy hour',
      'm.topic': { 'm.text': [{ body: 'Happy hour', mimetype: 'text/plain' }] },
    });
  });

  it('is_direct is reported for the invites the caller sends', () => {
    expect(planRoomCreation({ is_direct: true, invite: [BOB] }, CREATOR, SERVER).isDirect).toBe(true);
    expect(planRoomCreation({ invite: [BOB] }, CREATOR, SERVER).isDirect).toBe(false);
  });
});
