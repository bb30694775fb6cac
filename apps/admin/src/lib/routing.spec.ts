import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from './route';
import { mergeEvents } from './timeline';
import { newTxnId } from './txn-id';

describe('hash routes', () => {
  it.each<[string, Route]>([
    ['', { page: 'overview' }],
    ['#/', { page: 'overview' }],
    ['#/users', { page: 'users' }],
    ['#/rooms', { page: 'rooms' }],
    ['#/rooms/!abc%3Aexample.org', { page: 'room', roomId: '!abc:example.org' }],
    ['#/events/%24ev%2Fwith%2Fslashes', { page: 'event', eventId: '$ev/with/slashes' }],
    ['#/tokens', { page: 'tokens' }],
    ['#/nowhere', { page: 'overview' }],
  ])('parses %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips IDs with reserved characters', () => {
    for (const route of [
      { page: 'room', roomId: '!a/b?c#d:x' },
      { page: 'event', eventId: '$x+y/z=' },
    ] as Route[]) {
      expect(parseRoute(hrefOf(route))).toEqual(route);
    }
  });

  it('survives a malformed escape', () => {
    expect(parseRoute('#/rooms/%E0%A4%A')).toEqual({ page: 'room', roomId: '%E0%A4%A' });
  });
});

describe('mergeEvents', () => {
  const e = (eventId: string, stream: number) => ({ eventId, stream });
  it('keeps each event once, newest first, whatever the arrival order', () => {
    const merged = mergeEvents([e('$b', 2), e('$a', 1)], [e('$c', 3), e('$b', 2), e('$d', 4)]);
    expect(merged.map((x) => x.eventId)).toEqual(['$d', '$c', '$b', '$a']);
    expect(mergeEvents(merged, merged)).toEqual(merged);
  });

  it('caps the list, dropping the oldest', () => {
    expect(mergeEvents([e('$a', 1), e('$b', 2)], [e('$c', 3)], 2).map((x) => x.eventId)).toEqual(['$c', '$b']);
  });
});

describe('newTxnId', () => {
  it('is prefixed, time-based and random-suffixed', () => {
    expect(newTxnId(36 ** 3, () => 0.5)).toBe('admin-1000-i00000');
    expect(newTxnId()).toMatch(/^admin-[0-9a-z]+-[0-9a-z]{6}$/);
  });
});
