import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import { redactEvent } from './redact-event';
import { FULL_CONTENT, eventWithEveryTopLevelKey } from './testing/sample-events';

const COMMON_TOP_LEVEL = [
  'auth_events',
  'content',
  'depth',
  'event_id',
  'hashes',
  'origin_server_ts',
  'prev_events',
  'room_id',
  'sender',
  'signatures',
  'state_key',
  'type',
];

// Top-level keys each version keeps (rooms/v9 "Redactions" for v10, rooms/v11 "Redactions").
// Neither keeps top-level `redacts`, `unsigned`, or anything unlisted.
const TOP_LEVEL: Record<RoomVersion, string[]> = {
  '10': [...COMMON_TOP_LEVEL, 'membership', 'origin', 'prev_state'].sort(),
  '11': [...COMMON_TOP_LEVEL].sort(),
};

const member = FULL_CONTENT['m.room.member'] as JsonObject;
const create = FULL_CONTENT['m.room.create'] as JsonObject;
const powerLevels = FULL_CONTENT['m.room.power_levels'] as JsonObject;

// [event type, content kept by v10, content kept by v11]
const CONTENT: ReadonlyArray<readonly [string, JsonObject, JsonObject]> = [
  [
    'm.room.member',
    { membership: 'invite', join_authorised_via_users_server: '@bob:example.org' },
    {
      membership: 'invite',
      join_authorised_via_users_server: '@bob:example.org',
      third_party_invite: { signed: (member['third_party_invite'] as JsonObject)['signed'] ?? null },
    },
  ],
  ['m.room.create', { creator: '@alice:example.org' }, create],
  [
    'm.room.join_rules',
    { join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: '!space' }] },
    { join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: '!space' }] },
  ],
  [
    'm.room.power_levels',
    Object.fromEntries(Object.entries(powerLevels).filter(([k]) => k !== 'invite' && k !== 'notifications')),
    Object.fromEntries(Object.entries(powerLevels).filter(([k]) => k !== 'notifications')),
  ],
  ['m.room.history_visibility', { history_visibility: 'shared' }, { history_visibility: 'shared' }],
  ['m.room.redaction', {}, { redacts: '$target' }],
  // m.room.aliases lost its protection in room version 6.
  ['m.room.aliases', {}, {}],
  ['m.room.message', {}, {}],
  ['m.room.name', {}, {}],
];

describe.each(['10', '11'] as const)('redaction in room version %s', (version) => {
  it('keeps exactly the protected top-level keys', () => {
    const redacted = redactEvent(eventWithEveryTopLevelKey('m.room.message', {}), version);
    expect(Object.keys(redacted).sort()).toEqual(TOP_LEVEL[version]);
  });

  it.each(CONTENT)('%s content', (type, v10, v11) => {
    const redacted = redactEvent(eventWithEveryTopLevelKey(type, FULL_CONTENT[type] ?? {}), version);
    expect(redacted['content']).toStrictEqual(version === '10' ? v10 : v11);
  });

  it('keeps protected keys only when present', () => {
    expect(redactEvent({ type: 'm.room.member', content: { displayname: 'x' } }, version)).toStrictEqual({
      type: 'm.room.member',
      content: {},
    });
  });

  it('gives an event without content an empty content object', () => {
    expect(redactEvent({ type: 'm.room.message', sender: '@a:b' }, version)).toStrictEqual({
      type: 'm.room.message',
      sender: '@a:b',
      content: {},
    });
  });
});

describe('room version 11 third_party_invite', () => {
  it('keeps only `signed`, leaving an empty object when there is none', () => {
    const redact = (content: JsonObject) => redactEvent({ type: 'm.room.member', content }, '11')['content'];
    expect(redact({ membership: 'invite', third_party_invite: { display_name: 'A' } })).toStrictEqual({
      membership: 'invite',
      third_party_invite: {},
    });
    expect(redact({ membership: 'invite', third_party_invite: 'not an object' })).toStrictEqual({ membership: 'invite' });
  });

  it('is not kept at all in room version 10', () => {
    const content = { membership: 'invite', third_party_invite: { signed: {} } };
    expect(redactEvent({ type: 'm.room.member', content }, '10')['content']).toStrictEqual({ membership: 'invite' });
  });
});
