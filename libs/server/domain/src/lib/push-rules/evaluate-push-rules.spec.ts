import { describe, expect, it } from 'vitest';
import { defaultPushRules } from './default-push-rules';
import { evaluatePushRules, type PushContext, type PushEvent } from './evaluate-push-rules';

const me = '@alice:x';
const ctx = (over: Partial<PushContext> = {}): PushContext => ({
  userId: me,
  displayName: 'Alice Liddell',
  memberCount: 3,
  senderPowerLevel: () => 0,
  notificationLevel: () => 50,
  ...over,
});
const msg = (content: Record<string, unknown>, over: Partial<PushEvent> = {}): PushEvent => ({
  roomId: '!r:x',
  type: 'm.room.message',
  sender: '@bob:x',
  stateKey: null,
  content: { msgtype: 'm.text', ...content } as PushEvent['content'],
  ...over,
});
const run = (e: PushEvent, c = ctx()) => evaluatePushRules(defaultPushRules(me), e, c);

describe('evaluatePushRules with the default rules', () => {
  it('.m.rule.message: a message in a group room notifies without highlight', () => {
    expect(run(msg({ body: 'hi' }))).toEqual({ notify: true, highlight: false });
  });

  it('.m.rule.room_one_to_one: a message in a two-member room notifies', () => {
    expect(run(msg({ body: 'hi' }), ctx({ memberCount: 2 }))).toEqual({ notify: true, highlight: false });
  });

  it('.m.rule.suppress_notices: a notice does not notify', () => {
    expect(run(msg({ msgtype: 'm.notice', body: 'bot says' }))).toEqual({ notify: false, highlight: false });
  });

  it('.m.rule.is_user_mention: m.mentions.user_ids naming the user highlights', () => {
    expect(run(msg({ body: 'x', 'm.mentions': { user_ids: [me] } }))).toEqual({ notify: true, highlight: true });
    expect(run(msg({ body: 'x', 'm.mentions': { user_ids: ['@carol:x'] } }))).toEqual({ notify: true, highlight: false });
  });

  it('.m.rule.contains_display_name: the display name as whole words highlights', () => {
    expect(run(msg({ body: 'hey alice liddell!' }))).toEqual({ notify: true, highlight: true });
    expect(run(msg({ body: 'hey xAlice Liddellx' }))).toEqual({ notify: true, highlight: false });
  });

  it('.m.rule.contains_user_name: the localpart as a word highlights', () => {
    expect(run(msg({ body: 'ping ALICE' }), ctx({ displayName: undefined }))).toEqual({ notify: true, highlight: true });
    expect(run(msg({ body: 'malice' }), ctx({ displayName: undefined }))).toEqual({ notify: true, highlight: false });
  });

  it('.m.rule.is_room_mention and .m.rule.roomnotif need the sender\'s notification power', () => {
    const room = msg({ body: 'all', 'm.mentions': { room: true } });
    expect(run(room)).toEqual({ notify: true, highlight: false });
    expect(run(room, ctx({ senderPowerLevel: () => 50 }))).toEqual({ notify: true, highlight: true });
    expect(run(msg({ body: '@room look' }), ctx({ senderPowerLevel: () => 100 }))).toEqual({ notify: true, highlight: true });
  });

  it('.m.rule.member_event and .m.rule.reaction do not notify; .m.rule.invite_for_me does', () => {
    expect(run(msg({ membership: 'join' }, { type: 'm.room.member', stateKey: '@bob:x' }))).toEqual({ notify: false, highlight: false });
    expect(run(msg({ membership: 'invite' }, { type: 'm.room.member', stateKey: me }))).toEqual({ notify: true, highlight: false });
    expect(run(msg({}, { type: 'm.reaction' }))).toEqual({ notify: false, highlight: false });
  });

  it('.m.rule.suppress_edits: an edit does not notify', () => {
    expect(run(msg({ body: '* fixed', 'm.relates_to': { rel_type: 'm.replace', event_id: '$e' } }))).toEqual({ notify: false, highlight: false });
  });

  it('.m.rule.encrypted: encrypted events notify; other types do not', () => {
    expect(run(msg({}, { type: 'm.room.encrypted' }))).toEqual({ notify: true, highlight: false });
    expect(run(msg({}, { type: 'm.custom' }))).toEqual({ notify: false, highlight: false });
  });

  it('.m.rule.master, when enabled, silences everything; a disabled rule is skipped', () => {
    const rules = defaultPushRules(me);
    const master = rules.override.find((r) => r.rule_id === '.m.rule.master');
    if (master) master.enabled = true;
    expect(evaluatePushRules(rules, msg({ body: 'alice' }), ctx())).toEqual({ notify: false, highlight: false });
  });

  it('room and sender rules of the user are consulted before underride', () => {
    const rules = defaultPushRules(me);
    rules.room.push({ rule_id: '!r:x', default: false, enabled: true, actions: [] });
    expect(evaluatePushRules(rules, msg({ body: 'hi' }), ctx())).toEqual({ notify: false, highlight: false });
    rules.room = [];
    rules.sender.push({ rule_id: '@bob:x', default: false, enabled: true, actions: ['notify', { set_tweak: 'highlight' }] });
    expect(evaluatePushRules(rules, msg({ body: 'hi' }), ctx())).toEqual({ notify: true, highlight: true });
  });
});
