import type { RedactionRules } from './redaction-rules';

/**
 * Room version 11 (MSC2176, MSC3821, MSC3989): top-level `origin`, `membership` and
 * `prev_state` are no longer kept; `m.room.create` keeps its whole content;
 * `m.room.power_levels` also keeps `invite`; `m.room.redaction` keeps `content.redacts`
 * (the top-level `redacts` still goes); `m.room.member` keeps `third_party_invite.signed`.
 */
export const REDACTION_RULES_V11: RedactionRules = {
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
    'auth_events',
    'origin_server_ts',
  ]),
  contentKeys: {
    'm.room.member': {
      keep: ['membership', 'join_authorised_via_users_server'],
      keepWithin: { third_party_invite: ['signed'] },
    },
    'm.room.create': 'all',
    'm.room.join_rules': { keep: ['join_rule', 'allow'] },
    'm.room.power_levels': {
      keep: ['ban', 'events', 'events_default', 'invite', 'kick', 'redact', 'state_default', 'users', 'users_default'],
    },
    'm.room.history_visibility': { keep: ['history_visibility'] },
    'm.room.redaction': { keep: ['redacts'] },
  },
};
