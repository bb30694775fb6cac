import { describe, expect, it } from 'vitest';
import { MatrixError } from '@courier/shared-matrix-errors';
import { parseJsonParam, parseRoomEventFilter, parseSyncFilter } from './parse-filter';
import { matchesEventFilter, roomAllowed, typeMatches } from './match-filter';

const errcodeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof MatrixError ? e.errcode : 'not a MatrixError';
  }
  return 'no error';
};

describe('parseSyncFilter', () => {
  it('keeps known fields and ignores unknown ones', () => {
    const f = parseSyncFilter({ room: { timeline: { limit: 5, types: ['m.room.*'], future: 1 }, include_leave: true }, x: 1 });
    expect(f).toEqual({ room: { timeline: { limit: 5, types: ['m.room.*'] }, include_leave: true } });
  });

  it.each([
    ['not an object', []],
    ['a null', null],
    ['a fractional limit', { room: { timeline: { limit: 1.5 } } }],
    ['a negative limit', { room: { timeline: { limit: -1 } } }],
    ['a string limit', { room: { timeline: { limit: '5' } } }],
    ['types not strings', { room: { state: { types: [1] } } }],
    ['contains_url not boolean', { room: { timeline: { contains_url: 'yes' } } }],
    ['room not an object', { room: 'x' }],
    ['an unknown event_format', { event_format: 'raw' }],
  ])('%s is M_BAD_JSON', (_n, v) => {
    expect(errcodeOf(() => parseSyncFilter(v))).toBe('M_BAD_JSON');
  });

  it('a RoomEventFilter must be an object', () => {
    expect(errcodeOf(() => parseRoomEventFilter('x'))).toBe('M_BAD_JSON');
  });

  it('text that is not JSON is M_NOT_JSON', () => {
    expect(errcodeOf(() => parseJsonParam('{nope'))).toBe('M_NOT_JSON');
  });
});

describe('matching', () => {
  it('* is a wildcard for any run of characters, nothing else is special', () => {
    expect(typeMatches('m.room.*', 'm.room.message')).toBe(true);
    expect(typeMatches('m.*.message', 'm.room.message')).toBe(true);
    expect(typeMatches('m.room.message', 'm.roomXmessage')).toBe(false);
    expect(typeMatches('*', 'anything')).toBe(true);
  });

  it('exclusions win over inclusions', () => {
    const f = { types: ['m.*'], not_types: ['m.room.member'], not_senders: ['@spam:x'] };
    expect(matchesEventFilter(f, { type: 'm.room.message', sender: '@a:x' })).toBe(true);
    expect(matchesEventFilter(f, { type: 'm.room.member', sender: '@a:x' })).toBe(false);
    expect(matchesEventFilter(f, { type: 'm.room.message', sender: '@spam:x' })).toBe(false);
    expect(matchesEventFilter(f, { type: 'org.other', sender: '@a:x' })).toBe(false);
  });

  it('senders, rooms and contains_url', () => {
    expect(matchesEventFilter({ senders: ['@a:x'] }, { type: 't', sender: '@b:x' })).toBe(false);
    expect(matchesEventFilter({ contains_url: true }, { type: 't', content: { url: 'mxc://a/b' } })).toBe(true);
    expect(matchesEventFilter({ contains_url: true }, { type: 't', content: {} })).toBe(false);
    expect(matchesEventFilter({ contains_url: false }, { type: 't', content: { url: 'mxc://a/b' } })).toBe(false);
    expect(roomAllowed({ rooms: ['!a:x'], not_rooms: ['!a:x'] }, '!a:x')).toBe(false);
    expect(roomAllowed({ rooms: ['!a:x'] }, '!b:x')).toBe(false);
    expect(roomAllowed(undefined, '!b:x')).toBe(true);
  });
});
