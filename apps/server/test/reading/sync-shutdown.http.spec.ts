import { describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp } from '../support/test-app';
import { createReadingHelpers } from './reading-helpers';

/** A waiting long-poll must not hold up a graceful shutdown (main.ts gives close 9 s). */
describe.each(await dbKinds())('/sync during shutdown on %s', (kind) => {
  it('closing the app answers a waiting long-poll at once', async () => {
    const t = await startTestApp(kind);
    const h = createReadingHelpers(() => t);
    try {
      const alice = await t.user('alice');
      const { next_batch } = await h.sync(alice);
      const poll = t.as(alice, { method: 'GET', url: `/_matrix/client/v3/sync?since=${next_batch}&timeout=20000` });
      await new Promise((r) => setTimeout(r, 200));
      const started = performance.now();
      await t.app.close();
      const res = await poll;
      expect(performance.now() - started).toBeLessThan(1000);
      expect(res.statusCode).toBe(200);
      expect(res.json().next_batch).toBe(next_batch);
    } finally {
      await t.close();
    }
  });
});
