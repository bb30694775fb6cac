import { generateSigningKey, publicKeyBase64, type RateLimiter, type SigningKey, type VerifyKey } from '@courier/server-domain';
import { FakeEventStore } from './fake-event-store';
import { FakeRateLimiter } from './fake-rate-limiter';
import { FixedClock } from './fixed-clock';

/**
 * What the send and room use cases need, made of fakes: an in-memory store, a fixed clock, a
 * fresh ed25519 key (with its verify key, to check signatures) and a scriptable rate limiter.
 * Structurally a RoomDeps and a SendMessageDeps without its single-flight map, so the feature
 * libs' own factories take it as it is (createSendMessageDeps(testSendDeps())).
 */
export interface TestSendDeps {
  events: FakeEventStore;
  serverName: string;
  signingKey: SigningKey;
  verifyKey: VerifyKey;
  clock: FixedClock;
  now: () => number;
  rateLimiter: RateLimiter;
  rateLimitExempt: Set<string>;
}

export function testSendDeps(
  options: { serverName?: string; clock?: FixedClock; rateLimiter?: RateLimiter; rateLimitExempt?: Iterable<string>; interleave?: boolean } = {},
): TestSendDeps {
  const clock = options.clock ?? new FixedClock();
  const signingKey = generateSigningKey();
  return {
    events: new FakeEventStore({ now: clock.now, interleave: options.interleave ?? false }),
    serverName: options.serverName ?? 'courier.test',
    signingKey,
    verifyKey: { keyId: signingKey.keyId, publicKey: publicKeyBase64(signingKey) },
    clock,
    now: clock.now,
    rateLimiter: options.rateLimiter ?? new FakeRateLimiter(),
    rateLimitExempt: new Set(options.rateLimitExempt ?? []),
  };
}
