import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';

describe('joining and inviting: errors as the spec says (SQLite)', () => {
  let t: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    alice = await t.user('alice');
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: Record<string, unknown> = {}) => t.as(alice, { method: 'POST', url, payload });

  it('joining an unknown alias is 404 M_NOT_FOUND', async () => {
    const res = await post(`/_matrix/client/v3/join/${encodeURIComponent('#nowhere:test.local')}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().errcode).toBe('M_NOT_FOUND');
  });

  it('joining an unknown room is 404 M_NOT_FOUND, a malformed ID 400 M_INVALID_PARAM', async () => {
    const unknown = await post(`/_matrix/client/v3/join/${encodeURIComponent('!nope:test.local')}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errcode).toBe('M_NOT_FOUND');
    const malformed = await post('/_matrix/client/v3/join/not-a-room');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errcode).toBe('M_INVALID_PARAM');
  });

  it('inviting something that is not a user ID is 400 M_INVALID_PARAM', async () => {
    const roomId = await t.createRoom(alice);
    const res = await post(`/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/invite`, { user_id: 'bob' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errcode).toBe('M_INVALID_PARAM');
  });
});
