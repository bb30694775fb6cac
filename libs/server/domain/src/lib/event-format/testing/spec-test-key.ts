import { signingKeyFromSeed } from '../signing-key';

/** The key of the spec's "Cryptographic Test Vectors" appendix: server `domain`, `ed25519:1`. */
export const SPEC_SERVER_NAME = 'domain';
export const SPEC_SIGNING_KEY = signingKeyFromSeed('ed25519:1', 'YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1');
