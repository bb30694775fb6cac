import type { RedactionRules } from './redaction-rules';

/**
 * Room version 10 redacts exactly as version 9 does (rooms/v10, "Redactions", unchanged from
 * v9). Note that `redacts` of `m.room.redaction` is not kept anywhere: the top-level key is
 * not in the list, and content keeps nothing for that type.
 */
export const REDACTION_RULES_V10: RedactionRules = {
  topLevelKeys: new Set([
    'event_id',
    'type',
    'room_id',
    'sender',
    'state_key',
    'content',
    'hashes',
    'signatures',
    'depth',
    'prev_events',
    'prev_state',
    'auth_events',
    'origin',
    'origin_server_ts',
    'membership',
  ]),
  contentKeys: {
    'm.room.member': { keep: ['membership', 'join_authorised_via_users_server'] },
    'm.room.create': { keep: ['creator'] },
    'm.room.join_rules': { keep: ['join_rule', 'allow'] },
    'm.room.power_levels': {
      keep: ['ban', 'events', 'events_default', 'kick', 'redact', 'state_default', 'users', 'users_default'],
    },
    'm.room.history_visibility': { keep: ['history_visibility'] },
  },
};
