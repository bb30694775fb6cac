import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers } from '../reading/reading-helpers';
import { V3, deviceKeys, e2eRequests } from './e2ee-helpers';

type DeviceLists = { changed: string[]; left: string[] };
type KeySync = { next_batch: string; device_lists: DeviceLists; device_unused_fallback_key_types: string[]; device_one_time_keys_count: Record<string, number> };

/** device_lists in /sync and GET /keys/changes (spec: "Tracking the device list for a user"). */
describe.each(await dbKinds())('device-list tracking on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let stranger: TestUser;
  let roomId: string;
  const h = createReadingHelpers(() => t);
  const r = e2eRequests(() => t);
  const sync = async (u: TestUser, query: Record<string, string> = {}) => (await h.sync(u, query)) as unknown as KeySync;

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    stranger = await t.user('stranger');
    roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
  });
  afterAll(async () => t.close());

  it('device_lists.changed names a room-mate who uploads device keys, and the viewer for its own; never a stranger', async () => {
    const a0 = await sync(alice);
    expect(a0.device_lists).toEqual({ changed: [], left: [] });
    expect((await r.upload(bob, { device_keys: deviceKeys(bob).keys })).statusCode).toBe(200);
    expect((await r.upload(stranger, { device_keys: deviceKeys(stranger).keys })).statusCode).toBe(200);
    const a1 = await sync(alice, { since: a0.next_batch });
    expect(a1.device_lists).toEqual({ changed: [bob.userId], left: [] });
    expect((await sync(alice, { since: a1.next_batch })).device_lists.changed).toEqual([]);
    await r.upload(alice, { device_keys: deviceKeys(alice).keys });
    expect((await sync(alice, { since: a1.next_batch })).device_lists.changed).toEqual([alice.userId]);
  });

  it('the same device keys again are no change; different keys under the same device ID are 400', async () => {
    const laptop = await t.login(bob.userId);
    const { keys } = deviceKeys(laptop);
    await r.upload(laptop, { device_keys: keys });
    const a0 = await sync(alice);
    expect((await r.upload(laptop, { device_keys: keys })).statusCode).toBe(200);
    expect((await sync(alice, { since: a0.next_batch })).device_lists.changed).toEqual([]);
    const other = await r.upload(laptop, { device_keys: deviceKeys(laptop).keys });
    expect(other.statusCode).toBe(400);
    expect(other.json().errcode).toBe('M_INVALID_PARAM');
  });

  it('a device deleted (logout) shows in changed, and its keys, one-time and fallback keys are gone', async () => {
    const phone = await t.login(bob.userId);
    await r.upload(phone, {
      device_keys: deviceKeys(phone).keys,
      one_time_keys: { 'signed_curve25519:A': { key: 'k', signatures: {} } },
      fallback_keys: { 'signed_curve25519:F': { key: 'f', fallback: true, signatures: {} } },
    });
    const a0 = await sync(alice);
    expect((await t.as(phone, { method: 'POST', url: `${V3}/logout`, payload: {} })).statusCode).toBe(200);
    expect((await sync(alice, { since: a0.next_batch })).device_lists.changed).toEqual([bob.userId]);
    const devices = (await r.query(alice, [bob.userId])).json().device_keys[bob.userId] as Record<string, unknown>;
    expect(Object.keys(devices)).not.toContain(phone.deviceId);
    const rows = await t.data.db.prisma.oneTimeKey.count({ where: { user_id: bob.userId, device_id: phone.deviceId } });
    expect(rows).toBe(0);
  });

  it('device_lists.left names a user who no longer shares any room; a new room-mate is in changed', async () => {
    const s0 = await sync(alice);
    await h.leave(bob, roomId);
    expect((await sync(alice, { since: s0.next_batch })).device_lists).toEqual({ changed: [], left: [bob.userId] });
    const s1 = await sync(alice);
    await t.join(bob, roomId);
    expect((await sync(alice, { since: s1.next_batch })).device_lists).toEqual({ changed: [bob.userId], left: [] });
  });

  it('GET /keys/changes gives the same between two sync tokens', async () => {
    const from = (await sync(alice)).next_batch;
    await r.upload(bob, { one_time_keys: { 'signed_curve25519:Z': { key: 'z', signatures: {} } } });
    const laptop = await t.login(bob.userId);
    await r.upload(laptop, { device_keys: deviceKeys(laptop).keys });
    const to = (await sync(alice)).next_batch;
    const res = await t.as(alice, { method: 'GET', url: `${V3}/keys/changes?from=${from}&to=${to}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ changed: [bob.userId], left: [] });
    const none = await t.as(alice, { method: 'GET', url: `${V3}/keys/changes?from=${to}&to=${to}` });
    expect(none.json()).toEqual({ changed: [], left: [] });
    const missing = await t.as(alice, { method: 'GET', url: `${V3}/keys/changes?from=${from}` });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errcode).toBe('M_MISSING_PARAM');
  });

  it("a room-mate's new device keys wake a long-polling /sync at once", async () => {
    const { next_batch } = await sync(alice);
    const poll = sync(alice, { since: next_batch, timeout: '10000' });
    await new Promise((res) => setTimeout(res, 200));
    const tablet = await t.login(bob.userId);
    const sentAt = performance.now();
    await r.upload(tablet, { device_keys: deviceKeys(tablet).keys });
    const s = await poll;
    expect(performance.now() - sentAt).toBeLessThan(1000);
    expect(s.device_lists.changed).toEqual([bob.userId]);
  });

  it('fallback keys: listed in device_unused_fallback_key_types, handed out when one-time keys run out, and kept', async () => {
    const dev = await t.login(bob.userId);
    await r.upload(dev, {
      one_time_keys: { 'signed_curve25519:O1': { key: 'o1', signatures: {} } },
      fallback_keys: { 'signed_curve25519:FB': { key: 'fb', fallback: true, signatures: {} } },
    });
    const s = await sync(dev);
    expect(s.device_unused_fallback_key_types).toEqual(['signed_curve25519']);
    expect(s.device_one_time_keys_count).toEqual({ signed_curve25519: 1 });
    const first = (await r.claim(alice, bob.userId, dev.deviceId)).json().one_time_keys[bob.userId][dev.deviceId];
    expect(Object.keys(first)).toEqual(['signed_curve25519:O1']);
    for (let i = 0; i < 2; i++) {
      const fb = (await r.claim(alice, bob.userId, dev.deviceId)).json().one_time_keys[bob.userId][dev.deviceId];
      expect(Object.keys(fb)).toEqual(['signed_curve25519:FB']);
    }
    expect((await sync(dev)).device_unused_fallback_key_types).toEqual([]);
    await r.upload(dev, { fallback_keys: { 'signed_curve25519:FC': { key: 'fc', fallback: true, signatures: {} } } });
    expect((await sync(dev)).device_unused_fallback_key_types).toEqual(['signed_curve25519']);
  });
});
