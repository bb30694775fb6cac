import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as canonical from '../canonical-json';
import { finalizeEvent } from './finalize-event';
import { generateSigningKey } from './signing-key';
import { messageProto } from './testing/sample-pdu';

const calls = vi.hoisted(() => ({ count: 0 }));

vi.mock('../canonical-json', async (importOriginal) => {
  const actual = await importOriginal<typeof canonical>();
  return {
    ...actual,
    canonicalJson: (value: Parameters<typeof actual.canonicalJson>[0]) => {
      calls.count++;
      return actual.canonicalJson(value);
    },
  };
});

// finalizeEvent runs on every event Courier creates, so the number of canonical encodings is
// part of its contract: one for the content hash, one shared by signature and event ID.
describe('finalizeEvent on the hot path', () => {
  beforeEach(() => {
    calls.count = 0;
  });

  it('encodes canonical JSON exactly twice per event', () => {
    finalizeEvent(messageProto(), '11', 'courier.test', generateSigningKey());
    expect(calls.count).toBe(2);
  });
});
