import { afterEach, describe, expect, it, vi } from 'vitest';
import { InProcessTyping } from './in-process-typing';

describe('InProcessTyping', () => {
  afterEach(() => vi.useRealTimers());

  it('a change takes the next position and calls back with its room', async () => {
    const changed: string[] = [];
    const store = new InProcessTyping((r) => changed.push(r), () => 1000);
    await store.set('!r:x', '@a:x', true, 30_000);
    const c = await store.changes(['!r:x', '!s:x'], 1000);
    expect(c.position).toBe(1001);
    expect([...c.rooms]).toEqual([['!r:x', ['@a:x']]]);
    expect(changed).toEqual(['!r:x']);
    await store.close();
  });

  it('renewing a typing user changes nothing; stopping shows an empty list after the last position', async () => {
    const changed: string[] = [];
    const store = new InProcessTyping((r) => changed.push(r), () => 0);
    await store.set('!r:x', '@a:x', true, 30_000);
    const { position } = await store.changes([], undefined);
    await store.set('!r:x', '@a:x', true, 30_000);
    expect((await store.changes(['!r:x'], position)).rooms.size).toBe(0);
    await store.set('!r:x', '@a:x', false, 0);
    expect([...(await store.changes(['!r:x'], position)).rooms]).toEqual([['!r:x', []]]);
    // An initial sync shows only rooms where someone types.
    expect((await store.changes(['!r:x'], undefined)).rooms.size).toBe(0);
    expect(changed).toEqual(['!r:x', '!r:x']);
    await store.close();
  });

  it('the timeout ends typing with a new position', async () => {
    vi.useFakeTimers();
    const changed: string[] = [];
    const store = new InProcessTyping((r) => changed.push(r), () => 0);
    await store.set('!r:x', '@a:x', true, 500);
    const { position } = await store.changes([], undefined);
    await vi.advanceTimersByTimeAsync(501);
    expect([...(await store.changes(['!r:x'], position)).rooms]).toEqual([['!r:x', []]]);
    expect(changed).toHaveLength(2);
    await store.close();
  });

  it('a token from ahead of the stream (a restart) gets the current typers', async () => {
    const store = new InProcessTyping(() => undefined, () => 10);
    await store.set('!r:x', '@a:x', true, 30_000);
    expect([...(await store.changes(['!r:x'], 99_999)).rooms]).toEqual([['!r:x', ['@a:x']]]);
    await store.close();
  });
});
