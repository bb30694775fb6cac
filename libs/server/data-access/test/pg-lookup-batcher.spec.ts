import { describe, expect, it } from 'vitest';
import { LookupBatcher } from '../src/lib/events/pg-lookup-batcher';

/** A lookup whose queries the test answers by hand, recording the keys of each. */
function manualLookup() {
  const queries: Array<{ keys: string[]; answer(values: Array<string | undefined>): void; fail(err: Error): void }> = [];
  const batcher = new LookupBatcher<string, string>(
    (keys) =>
      new Promise((resolve, reject) => {
        queries.push({ keys, answer: resolve, fail: reject });
      }),
    (key) => key,
  );
  return { batcher, queries };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('LookupBatcher', () => {
  it('calls made in one event-loop turn are answered by one query, identical keys by one answer', async () => {
    const { batcher, queries } = manualLookup();
    const calls = ['a', 'b', 'a', 'c', 'b'].map((k) => batcher.get(k));
    await turn();
    expect(queries.map((q) => q.keys)).toEqual([['a', 'b', 'c']]);
    queries[0]?.answer(['A', undefined, 'C']);
    expect(await Promise.all(calls)).toEqual(['A', undefined, 'A', 'C', undefined]);
  });

  it('a call made while a query is in flight waits for a query that starts after it', async () => {
    const { batcher, queries } = manualLookup();
    const first = batcher.get('token');
    await turn();
    const second = batcher.get('token');
    const third = batcher.get('other');
    await turn();
    expect(queries).toHaveLength(1);
    queries[0]?.answer(['valid']);
    expect(await first).toBe('valid');
    await turn();
    // The second call was made after the first query started: it is not given that answer.
    expect(queries.map((q) => q.keys)).toEqual([['token'], ['token', 'other']]);
    queries[1]?.answer([undefined, 'O']);
    expect(await second).toBeUndefined();
    expect(await third).toBe('O');
  });

  it('a failed query fails only its own callers, and nothing is remembered', async () => {
    const { batcher, queries } = manualLookup();
    const failing = batcher.get('k');
    await turn();
    const later = batcher.get('k');
    queries[0]?.fail(new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');
    await turn();
    queries[1]?.answer(['v']);
    expect(await later).toBe('v');
  });
});
