import { describe, expect, it } from 'vitest';
import { MatrixError } from '@courier/shared-matrix-errors';
import { formatRoomToken, formatSyncToken, parseRoomToken, parseSyncToken } from './tokens';

describe('sync tokens', () => {
  it('round-trips the seven stream positions in their fixed order', () => {
    const t = { events: 123, toDevice: 4, accountData: 0, deviceLists: 5, receipts: 6, typing: 7, presence: 8 };
    expect(formatSyncToken(t)).toBe('s123_4_0_5_6_7_8');
    expect(parseSyncToken('s123_4_0_5_6_7_8')).toEqual(t);
  });

  it('reads a shorter token of an older server with its missing trailing positions at 0', () => {
    expect(parseSyncToken('s123_4_9')).toEqual({ events: 123, toDevice: 4, accountData: 9, deviceLists: 0, receipts: 0, typing: 0, presence: 0 });
    expect(parseSyncToken('s1_2_3_4')).toEqual({ events: 1, toDevice: 2, accountData: 3, deviceLists: 4, receipts: 0, typing: 0, presence: 0 });
  });

  it.each(['', 's', 's1', 's1_2', 's1_2_3_4_5_6_7_8', 's1_2_3_', 's1__2_3', 'x1_2_3', 's1_2_3_04', 's-1_2_3', 's01_2_3', 's1.5_2_3', 's1_2_3 ', 's9999999999999999_0_0'])(
    '%j is 400 M_INVALID_PARAM',
    (bad) => {
      const err = (() => {
        try {
          parseSyncToken(bad);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(MatrixError);
      expect((err as MatrixError).errcode).toBe('M_INVALID_PARAM');
    },
  );
});

describe('room tokens', () => {
  it('accept our own and sync tokens, taking the events position', () => {
    expect(parseRoomToken(formatRoomToken(42))).toBe(42);
    expect(parseRoomToken('s42_7_9')).toBe(42);
    expect(formatRoomToken(-1)).toBe('s0');
  });

  it.each(['', 't42', '42', 's', 's4_2'])('%j is rejected', (bad) => {
    expect(() => parseRoomToken(bad)).toThrow(MatrixError);
  });
});
