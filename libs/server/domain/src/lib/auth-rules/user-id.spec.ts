import { describe, expect, it } from 'vitest';
import { isValidUserId, serverNameOf } from './user-id';

describe('isValidUserId', () => {
  it.each([
    ['@alice:example.org', true],
    ['@alice:example.org:8448', true],
    ['@alice:1.2.3.4', true],
    ['@alice:[1234:5678::abcd]:5678', true],
    ['@Historical.Caps!:example.org', true],
    ['@:example.org', true], // historical: an empty localpart must still be accepted in events
    ['alice:example.org', false],
    ['@alice', false],
    ['@alice:', false],
    ['@alice:exa mple.org', false],
    ['@al\u0000ice:example.org', false],
    [`@${'a'.repeat(250)}:example.org`, false],
  ])('%s → %s', (id, valid) => {
    expect(isValidUserId(id)).toBe(valid);
  });

  it('the server name is everything after the first colon', () => {
    expect(serverNameOf('@alice:example.org:8448')).toBe('example.org:8448');
    expect(serverNameOf('nonsense')).toBe('');
  });
});
