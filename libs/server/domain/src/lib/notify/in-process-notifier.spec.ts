import { describe, expect, it } from 'vitest';
import { InProcessNotifier } from './in-process-notifier';

describe('InProcessNotifier', () => {
  it('wakes a waiter on a change in one of its rooms', async () => {
    const n = new InProcessNotifier();
    const p = n.wait({ userId: '@a:x', rooms: new Set(['!r:x']) }, 5000);
    n.notify({ rooms: ['!r:x'] });
    expect(await p).toBe(true);
  });

  it('does not wake a waiter for a room it is not in, but does when the change names the user', async () => {
    const n = new InProcessNotifier();
    const p = n.wait({ userId: '@a:x', rooms: new Set(['!r:x']) }, 50);
    n.notify({ rooms: ['!other:x'] });
    expect(await p).toBe(false);
    const q = n.wait({ userId: '@a:x', rooms: new Set(['!r:x']) }, 5000);
    n.notify({ rooms: ['!other:x'], userIds: ['@a:x'] });
    expect(await q).toBe(true);
  });

  it('times out with false and forgets the waiter', async () => {
    const n = new InProcessNotifier();
    expect(await n.wait({ userId: '@a:x' }, 10)).toBe(false);
    expect(n.waiting).toBe(0);
  });

  it('resolves false when aborted', async () => {
    const n = new InProcessNotifier();
    const ac = new AbortController();
    const p = n.wait({ userId: '@a:x' }, 5000, ac.signal);
    ac.abort();
    expect(await p).toBe(false);
    expect(n.waiting).toBe(0);
  });
});
