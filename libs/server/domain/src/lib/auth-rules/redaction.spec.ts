import { describe, expect, it } from 'vitest';
import { assertCanRedact, canRedact, redactedEventId } from './redaction';
import { CREATOR, DEFAULT_TEST_LEVELS, MEMBER, MOD, refusal, testRoom } from './test-room';

describe('canRedact', () => {
  it.each([
    ['anyone can redact their own event', MEMBER, MEMBER, true],
    ["a member below the redact level cannot redact another user's event", MEMBER, MOD, false],
    ["a moderator at the redact level can redact another user's event", MOD, MEMBER, true],
    ['the redact level is about the level, not the target: a moderator can redact the creator', MOD, CREATOR, true],
  ])('%s', (_label, sender, targetSender, allowed) => {
    expect(canRedact(sender, targetSender, testRoom())).toBe(allowed);
  });

  it('the redact level comes from the power levels event', () => {
    const room = testRoom({ powerLevels: { ...DEFAULT_TEST_LEVELS, redact: 0 } });
    expect(canRedact(MEMBER, MOD, room)).toBe(true);
  });

  it('assertCanRedact throws 403 naming both levels', () => {
    const err = refusal(() => assertCanRedact(MEMBER, MOD, testRoom()));
    expect(err?.errcode).toBe('M_FORBIDDEN');
    expect(err?.message).toBe("You don't have permission to redact other users' events. user_level (0) < redact_level (50)");
    expect(refusal(() => assertCanRedact(MOD, MEMBER, testRoom()))).toBeUndefined();
  });
});

describe('redactedEventId', () => {
  it.each([
    ['v11 reads content.redacts', '11', { type: 'm.room.redaction', sender: MEMBER, content: { redacts: '$a' }, redacts: '$b' }, '$a'],
    ['v10 reads the top-level redacts', '10', { type: 'm.room.redaction', sender: MEMBER, content: { redacts: '$a' }, redacts: '$b' }, '$b'],
    ['v11 without content.redacts has no target', '11', { type: 'm.room.redaction', sender: MEMBER, content: {}, redacts: '$b' }, undefined],
    ['a non-string target is no target', '11', { type: 'm.room.redaction', sender: MEMBER, content: { redacts: 5 } }, undefined],
  ] as const)('%s', (_label, version, event, expected) => {
    expect(redactedEventId({ ...event, content: { ...event.content } }, version)).toBe(expected);
  });
});
