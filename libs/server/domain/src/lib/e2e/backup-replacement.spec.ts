import { describe, expect, it } from 'vitest';
import { shouldReplaceBackupSession } from './backup-replacement';

const s = (isVerified: boolean, firstMessageIndex: number, forwardedCount: number) => ({ isVerified, firstMessageIndex, forwardedCount, sessionData: {} });

describe('the key-backup replacement rule', () => {
  it('anything replaces nothing', () => {
    expect(shouldReplaceBackupSession(undefined, s(false, 9, 9))).toBe(true);
  });
  it('a verified session replaces an unverified one, whatever its indexes', () => {
    expect(shouldReplaceBackupSession(s(false, 0, 0), s(true, 5, 5))).toBe(true);
  });
  it('an unverified session never replaces a verified one', () => {
    expect(shouldReplaceBackupSession(s(true, 5, 5), s(false, 0, 0))).toBe(false);
  });
  it('between equals, the lower first_message_index wins', () => {
    expect(shouldReplaceBackupSession(s(true, 5, 0), s(true, 2, 3))).toBe(true);
    expect(shouldReplaceBackupSession(s(true, 2, 0), s(true, 5, 0))).toBe(false);
  });
  it('with the same first_message_index, the lower forwarded_count wins', () => {
    expect(shouldReplaceBackupSession(s(false, 2, 3), s(false, 2, 1))).toBe(true);
    expect(shouldReplaceBackupSession(s(false, 2, 1), s(false, 2, 3))).toBe(false);
  });
  it('a tie keeps the stored session', () => {
    expect(shouldReplaceBackupSession(s(true, 2, 1), s(true, 2, 1))).toBe(false);
  });
});
