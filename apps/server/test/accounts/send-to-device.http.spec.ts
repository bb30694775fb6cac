import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3 } from './helpers';

/** PUT /sendToDevice/{eventType}/{txnId} (to_device.yaml). */
describe.each(await dbKinds())('send-to-device on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob', { deviceId: 'BOB1' });
    await t.login(bob.userId, 'BOB2');
  });
  afterAll(async () => t.close());

  const send = (u: TestUser, type: string, txnId: string, messages: unknown) =>
    t.as(u, { method: 'PUT', url: `${V3}/sendToDevice/${encodeURIComponent(type)}/${encodeURIComponent(txnId)}`, payload: { messages } as Record<string, unknown> });
  const rowsFor = (userId: string, type?: string) =>
    t.data.db.prisma.toDeviceMessage.findMany({ where: { user_id: userId, ...(type ? { type } : {}) }, orderBy: { stream: 'asc' } });

  it('stores one message per target device, with increasing to_device stream positions', async () => {
    const res = await send(alice, 'm.test.one', 't1', { [bob.userId]: { BOB1: { n: 1 } } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
    const rows = await rowsFor(bob.userId, 'm.test.one');
    expect(rows.map((r) => [r.device_id, r.sender, JSON.parse(r.content)])).toEqual([['BOB1', alice.userId, { n: 1 }]]);
    const position = await t.data.db.prisma.streamPosition.findUnique({ where: { name: 'to_device' } });
    expect(Number(position?.position)).toBe(Number(rows[0]?.stream));
  });

  it('"*" reaches every device of the user', async () => {
    await send(alice, 'm.test.star', 't2', { [bob.userId]: { '*': { all: true } } });
    expect((await rowsFor(bob.userId, 'm.test.star')).map((r) => r.device_id).sort()).toEqual(['BOB1', 'BOB2']);
  });

  it('the same txn twice stores one message: the retransmission is a no-op 200', async () => {
    const first = await send(alice, 'm.test.idem', 'same', { [bob.userId]: { BOB1: { v: 1 } } });
    const again = await send(alice, 'm.test.idem', 'same', { [bob.userId]: { BOB1: { v: 2 } } });
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    const rows = await rowsFor(bob.userId, 'm.test.idem');
    expect(rows.map((r) => JSON.parse(r.content))).toEqual([{ v: 1 }]);
    expect(await t.data.db.prisma.toDeviceTxn.count({ where: { user_id: alice.userId } })).toBeGreaterThan(0);
  });

  it('concurrent duplicates still store one message', async () => {
    await Promise.all(Array.from({ length: 5 }, () => send(alice, 'm.test.race', 'race', { [bob.userId]: { BOB2: {} } })));
    expect(await rowsFor(bob.userId, 'm.test.race')).toHaveLength(1);
  });

  it('the txn is scoped to the sending device and the event type', async () => {
    const alice2 = await t.login(alice.userId, 'ALICE2');
    await send(alice, 'm.test.scope', 'scoped', { [bob.userId]: { BOB1: {} } });
    await send(alice2, 'm.test.scope', 'scoped', { [bob.userId]: { BOB1: {} } });
    await send(alice, 'm.test.scope2', 'scoped', { [bob.userId]: { BOB1: {} } });
    expect(await rowsFor(bob.userId, 'm.test.scope')).toHaveLength(2);
    expect(await rowsFor(bob.userId, 'm.test.scope2')).toHaveLength(1);
  });

  it('unknown devices and remote users are skipped, not refused', async () => {
    const res = await send(alice, 'm.test.skip', 's1', { [bob.userId]: { NOSUCH: {} }, '@x:remote.org': { D: {} } });
    expect(res.statusCode).toBe(200);
    expect(await rowsFor(bob.userId, 'm.test.skip')).toHaveLength(0);
  });

  it('wakes the recipient', async () => {
    const woken = t.data.notifier.wait({ userId: bob.userId }, 5_000);
    await send(alice, 'm.test.wake', 'w1', { [bob.userId]: { BOB1: {} } });
    expect(await woken).toBe(true);
  });

  it.each([
    ['no messages', undefined],
    ['messages not an object', ['x']],
    ['content not an object', { '@bob:test.local': { BOB1: 'text' } }],
  ])('%s is 400 M_BAD_JSON', async (_n, messages) => {
    const res = await send(alice, 'm.test.bad', `bad-${_n}`, messages);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
  });

  it('needs an access token', async () => {
    const res = await t.app.inject({ method: 'PUT', url: `${V3}/sendToDevice/m.x/t`, payload: { messages: {} } });
    expect(res.statusCode).toBe(401);
  });

  it('logging a device out drops its queued messages', async () => {
    const carol = await t.user('carol', { deviceId: 'CAROL1' });
    await send(alice, 'm.test.drop', 'd1', { [carol.userId]: { CAROL1: {} } });
    await t.as(carol, { method: 'POST', url: `${V3}/logout` });
    expect(await rowsFor(carol.userId)).toHaveLength(0);
  });
});
