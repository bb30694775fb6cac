import { describe, expect, it } from 'vitest';
import { InMemoryTokenBucket } from '@courier/server-domain';
import { ALICE, BOB, refusal, send, sendWorld, text } from './test-support';
import { createSendMessageDeps } from './send-message';

/** SEND_CONTRACT.md §8: a per-user token bucket, consulted after the txn lookup. */
describe('§8 rate limiting', () => {
  it('§8 429 M_LIMIT_EXCEEDED with retry_after_ms (and Retry-After in whole seconds) when the limiter refuses', async () => {
    const w = await sendWorld();
    const before = w.store.roomEvents(w.roomId).length;
    w.limiter.refuse(BOB, 1500);
    const err = await refusal(w.send('limited', text('x'), { user: BOB }));
    expect([err.status, err.errcode]).toEqual([429, 'M_LIMIT_EXCEEDED']);
    expect(err.toBody()).toMatchObject({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 1500 });
    expect(err.headers['retry-after']).toBe('2');
    expect(w.store.roomEvents(w.roomId)).toHaveLength(before);
  });

  it('§8 a 429 is not remembered as a transaction', async () => {
    const w = await sendWorld();
    w.limiter.refuse(BOB, 1000);
    expect((await refusal(w.send('later', text('x'), { user: BOB }))).status).toBe(429);
    expect(await w.store.findTxn({ userId: BOB, deviceId: 'DEVICE1', roomId: w.roomId, eventType: 'm.room.message', txnId: 'later' })).toBeUndefined();
    w.limiter.allow(BOB);
    const id = await w.send('later', text('x'), { user: BOB });
    expect((await w.event(id)).pdu.content).toEqual(text('x'));
  });

  it('§8 a retransmission is not limited and spends no token', async () => {
    const w = await sendWorld();
    const first = await w.send('once', text('x'), { user: BOB });
    expect(w.limiter.taken).toEqual([BOB]);
    w.limiter.refuse(BOB, 1000);
    expect(await w.send('once', text('x'), { user: BOB })).toBe(first);
    expect(w.limiter.taken).toEqual([BOB]);
  });

  it('§8 exempt users are never limited', async () => {
    const w = await sendWorld({ rateLimitExempt: [BOB] });
    w.limiter.refuse(BOB, 1000);
    w.limiter.refuse(ALICE, 1000);
    for (let i = 0; i < 3; i++) await expect(w.send(`x${i}`, text('x'), { user: BOB })).resolves.toMatch(/^\$/);
    expect(w.limiter.taken).not.toContain(BOB);
    expect((await refusal(w.send('a', text('x'), { user: ALICE }))).status).toBe(429);
  });

  it('§8 the bucket is per user, not per device (a real token bucket on the fixed clock)', async () => {
    const w = await sendWorld();
    const deps = createSendMessageDeps({ ...w.base, rateLimiter: new InMemoryTokenBucket(1, 1, w.base.clock.now) });
    const as = (user: string, device: string, txnId: string) => send(deps, { roomId: w.roomId, txnId, body: text(txnId), user, device });
    await expect(as(BOB, 'PHONE', 'b1')).resolves.toMatch(/^\$/);
    const err = await refusal(as(BOB, 'LAPTOP', 'b2'));
    expect([err.status, err.errcode, err.extra['retry_after_ms']]).toEqual([429, 'M_LIMIT_EXCEEDED', 1000]);
    await expect(as(ALICE, 'PHONE', 'a1')).resolves.toMatch(/^\$/);
    w.base.clock.advance(1000);
    await expect(as(BOB, 'LAPTOP', 'b2')).resolves.toMatch(/^\$/);
  });
});
