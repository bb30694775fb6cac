import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import { redactEvent } from './redact-event';
import { FULL_CONTENT, eventWithEveryTopLevelKey } from './testing/sample-events';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('redactEvent is pure', () => {
  it.each(['10', '11'] as const)('never mutates its input (v%s)', (version) => {
    for (const [type, content] of Object.entries(FULL_CONTENT)) {
      const event = eventWithEveryTopLevelKey(type, structuredClone(content));
      const before = structuredClone(event);
      const redacted = redactEvent(deepFreeze(event), version);
      expect(event).toStrictEqual(before);
      expect(redacted).not.toBe(event);
      expect(redacted['content']).not.toBe(event['content']);
    }
  });

  it('is idempotent', () => {
    for (const version of ['10', '11'] as const) {
      for (const [type, content] of Object.entries(FULL_CONTENT)) {
        const once = redactEvent(eventWithEveryTopLevelKey(type, content), version);
        expect(redactEvent(once, version)).toStrictEqual(once);
      }
    }
  });

  it.each(['9', '12', '', 'constructor', '__proto__'])('throws for room version %j', (version) => {
    expect(() => redactEvent({ type: 'm.room.message', content: {} } as JsonObject, version as RoomVersion)).toThrow(
      /room version/,
    );
  });
});
