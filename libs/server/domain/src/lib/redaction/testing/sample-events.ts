import type { JsonObject } from '../../json';

/** An event carrying every top-level key any room version protects, plus some none do. */
export function eventWithEveryTopLevelKey(type: string, content: JsonObject): JsonObject {
  return {
    event_id: '$ev:example.org',
    type,
    room_id: '!room:example.org',
    sender: '@alice:example.org',
    state_key: '',
    content,
    hashes: { sha256: 'aGFzaA' },
    signatures: { 'example.org': { 'ed25519:1': 'c2ln' } },
    depth: 7,
    prev_events: ['$prev'],
    prev_state: ['$prevstate'],
    auth_events: ['$create', '$pl'],
    origin: 'example.org',
    origin_server_ts: 1_700_000_000_000,
    membership: 'join',
    unsigned: { age_ts: 1, redacted_because: {} },
    redacts: '$target',
    age: 5,
    user_id: '@alice:example.org',
    'org.example.custom': true,
  };
}

/** Content holding every key some version protects for the type, plus junk no version keeps. */
export const FULL_CONTENT: Readonly<Record<string, JsonObject>> = {
  'm.room.member': {
    membership: 'invite',
    join_authorised_via_users_server: '@bob:example.org',
    third_party_invite: { display_name: 'Alice', signed: { mxid: '@alice:example.org', token: 't', signatures: {} } },
    displayname: 'Alice',
    avatar_url: 'mxc://example.org/a',
    reason: 'hi',
  },
  'm.room.create': { creator: '@alice:example.org', room_version: '11', 'm.federate': false, predecessor: { room_id: '!old' }, type: 'm.space' },
  'm.room.join_rules': { join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: '!space' }], junk: 1 },
  'm.room.power_levels': {
    ban: 50,
    events: { 'm.room.name': 50 },
    events_default: 0,
    invite: 0,
    kick: 50,
    redact: 50,
    state_default: 50,
    users: { '@alice:example.org': 100 },
    users_default: 0,
    notifications: { room: 50 },
  },
  'm.room.history_visibility': { history_visibility: 'shared', junk: 1 },
  'm.room.redaction': { redacts: '$target', reason: 'spam' },
  'm.room.aliases': { aliases: ['#a:example.org'] },
  'm.room.message': { msgtype: 'm.text', body: 'secret' },
  'm.room.name': { name: 'Room' },
};
