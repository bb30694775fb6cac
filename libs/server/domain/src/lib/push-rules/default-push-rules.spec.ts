import { describe, expect, it } from 'vitest';
import { defaultPushRules } from './default-push-rules';

describe('defaultPushRules', () => {
  const rules = defaultPushRules('@alice:example.org');

  it('has the spec rule IDs in each kind, in order', () => {
    expect(rules.override.map((r) => r.rule_id)).toEqual([
      '.m.rule.master',
      '.m.rule.suppress_notices',
      '.m.rule.invite_for_me',
      '.m.rule.member_event',
      '.m.rule.is_user_mention',
      '.m.rule.contains_display_name',
      '.m.rule.is_room_mention',
      '.m.rule.roomnotif',
      '.m.rule.tombstone',
      '.m.rule.reaction',
      '.m.rule.room.server_acl',
      '.m.rule.suppress_edits',
    ]);
    expect(rules.content.map((r) => r.rule_id)).toEqual(['.m.rule.contains_user_name']);
    expect(rules.underride.map((r) => r.rule_id)).toEqual([
      '.m.rule.call',
      '.m.rule.encrypted_room_one_to_one',
      '.m.rule.room_one_to_one',
      '.m.rule.message',
      '.m.rule.encrypted',
    ]);
    expect(rules.room).toEqual([]);
    expect(rules.sender).toEqual([]);
  });

  it('is computed for the user: invite state_key, mention user ID, content pattern', () => {
    const invite = rules.override.find((r) => r.rule_id === '.m.rule.invite_for_me');
    expect(invite?.conditions).toContainEqual({ kind: 'event_match', key: 'state_key', pattern: '@alice:example.org' });
    const mention = rules.override.find((r) => r.rule_id === '.m.rule.is_user_mention');
    expect(mention?.conditions).toEqual([{ kind: 'event_property_contains', key: 'content.m\\.mentions.user_ids', value: '@alice:example.org' }]);
    expect(rules.content[0]?.pattern).toBe('alice');
  });

  it('only the master rule is disabled; every rule is a default', () => {
    const all = [...rules.override, ...rules.content, ...rules.underride];
    expect(all.filter((r) => !r.enabled).map((r) => r.rule_id)).toEqual(['.m.rule.master']);
    expect(all.every((r) => r.default)).toBe(true);
  });
});
