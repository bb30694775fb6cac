import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import { authorizeEvent } from './authorize-event';
import { stateFromEvents } from './state-from-events';
import { CREATOR, createEvent, refusal } from './test-room';

const create = (content: JsonObject, stateKey = '') => ({ type: 'm.room.create', state_key: stateKey, sender: CREATOR, content });
const empty = stateFromEvents([]);

describe('authorizeEvent: m.room.create', () => {
  it.each<[string, RoomVersion, JsonObject, string | undefined]>([
    ['v10 with creator is allowed', '10', { room_version: '10', creator: CREATOR }, undefined],
    ['v10 without creator is refused', '10', { room_version: '10' }, 'must have a creator property'],
    ['v11 without creator is allowed (the sender is the creator)', '11', { room_version: '11' }, undefined],
    ['v11 with a leftover creator is still allowed', '11', { room_version: '11', creator: CREATOR }, undefined],
    ['room_version naming another version is refused', '11', { room_version: '10' }, 'must be "11"'],
    ['missing room_version (meaning v1) is refused', '11', {}, 'got null'],
    ['a non-string room_version is refused', '11', { room_version: 11 }, 'got 11'],
  ])('%s', (_label, version, content, expected) => {
    const err = refusal(() => authorizeEvent(create(content), empty, version));
    if (expected === undefined) expect(err).toBeUndefined();
    else expect(err?.message).toContain(expected);
  });

  it('a second create event is refused: the create event must be the first', () => {
    const err = refusal(() => authorizeEvent(create({ room_version: '11' }), stateFromEvents([createEvent('11')]), '11'));
    expect(err?.errcode).toBe('M_FORBIDDEN');
    expect(err?.message).toMatch(/already has an m\.room\.create/);
  });

  it('a create event with a non-empty state_key is refused', () => {
    expect(refusal(() => authorizeEvent(create({ room_version: '11' }, 'x'), empty, '11'))?.message).toMatch(/empty state_key/);
  });
});
