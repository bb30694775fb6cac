import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3 } from './e2ee-helpers';

const ALG = 'm.megolm_backup.v1.curve25519-aes-sha2';
const session = (firstMessageIndex: number, forwardedCount: number, isVerified: boolean, tag: string) => ({
  first_message_index: firstMessageIndex,
  forwarded_count: forwardedCount,
  is_verified: isVerified,
  session_data: { ciphertext: tag, ephemeral: 'e', mac: 'm' },
});

/** Server-side key backup (key_backup.yaml): versions, keys at three levels, etag and count, the replacement rule. */
describe.each(await dbKinds())('key backup on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  const req = (u: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.as(u, { method, url: `${V3}${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const room = encodeURIComponent('!room:test.local');
  let version: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
  });
  afterAll(async () => t.close());

  it('no backup: GET /room_keys/version is 404 M_NOT_FOUND', async () => {
    const res = await req(alice, 'GET', '/room_keys/version');
    expect(res.statusCode).toBe(404);
    expect(res.json().errcode).toBe('M_NOT_FOUND');
  });

  it('POST creates a version; GET (current and by version) shows it with etag and count 0; another user sees none', async () => {
    const created = await req(alice, 'POST', '/room_keys/version', { algorithm: ALG, auth_data: { public_key: 'pk' } });
    expect(created.statusCode).toBe(200);
    version = created.json().version as string;
    const current = (await req(alice, 'GET', '/room_keys/version')).json();
    expect(current).toEqual({ algorithm: ALG, auth_data: { public_key: 'pk' }, count: 0, etag: expect.any(String), version });
    expect((await req(alice, 'GET', `/room_keys/version/${version}`)).json()).toEqual(current);
    expect((await req(bob, 'GET', '/room_keys/version')).statusCode).toBe(404);
    expect((await req(alice, 'POST', '/room_keys/version', { algorithm: ALG })).statusCode).toBe(400);
  });

  it('PUT at all three levels stores sessions; count and etag follow; GET at each level reads them back', async () => {
    const before = (await req(alice, 'GET', '/room_keys/version')).json().etag as string;
    const all = await req(alice, 'PUT', `/room_keys/keys?version=${version}`, { rooms: { '!room:test.local': { sessions: { s1: session(5, 1, false, 'a') } } } });
    expect(all.statusCode).toBe(200);
    expect(all.json().count).toBe(1);
    expect(all.json().etag).not.toBe(before);
    await req(alice, 'PUT', `/room_keys/keys/${room}?version=${version}`, { sessions: { s2: session(0, 0, false, 'b') } });
    const one = await req(alice, 'PUT', `/room_keys/keys/${room}/s3?version=${version}`, session(0, 0, true, 'c'));
    expect(one.json().count).toBe(3);
    expect((await req(alice, 'GET', `/room_keys/keys/${room}/s1?version=${version}`)).json()).toEqual(session(5, 1, false, 'a'));
    expect(Object.keys((await req(alice, 'GET', `/room_keys/keys/${room}?version=${version}`)).json().sessions).sort()).toEqual(['s1', 's2', 's3']);
    expect(Object.keys((await req(alice, 'GET', `/room_keys/keys?version=${version}`)).json().rooms)).toEqual(['!room:test.local']);
    expect((await req(alice, 'GET', `/room_keys/keys/${room}/nope?version=${version}`)).statusCode).toBe(404);
  });

  it('the replacement rule: verified beats unverified, then lower first_message_index, then lower forwarded_count; a loser changes nothing', async () => {
    const put = (s: ReturnType<typeof session>) => req(alice, 'PUT', `/room_keys/keys/${room}/s1?version=${version}`, s);
    const get = async () => (await req(alice, 'GET', `/room_keys/keys/${room}/s1?version=${version}`)).json();
    const etag = (await put(session(6, 0, false, 'worse index'))).json().etag as string;
    expect((await get()).session_data.ciphertext).toBe('a');
    expect((await put(session(5, 2, false, 'more hops'))).json().etag).toBe(etag);
    expect((await get()).session_data.ciphertext).toBe('a');
    await put(session(5, 0, false, 'fewer hops'));
    expect((await get()).session_data.ciphertext).toBe('fewer hops');
    await put(session(1, 0, false, 'better index'));
    expect((await get()).session_data.ciphertext).toBe('better index');
    await put(session(9, 9, true, 'verified'));
    expect((await get()).session_data.ciphertext).toBe('verified');
    await put(session(0, 0, false, 'unverified'));
    expect((await get()).session_data.ciphertext).toBe('verified');
  });

  it('a stale version is 403 M_WRONG_ROOM_KEYS_VERSION with current_version; no version is 400', async () => {
    const next = (await req(alice, 'POST', '/room_keys/version', { algorithm: ALG, auth_data: { public_key: 'pk2' } })).json().version as string;
    const res = await req(alice, 'PUT', `/room_keys/keys/${room}/s1?version=${version}`, session(0, 0, true, 'x'));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ errcode: 'M_WRONG_ROOM_KEYS_VERSION', current_version: next });
    expect((await req(alice, 'PUT', `/room_keys/keys/${room}/s1`, session(0, 0, true, 'x'))).json().errcode).toBe('M_MISSING_PARAM');
    expect((await req(alice, 'GET', '/room_keys/version')).json().version).toBe(next);
    version = next;
  });

  it('DELETE at each level updates count and etag; PUT and DELETE of a version', async () => {
    await req(alice, 'PUT', `/room_keys/keys?version=${version}`, {
      rooms: { '!room:test.local': { sessions: { a: session(0, 0, false, 'a'), b: session(0, 0, false, 'b') } }, '!other:test.local': { sessions: { c: session(0, 0, false, 'c') } } },
    });
    expect((await req(alice, 'DELETE', `/room_keys/keys/${room}/a?version=${version}`)).json().count).toBe(2);
    expect((await req(alice, 'DELETE', `/room_keys/keys/${room}?version=${version}`)).json().count).toBe(1);
    expect((await req(alice, 'DELETE', `/room_keys/keys?version=${version}`)).json().count).toBe(0);
    const upd = await req(alice, 'PUT', `/room_keys/version/${version}`, { algorithm: ALG, auth_data: { public_key: 'pk2', signatures: {} }, version });
    expect(upd.statusCode).toBe(200);
    expect((await req(alice, 'GET', `/room_keys/version/${version}`)).json().auth_data).toEqual({ public_key: 'pk2', signatures: {} });
    expect((await req(alice, 'PUT', `/room_keys/version/${version}`, { algorithm: ALG, auth_data: {}, version: '999' })).statusCode).toBe(400);
    expect((await req(alice, 'DELETE', `/room_keys/version/${version}`)).statusCode).toBe(200);
    expect((await req(alice, 'GET', `/room_keys/version/${version}`)).statusCode).toBe(404);
    expect((await req(alice, 'DELETE', `/room_keys/version/${version}`)).statusCode).toBe(404);
    // The previous version is current again; a new one never reuses a deleted number.
    const again = (await req(alice, 'POST', '/room_keys/version', { algorithm: ALG, auth_data: {} })).json().version as string;
    expect(Number(again)).toBeGreaterThan(Number(version));
  });
});
