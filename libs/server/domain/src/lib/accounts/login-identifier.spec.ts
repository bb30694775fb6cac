import { describe, expect, it } from 'vitest';
import type { MatrixError } from '@courier/shared-matrix-errors';
import { loginUserId } from './login-identifier';

const errcodeOf = (body: Record<string, unknown>) => {
  try {
    loginUserId(body, 'example.org');
  } catch (err) {
    return (err as MatrixError).errcode;
  }
  return undefined;
};

describe('loginUserId', () => {
  it.each([
    [{ identifier: { type: 'm.id.user', user: 'alice' } }, '@alice:example.org'],
    [{ identifier: { type: 'm.id.user', user: 'Alice' } }, '@alice:example.org'],
    [{ identifier: { type: 'm.id.user', user: '@alice:example.org' } }, '@alice:example.org'],
    [{ identifier: { type: 'm.id.user', user: '@Alice:EXAMPLE.org' } }, '@alice:example.org'],
    [{ user: 'bob' }, '@bob:example.org'],
    [{ user: '@bob:example.org' }, '@bob:example.org'],
  ])('%j → %s', (body, userId) => {
    expect(loginUserId(body, 'example.org')).toBe(userId);
  });

  it.each([
    [{ identifier: { type: 'm.id.user', user: '@alice:other.org' } }, 'M_FORBIDDEN'],
    [{ identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'a@b' } }, 'M_FORBIDDEN'],
    [{ medium: 'email', address: 'a@b' }, 'M_FORBIDDEN'],
    [{ identifier: { type: 'm.id.unknown' } }, 'M_UNKNOWN'],
    [{ identifier: { type: 'm.id.user' } }, 'M_MISSING_PARAM'],
    [{ identifier: 'alice' }, 'M_BAD_JSON'],
    [{ user: 5 }, 'M_BAD_JSON'],
    [{ user: '@nocolon' }, 'M_BAD_JSON'],
    [{}, 'M_MISSING_PARAM'],
  ])('%j is %s', (body, errcode) => {
    expect(errcodeOf(body)).toBe(errcode);
  });
});
