import type { JsonObject, JsonValue } from '../json';

export type PushRuleKind = 'override' | 'content' | 'room' | 'sender' | 'underride';
export const PUSH_RULE_KINDS: readonly PushRuleKind[] = ['override', 'content', 'room', 'sender', 'underride'];

export interface PushRule {
  rule_id: string;
  default: boolean;
  enabled: boolean;
  actions: JsonValue[];
  conditions?: JsonObject[];
  pattern?: string;
}

export type PushRuleset = Record<PushRuleKind, PushRule[]>;

const SOUND = { set_tweak: 'sound', value: 'default' };
const HIGHLIGHT = { set_tweak: 'highlight' };
const match = (key: string, pattern: string) => ({ kind: 'event_match', key, pattern });
const rule = (rule_id: string, conditions: JsonObject[], actions: JsonValue[], enabled = true): PushRule => ({
  rule_id,
  default: true,
  enabled,
  conditions,
  actions,
});

/**
 * The server-default push rules (Client-Server API, "Predefined Rules"), in Synapse's order.
 * The legacy body-matching rules (.m.rule.contains_display_name, .m.rule.roomnotif,
 * .m.rule.contains_user_name), dropped from the spec in v1.17, are kept because clients
 * older than intentional mentions still rely on them; Synapse keeps them too. Courier stores
 * no user-defined rules yet, so this is each user's whole rule set.
 */
export function defaultPushRules(userId: string): PushRuleset {
  const colon = userId.indexOf(':');
  const localpart = userId.slice(1, colon < 0 ? undefined : colon);
  return {
    override: [
      rule('.m.rule.master', [], [], false),
      rule('.m.rule.suppress_notices', [match('content.msgtype', 'm.notice')], []),
      rule(
        '.m.rule.invite_for_me',
        [match('type', 'm.room.member'), match('content.membership', 'invite'), match('state_key', userId)],
        ['notify', SOUND],
      ),
      rule('.m.rule.member_event', [match('type', 'm.room.member')], []),
      rule(
        '.m.rule.is_user_mention',
        [{ kind: 'event_property_contains', key: 'content.m\\.mentions.user_ids', value: userId }],
        ['notify', SOUND, HIGHLIGHT],
      ),
      rule('.m.rule.contains_display_name', [{ kind: 'contains_display_name' }], ['notify', SOUND, HIGHLIGHT]),
      rule(
        '.m.rule.is_room_mention',
        [{ kind: 'event_property_is', key: 'content.m\\.mentions.room', value: true }, { kind: 'sender_notification_permission', key: 'room' }],
        ['notify', HIGHLIGHT],
      ),
      rule('.m.rule.roomnotif', [{ kind: 'sender_notification_permission', key: 'room' }, match('content.body', '@room')], ['notify', HIGHLIGHT]),
      rule('.m.rule.tombstone', [match('type', 'm.room.tombstone'), match('state_key', '')], ['notify', HIGHLIGHT]),
      rule('.m.rule.reaction', [match('type', 'm.reaction')], []),
      rule('.m.rule.room.server_acl', [match('type', 'm.room.server_acl'), match('state_key', '')], []),
      rule('.m.rule.suppress_edits', [{ kind: 'event_property_is', key: 'content.m\\.relates_to.rel_type', value: 'm.replace' }], []),
    ],
    content: [{ rule_id: '.m.rule.contains_user_name', default: true, enabled: true, pattern: localpart, actions: ['notify', SOUND, HIGHLIGHT] }],
    room: [],
    sender: [],
    underride: [
      rule('.m.rule.call', [match('type', 'm.call.invite')], ['notify', { set_tweak: 'sound', value: 'ring' }]),
      rule('.m.rule.encrypted_room_one_to_one', [{ kind: 'room_member_count', is: '2' }, match('type', 'm.room.encrypted')], ['notify', SOUND]),
      rule('.m.rule.room_one_to_one', [{ kind: 'room_member_count', is: '2' }, match('type', 'm.room.message')], ['notify', SOUND]),
      rule('.m.rule.message', [match('type', 'm.room.message')], ['notify']),
      rule('.m.rule.encrypted', [match('type', 'm.room.encrypted')], ['notify']),
    ],
  };
}

export function isPushRuleKind(value: string): value is PushRuleKind {
  return (PUSH_RULE_KINDS as readonly string[]).includes(value);
}
