import { describe, expect, it } from 'vitest';
import { parseRoomAlias } from './room-alias';

describe('parseRoomAlias', () => {
  it('splits #localpart:server', () => {
    expect(parseRoomAlias('#lobby:example.org:8448')).toEqual({ alias: '#lobby:example.org:8448', localpart: 'lobby', server: 'example.org:8448' });
  });
  it.each(['lobby:example.org', '#:example.org', '#lob by:example.org', '#lobby', '#a:b/c', `#${'a'.repeat(250)}:example.org`])('refuses %j with 400 M_INVALID_PARAM', (raw) => {
    expect(() => parseRoomAlias(raw)).toThrow(expect.objectContaining({ errcode: 'M_INVALID_PARAM' }));
  });
});
