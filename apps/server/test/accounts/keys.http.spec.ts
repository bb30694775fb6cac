import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3 } from './helpers';

const deviceKeys = (u: TestUser) => ({
  user_id: u.userId,
  device_id: u.deviceId,
  algorithms: ['m.olm.v1.curve25519-aes-sha2', 'm.megolm.v1.aes-sha2'],
  keys: { [`curve25519:${u.deviceId}`]: 'curve-key', [`ed25519:${u.deviceId}`]: 'ed-key' },
  signatures: { [u.userId]: { [`ed25519:${u.deviceId}`]: 'sig' } },
});
const otk = (id: string, key = `key-${id}`) => ({ [`signed_curve25519:${id}`]: { key, signatures: {} } });

/** POST /keys/upload, /keys/query, /keys/claim (keys.yaml); GET /room_keys/version. */
describe.each(await dbKinds())('E2EE keys on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice', { deviceId: 'ALICEDEV' });
    bob = await t.user('bob');
  });
  afterAll(async () => t.close());

  const upload = (u: TestUser, payload: Record<string, unknown>) => t.as(u, { method: 'POST', url: `${V3}/keys/upload`, payload });
  const query = (u: TestUser, payload: Record<string, unknown>) => t.as(u, { method: 'POST', url: `${V3}/keys/query`, payload });
  const claim = (u: TestUser, payload: Record<string, unknown>) => t.as(u, { method: 'POST', url: `${V3}/keys/claim`, payload });

  it('upload stores device and one-time keys and counts them (signed_curve25519 always present)', async () => {
    const empty = await upload(bob, {});
    expect(empty.json()).toEqual({ one_time_key_counts: { signed_curve25519: 0 } });
    const res = await upload(alice, { device_keys: deviceKeys(alice), one_time_keys: { ...otk('A1'), ...otk('A2'), ...otk('A3') } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ one_time_key_counts: { signed_curve25519: 3 } });
    // Re-uploading the same key is a no-op; the same ID with another key is refused.
    expect((await upload(alice, { one_time_keys: otk('A1') })).json()).toEqual({ one_time_key_counts: { signed_curve25519: 3 } });
    const conflict = await upload(alice, { one_time_keys: otk('A1', 'different') });
    expect(conflict.statusCode).toBe(400);
    expect(conflict.json()).toMatchObject({ errcode: 'M_INVALID_PARAM' });
  });

  it("query returns the device's keys with its display name; an empty list means all devices", async () => {
    await t.data.accounts.renameDevice(alice.userId, alice.deviceId, 'Alice phone');
    const res = await query(bob, { device_keys: { [alice.userId]: [] } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      device_keys: { [alice.userId]: { ALICEDEV: { ...deviceKeys(alice), unsigned: { device_display_name: 'Alice phone' } } } },
      master_keys: {},
      self_signing_keys: {},
      user_signing_keys: {},
      failures: {},
    });
    const named = await query(bob, { device_keys: { [alice.userId]: ['ALICEDEV', 'NOPE'], [bob.userId]: [], '@x:remote.org': [] } });
    expect(Object.keys(named.json().device_keys[alice.userId])).toEqual(['ALICEDEV']);
    expect(named.json().device_keys[bob.userId]).toEqual({});
  });

  it('claim takes one key atomically: a claimed key is gone', async () => {
    const first = await claim(bob, { one_time_keys: { [alice.userId]: { ALICEDEV: 'signed_curve25519' } } });
    expect(first.statusCode).toBe(200);
    const keys = first.json().one_time_keys[alice.userId].ALICEDEV as Record<string, unknown>;
    const [keyId] = Object.keys(keys);
    expect(keyId).toMatch(/^signed_curve25519:A[123]$/);
    expect(first.json().failures).toEqual({});
    const counts = (await upload(alice, {})).json().one_time_key_counts;
    expect(counts).toEqual({ signed_curve25519: 2 });
    const second = await claim(bob, { one_time_keys: { [alice.userId]: { ALICEDEV: 'signed_curve25519' } } });
    expect(Object.keys(second.json().one_time_keys[alice.userId].ALICEDEV)[0]).not.toBe(keyId);
  });

  it('concurrent claims never hand out the same key', async () => {
    const u = await t.user('carol', { deviceId: 'CAROLDEV' });
    await upload(u, { one_time_keys: { ...otk('C1'), ...otk('C2'), ...otk('C3') } });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => claim(bob, { one_time_keys: { [u.userId]: { CAROLDEV: 'signed_curve25519' } } })),
    );
    const ids = results.flatMap((r) => Object.keys(r.json().one_time_keys[u.userId]?.CAROLDEV ?? {}));
    expect(ids.sort()).toEqual(['signed_curve25519:C1', 'signed_curve25519:C2', 'signed_curve25519:C3']);
  });

  it('the fallback key is handed out when one-time keys run out, and kept', async () => {
    const u = await t.user('dave', { deviceId: 'DAVEDEV' });
    const res = await upload(u, { one_time_keys: otk('D1'), fallback_keys: { 'signed_curve25519:F1': { key: 'fb', fallback: true } } });
    expect(res.json()).toEqual({ one_time_key_counts: { signed_curve25519: 1 } });
    expect(await t.data.accountStores.e2eKeys.unusedFallbackKeyTypes(u.userId, u.deviceId)).toEqual(['signed_curve25519']);
    const body = { one_time_keys: { [u.userId]: { DAVEDEV: 'signed_curve25519' } } };
    expect(Object.keys((await claim(bob, body)).json().one_time_keys[u.userId].DAVEDEV)).toEqual(['signed_curve25519:D1']);
    for (let i = 0; i < 2; i++) {
      expect((await claim(bob, body)).json().one_time_keys[u.userId].DAVEDEV).toEqual({ 'signed_curve25519:F1': { key: 'fb', fallback: true } });
    }
    expect(await t.data.accountStores.e2eKeys.unusedFallbackKeyTypes(u.userId, u.deviceId)).toEqual([]);
  });

  it('claiming from a device without keys returns nothing for it', async () => {
    const res = await claim(alice, { one_time_keys: { [bob.userId]: { NODEVICE: 'signed_curve25519' } } });
    expect(res.json()).toEqual({ one_time_keys: {}, failures: {} });
  });

  it.each([
    ['device keys for another device', (u: TestUser) => ({ device_keys: { ...deviceKeys(u), device_id: 'OTHER' } })],
    ['a malformed key ID', () => ({ one_time_keys: { nocolon: 'k' } })],
  ])('upload with %s is 400 M_BAD_JSON', async (_n, body) => {
    const res = await upload(alice, body(alice));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
  });

  it('a NUL in a user or device ID is 400 M_INVALID_PARAM, not a database error', async () => {
    const res = await query(alice, { device_keys: { [alice.userId]: ['D\u0000'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode: 'M_INVALID_PARAM' });
    expect((await claim(alice, { one_time_keys: { [alice.userId]: { 'D\u0000': 'signed_curve25519' } } })).statusCode).toBe(400);
  });

  it('query and claim need their maps: 400 M_BAD_JSON', async () => {
    expect((await query(alice, {})).json()).toMatchObject({ errcode: 'M_BAD_JSON' });
    expect((await claim(alice, { one_time_keys: [] })).json()).toMatchObject({ errcode: 'M_BAD_JSON' });
  });

  it('logout deletes the device keys', async () => {
    const u = await t.user('erin', { deviceId: 'ERINDEV' });
    await upload(u, { device_keys: deviceKeys(u), one_time_keys: otk('E1') });
    await t.as(u, { method: 'POST', url: `${V3}/logout` });
    const res = await query(bob, { device_keys: { [u.userId]: [] } });
    expect(res.json().device_keys[u.userId]).toEqual({});
    expect(await t.data.db.prisma.oneTimeKey.count({ where: { user_id: u.userId } })).toBe(0);
  });

  it('GET /room_keys/version is 404 M_NOT_FOUND while the user has no key backup', async () => {
    const res = await t.as(alice, { method: 'GET', url: `${V3}/room_keys/version` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ errcode: 'M_NOT_FOUND' });
  });
});
