import { describe, expect, it } from 'vitest';
import type { EventReader, ReadEvent, StreamRange } from '@courier/server-domain';
import { scanRoom } from './scan-room';

/** A reader over an in-memory timeline: only paginate is used by scanRoom. */
function fakeReader(streams: number[]): EventReader {
  const events = streams.map(
    (stream) => ({ stream, eventId: `$${stream}`, roomId: '!r:x', sender: '@a:x', type: stream % 3 === 0 ? 'skip' : 'keep', stateKey: null, pdu: {}, redactedBy: null }) as unknown as ReadEvent,
  );
  return {
    paginate: async (_room: string, range: StreamRange, dir: 'b' | 'f', limit: number) => {
      const inRange = events.filter((e) => e.stream > range.after && e.stream <= range.upTo);
      return (dir === 'b' ? inRange.reverse() : inRange).slice(0, limit);
    },
  } as EventReader;
}

async function pageAll(reader: EventReader, dir: 'b' | 'f', from: number, to: number, want: number) {
  const seen: number[] = [];
  let cursor = from;
  for (let page = 0; page < 100; page++) {
    const r = await scanRoom(reader, '!r:x', { dir, from: cursor, to, want, accept: (e) => e.type === 'keep' });
    seen.push(...r.events.map((e) => e.stream));
    if (r.exhausted) return seen;
    cursor = r.cursor;
  }
  throw new Error('did not finish');
}

describe('scanRoom', () => {
  const streams = Array.from({ length: 95 }, (_, i) => i * 2 + 1);
  const kept = streams.filter((s) => s % 3 !== 0);

  it.each([1, 3, 7, 50])('pages backwards then forwards over every accepted event exactly once (want %i)', async (want) => {
    const reader = fakeReader(streams);
    expect(await pageAll(reader, 'b', 1000, 0, want)).toEqual([...kept].reverse());
    expect(await pageAll(reader, 'f', 0, 1000, want)).toEqual(kept);
  });

  it('reports exhaustion only when nothing is left, and stops at `to`', async () => {
    const reader = fakeReader([1, 2, 4, 5]);
    const r = await scanRoom(reader, '!r:x', { dir: 'b', from: 5, to: 1, want: 10, accept: () => true });
    expect(r.events.map((e) => e.stream)).toEqual([5, 4, 2]);
    expect(r.exhausted).toBe(true);
    const partial = await scanRoom(reader, '!r:x', { dir: 'b', from: 5, to: 0, want: 2, accept: () => true });
    expect(partial).toMatchObject({ cursor: 3, exhausted: false });
  });

  it('gives up after maxScanned rows with a cursor to resume from', async () => {
    const reader = fakeReader(Array.from({ length: 1000 }, (_, i) => i + 1));
    const r = await scanRoom(reader, '!r:x', { dir: 'f', from: 0, to: 1000, want: 5, accept: () => false, maxScanned: 40 });
    expect(r.events).toEqual([]);
    expect(r.exhausted).toBe(false);
    // Whole batches are read (6, 24, 96 rows), so it stops at the first batch end past 40.
    expect(r.cursor).toBe(126);
    const rest = await scanRoom(reader, '!r:x', { dir: 'f', from: r.cursor, to: 1000, want: 1, accept: () => true });
    expect(rest.events.map((e) => e.stream)).toEqual([127]);
  });
});
