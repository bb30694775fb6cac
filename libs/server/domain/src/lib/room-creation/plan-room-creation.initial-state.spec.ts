import { describe, expect, it } from 'vitest';
import { planRoomCreation } from './plan-room-creation';
import { CREATOR, SERVER, contentOf, slotsOf } from './test-plan';

describe('planRoomCreation: initial_state', () => {
  it('entries come after the preset events, in request order, with state_key defaulting to ""', () => {
    const plan = planRoomCreation(
      {
        initial_state: [
          { type: 'org.example.b', state_key: 'k', content: { n: 1 } },
          { type: 'm.room.encryption', content: { algorithm: 'm.megolm.v1.aes-sha2' } },
        ],
        name: 'N',
      },
      CREATOR,
      SERVER,
    );
    expect(slotsOf(plan).slice(3)).toEqual([
      'm.room.join_rules',
      'm.room.history_visibility',
      'm.room.guest_access',
      'org.example.b/k',
      'm.room.encryption',
      'm.room.name',
    ]);
  });

  it('an entry for a preset slot replaces the preset event instead of adding a second one', () => {
    const plan = planRoomCreation(
      { preset: 'public_chat', initial_state: [{ type: 'm.room.history_visibility', content: { history_visibility: 'joined' } }] },
      CREATOR,
      SERVER,
    );
    expect(slotsOf(plan).filter((s) => s === 'm.room.history_visibility')).toHaveLength(1);
    expect(contentOf(plan, 'm.room.history_visibility')).toEqual({ history_visibility: 'joined' });
    // It is sent where initial_state goes, after the remaining preset events.
    expect(slotsOf(plan).slice(3)).toEqual(['m.room.join_rules', 'm.room.history_visibility']);
  });

  it('guest access and join rules from initial_state replace the preset ones', () => {
    const plan = planRoomCreation(
      {
        initial_state: [
          { type: 'm.room.guest_access', content: { guest_access: 'forbidden' } },
          { type: 'm.room.join_rules', content: { join_rule: 'knock' } },
        ],
      },
      CREATOR,
      SERVER,
    );
    expect(slotsOf(plan).slice(3)).toEqual(['m.room.history_visibility', 'm.room.guest_access', 'm.room.join_rules']);
    expect(contentOf(plan, 'm.room.join_rules')).toEqual({ join_rule: 'knock' });
  });

  it('a repeated slot keeps its first position and its last content', () => {
    const plan = planRoomCreation(
      {
        initial_state: [
          { type: 'org.example.a', content: { v: 1 } },
          { type: 'org.example.b', content: {} },
          { type: 'org.example.a', state_key: '', content: { v: 2 } },
        ],
      },
      CREATOR,
      SERVER,
    );
    expect(slotsOf(plan).slice(-2)).toEqual(['org.example.a', 'org.example.b']);
    expect(contentOf(plan, 'org.example.a')).toEqual({ v: 2 });
  });

  it('name and topic replace initial_state entries for the same slots', () => {
    const plan = planRoomCreation(
      {
        name: 'From name',
        topic: 'From topic',
        initial_state: [
          { type: 'm.room.name', content: { name: 'From state' } },
          { type: 'm.room.topic', content: { topic: 'From state' } },
        ],
      },
      CREATOR,
      SERVER,
    );
    expect(slotsOf(plan).filter((s) => s === 'm.room.name' || s === 'm.room.topic')).toEqual(['m.room.name', 'm.room.topic']);
    expect(contentOf(plan, 'm.room.name')).toEqual({ name: 'From name' });
  });

  it('without name/topic parameters, initial_state name and topic are kept', () => {
    const plan = planRoomCreation({ initial_state: [{ type: 'm.room.name', content: { name: 'From state' } }] }, CREATOR, SERVER);
    expect(contentOf(plan, 'm.room.name')).toEqual({ name: 'From state' });
  });

  it('m.room.power_levels in initial_state replaces the default levels in place; the override is then ignored', () => {
    const levels = { users: { [CREATOR]: 100 }, state_default: 0 };
    const plan = planRoomCreation(
      { initial_state: [{ type: 'm.room.power_levels', content: levels }], power_level_content_override: { ban: 0 } },
      CREATOR,
      SERVER,
    );
    expect(slotsOf(plan)[2]).toBe('m.room.power_levels');
    expect(slotsOf(plan).filter((s) => s === 'm.room.power_levels')).toHaveLength(1);
    expect(contentOf(plan, 'm.room.power_levels')).toEqual(levels);
  });

  it('m.room.canonical_alias in initial_state replaces the one room_alias_name implies', () => {
    const plan = planRoomCreation(
      { room_alias_name: 'wombat', initial_state: [{ type: 'm.room.canonical_alias', content: { alias: '#other:example.org' } }] },
      CREATOR,
      SERVER,
    );
    expect(slotsOf(plan).filter((s) => s === 'm.room.canonical_alias')).toHaveLength(1);
    expect(contentOf(plan, 'm.room.canonical_alias')).toEqual({ alias: '#other:example.org' });
    expect(plan.alias).toBe('#wombat:example.org');
  });
});
