import { describe, expect, it } from 'vitest';
import { pythonTruthy, sharedSecretMac, verifySharedSecretMac } from './shared-secret-mac';

// Vectors computed with Python's hmac/hashlib exactly as Synapse's UserRegisterServlet does.
const base = { nonce: 'abc123', username: 'alice', password: 'pässword' };

describe('shared-secret registration MAC (Synapse byte format)', () => {
  it('matches Synapse for notadmin, admin and a user_type', () => {
    expect(sharedSecretMac('s3cret', { ...base, admin: false })).toBe('f31b899d565610bd7e4795ab956c8cd0b1e2fc38');
    expect(sharedSecretMac('s3cret', { ...base, admin: true })).toBe('c52bf3258af15a39a448d7cd054f3cbf82192790');
    expect(sharedSecretMac('s3cret', { ...base, admin: false, userType: 'bot' })).toBe('0890d38c54b2f611cdb92b7090ff5256686ceb30');
  });

  it('verifies only the exact hex digest', () => {
    const mac = sharedSecretMac('s3cret', { ...base, admin: false });
    expect(verifySharedSecretMac('s3cret', { ...base, admin: false }, mac)).toBe(true);
    expect(verifySharedSecretMac('s3cret', { ...base, admin: true }, mac)).toBe(false);
    expect(verifySharedSecretMac('other', { ...base, admin: false }, mac)).toBe(false);
    expect(verifySharedSecretMac('s3cret', { ...base, admin: false }, mac.slice(1))).toBe(false);
  });

  it.each([
    [null, false],
    [false, false],
    [0, false],
    ['', false],
    [[], false],
    [{}, false],
    [true, true],
    ['false', true],
    [[0], true],
    [{ a: 1 }, true],
  ])('admin %j is %s, as in Python', (value, expected) => {
    expect(pythonTruthy(value)).toBe(expected);
  });
});
