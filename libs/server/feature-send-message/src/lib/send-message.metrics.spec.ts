import { describe, expect, it } from 'vitest';
import { createSendMessageDeps } from './send-message';
import type { SendMetrics } from './send-metrics';
import { BOB, reaction, refusal, send, sendWorld, text } from './test-support';

/** A SendMetrics that counts calls by name. */
function countingMetrics(): SendMetrics & { counts: Record<string, number> } {
  const counts: Record<string, number> = { sent: 0, dedupeHit: 0, duplicateAnnotation: 0, rateLimited: 0 };
  const bump = (name: string) => () => void (counts[name] = (counts[name] ?? 0) + 1);
  return { counts, sent: bump('sent'), dedupeHit: bump('dedupeHit'), duplicateAnnotation: bump('duplicateAnnotation'), rateLimited: bump('rateLimited') };
}

/** The optional metrics hook: one call per request, named after its outcome. */
describe('sendMessage reports to its metrics hook', () => {
  const setup = async () => {
    const w = await sendWorld({ interleave: true });
    const metrics = countingMetrics();
    const deps = createSendMessageDeps({ ...w.base, metrics });
    const go = (txnId: string, body: unknown, type = 'm.room.message') => send(deps, { roomId: w.roomId, txnId, body, user: BOB, type });
    return { w, metrics, go };
  };

  it('counts a new event as sent, and a retransmission as a dedupe hit', async () => {
    const { metrics, go } = await setup();
    const id = await go('a', text('x'));
    expect(await go('a', text('x'))).toBe(id);
    expect(metrics.counts).toEqual({ sent: 1, dedupeHit: 1, duplicateAnnotation: 0, rateLimited: 0 });
  });

  it('counts identical requests in flight together: one sent, the rest dedupe hits', async () => {
    const { metrics, go } = await setup();
    const ids = await Promise.all(Array.from({ length: 5 }, () => go('same', text('x'))));
    expect(new Set(ids).size).toBe(1);
    expect(metrics.counts).toMatchObject({ sent: 1, dedupeHit: 4 });
  });

  it('counts a duplicate annotation and a rate-limited request', async () => {
    const { w, metrics, go } = await setup();
    const target = await go('t', text('react to me'));
    await go('r1', reaction(target, '👍'), 'm.reaction');
    expect((await refusal(go('r2', reaction(target, '👍'), 'm.reaction'))).errcode).toBe('M_DUPLICATE_ANNOTATION');
    w.limiter.refuse(BOB, 1000);
    expect((await refusal(go('limited', text('x')))).errcode).toBe('M_LIMIT_EXCEEDED');
    expect(metrics.counts).toEqual({ sent: 2, dedupeHit: 0, duplicateAnnotation: 1, rateLimited: 1 });
  });

  it('works without a hook (the default is a no-op)', async () => {
    const w = await sendWorld();
    await expect(w.send('plain', text('x'))).resolves.toMatch(/^\$/);
  });
});
