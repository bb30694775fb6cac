import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import type { JsonObject } from '@courier/server-domain';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers } from '../reading/reading-helpers';
import { registerUser, uniqueName } from '../accounts/helpers';
import { V3, crossSigningKey, deviceKeys, e2eRequests, ed25519, signAs, type Ed25519 } from './e2ee-helpers';

/** POST /keys/device_signing/upload and /keys/signatures/upload (cross_signing.yaml); /versions. */
describe.each(await dbKinds())('cross-signing on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  const r = e2eRequests(() => t);
  const h = createReadingHelpers(() => t);
  const master = ed25519();
  const selfSigning = ed25519();
  const userSigning = ed25519();
  let aliceDevice: { keys: JsonObject; key: Ed25519 };
  const signed = (usage: string, key: Ed25519, by: Ed25519, userId = alice.userId) =>
    signAs(crossSigningKey(userId, usage, key), userId, `ed25519:${by.publicKey}`, by);
  const uploadSigning = (u: TestUser, payload: Record<string, unknown>) => r.post(u, '/keys/device_signing/upload', payload);

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { ENABLE_REGISTRATION: 'true' } });
    alice = await registerUser(t, uniqueName('alice'));
    bob = await registerUser(t, uniqueName('bob'));
    const roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
    aliceDevice = deviceKeys(alice);
    await r.upload(alice, { device_keys: aliceDevice.keys });
  });
  afterAll(async () => t.close());

  it('/versions advertises org.matrix.e2e_cross_signing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/_matrix/client/versions' });
    expect(res.json().unstable_features).toMatchObject({ 'org.matrix.e2e_cross_signing': true });
  });

  it('the first upload needs no UIA; /keys/query then shows master and self-signing keys, user-signing only to its owner', async () => {
    const b0 = await h.sync(bob);
    const res = await uploadSigning(alice, {
      master_key: crossSigningKey(alice.userId, 'master', master),
      self_signing_key: signed('self_signing', selfSigning, master),
      user_signing_key: signed('user_signing', userSigning, master),
    });
    expect(res.statusCode).toBe(200);
    const byBob = (await r.query(bob, [alice.userId])).json();
    expect(byBob.master_keys[alice.userId].keys).toEqual({ [`ed25519:${master.publicKey}`]: master.publicKey });
    expect(byBob.self_signing_keys[alice.userId].usage).toEqual(['self_signing']);
    expect(byBob.user_signing_keys).toEqual({});
    expect((await r.query(alice, [alice.userId])).json().user_signing_keys[alice.userId].usage).toEqual(['user_signing']);
    // New cross-signing keys are a device-list change for those who share a room.
    const b1 = (await h.sync(bob, { since: b0.next_batch })) as unknown as { device_lists: { changed: string[] } };
    expect(b1.device_lists.changed).toContain(alice.userId);
  });

  it('a self-signing key not signed by the master key is refused (M_INVALID_SIGNATURE)', async () => {
    const carol = await registerUser(t, uniqueName('carol'));
    const m = ed25519();
    const res = await uploadSigning(carol, {
      master_key: crossSigningKey(carol.userId, 'master', m),
      self_signing_key: signAs(crossSigningKey(carol.userId, 'self_signing', ed25519()), carol.userId, `ed25519:${m.publicKey}`, ed25519()),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errcode).toBe('M_INVALID_SIGNATURE');
  });

  it('replacing existing keys needs UIA with the account password; the same keys again do not', async () => {
    const same = await uploadSigning(alice, { master_key: crossSigningKey(alice.userId, 'master', master) });
    expect(same.statusCode).toBe(200);
    const newMaster = ed25519();
    const body = { master_key: crossSigningKey(alice.userId, 'master', newMaster), self_signing_key: signed('self_signing', selfSigning, newMaster) };
    const challenge = await uploadSigning(alice, body);
    expect(challenge.statusCode).toBe(401);
    expect(challenge.json().flows).toEqual([{ stages: ['m.login.password'] }]);
    const wrong = await uploadSigning(alice, { ...body, auth: { type: 'm.login.password', identifier: { type: 'm.id.user', user: alice.userId }, password: 'nope', session: challenge.json().session } });
    expect(wrong.statusCode).toBe(401);
    expect((await r.query(bob, [alice.userId])).json().master_keys[alice.userId].keys).toEqual({ [`ed25519:${master.publicKey}`]: master.publicKey });
    // Restore the first master key for the signature tests below: with the password this time.
    const ok = await uploadSigning(alice, {
      master_key: crossSigningKey(alice.userId, 'master', master),
      self_signing_key: signed('self_signing', selfSigning, master),
      auth: { type: 'm.login.password', identifier: { type: 'm.id.user', user: alice.userId }, password: 'correct horse' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('/keys/signatures/upload stores a valid signature and reports a bad one per key in failures', async () => {
    const deviceSigned = signAs(aliceDevice.keys, alice.userId, `ed25519:${selfSigning.publicKey}`, selfSigning);
    const forged = signAs(crossSigningKey(alice.userId, 'master', master), alice.userId, `ed25519:${selfSigning.publicKey}`, ed25519());
    const res = await r.post(alice, '/keys/signatures/upload', {
      [alice.userId]: { [alice.deviceId]: deviceSigned, [master.publicKey]: forged, NOPE: { user_id: alice.userId } },
    });
    expect(res.statusCode).toBe(200);
    const failures = res.json().failures[alice.userId] as Record<string, { errcode: string }>;
    expect(Object.keys(failures).sort()).toEqual(['NOPE', master.publicKey].sort());
    expect(failures[master.publicKey]?.errcode).toBe('M_INVALID_SIGNATURE');
    expect(failures['NOPE']?.errcode).toBe('M_NOT_FOUND');
    const seen = (await r.query(bob, [alice.userId])).json().device_keys[alice.userId][alice.deviceId];
    expect(seen.signatures[alice.userId]).toHaveProperty(`ed25519:${selfSigning.publicKey}`);
    expect(seen.signatures[alice.userId]).toHaveProperty(`ed25519:${alice.deviceId}`);
  });

  it("bob's user-signing key signature on alice's master key shows in /keys/query", async () => {
    const bm = ed25519();
    const bus = ed25519();
    await uploadSigning(bob, {
      master_key: crossSigningKey(bob.userId, 'master', bm),
      user_signing_key: signAs(crossSigningKey(bob.userId, 'user_signing', bus), bob.userId, `ed25519:${bm.publicKey}`, bm),
    });
    const aliceMaster = (await r.query(bob, [alice.userId])).json().master_keys[alice.userId] as JsonObject;
    const res = await r.post(bob, '/keys/signatures/upload', { [alice.userId]: { [master.publicKey]: signAs(aliceMaster, bob.userId, `ed25519:${bus.publicKey}`, bus) } });
    expect(res.json().failures).toEqual({});
    const after = (await r.query(bob, [alice.userId])).json().master_keys[alice.userId];
    expect(after.signatures[bob.userId]).toHaveProperty(`ed25519:${bus.publicKey}`);
  });

  it('the server holds no private key: only public keys and signatures are stored', async () => {
    const rows = await t.data.db.prisma.crossSigningKey.findMany({ where: { user_id: alice.userId } });
    for (const row of rows) expect(Object.keys(JSON.parse(row.json) as object).sort()).toEqual(expect.arrayContaining(['keys', 'usage', 'user_id']));
    expect(JSON.stringify(rows)).not.toContain('private');
  });

  it('an unauthenticated upload is 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${V3}/keys/device_signing/upload`, payload: {} });
    expect(res.statusCode).toBe(401);
  });
});
