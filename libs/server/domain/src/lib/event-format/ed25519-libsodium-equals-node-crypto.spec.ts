import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ed25519Implementation, ed25519Sign, ed25519SignWithNodeCrypto } from './ed25519';
import { generateSigningKey, signingKeyFromSeed } from './signing-key';
import { finalizeEvent } from './finalize-event';
import { verifyEventSignature } from './sign-event';
import { publicKeyBase64 } from './signing-key';
import { messageProto } from './testing/sample-pdu';

describe('ed25519 by libsodium', () => {
  it('signs with libsodium on this platform (sodium-native ships its binary)', () => {
    expect(ed25519Implementation).toBe('libsodium');
  });

  it('gives the same signature bytes as node:crypto for any key and message (ed25519 is deterministic)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 2048 }), (seed, message) => {
        const key = signingKeyFromSeed('ed25519:a_1', Buffer.from(seed));
        expect(ed25519Sign(key, message).equals(ed25519SignWithNodeCrypto(key, message))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('RFC 8032 test 1: the empty message under the all-zero-derived test key', () => {
    const key = signingKeyFromSeed('ed25519:a_1', Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex'));
    expect(ed25519Sign(key, new Uint8Array()).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('a finalized event verifies against the published public key', () => {
    const key = generateSigningKey();
    const { pdu } = finalizeEvent(messageProto(), '11', 'courier.test', key);
    expect(verifyEventSignature(pdu, '11', 'courier.test', { keyId: key.keyId, publicKey: publicKeyBase64(key) })).toBe(true);
  });
});
