import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers } from './reading-helpers';

/** /sync's other streams (to-device, account data) and its parameter errors. */
describe.each(await dbKinds())('/sync streams and errors on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let aliceLaptop: TestUser;
  let bob: TestUser;
  let roomId: string;
  const h = createReadingHelpers(() => t);

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    aliceLaptop = await t.login(alice.userId);
    bob = await t.user('bob');
    roomId = await t.createRoom(alice, {});
  });
  afterAll(async () => t.close());

  it('delivers to-device messages to their device only, and deletes them once acknowledged', async () => {
    const first = await h.sync(alice);
    await h.putToDevice(alice, bob.userId, 'm.test', { n: 1 });
    await h.putToDevice(alice, bob.userId, 'm.test', { n: 2 });
    const s = await h.sync(alice, { since: first.next_batch });
    expect(s.to_device.events).toEqual([
      { sender: bob.userId, type: 'm.test', content: { n: 1 } },
      { sender: bob.userId, type: 'm.test', content: { n: 2 } },
    ]);
    expect((await h.sync(aliceLaptop)).to_device.events).toEqual([]);
    // Not acknowledged yet: a retry of the same since gets them again.
    expect((await h.sync(alice, { since: first.next_batch })).to_device.events).toHaveLength(2);
    expect(await h.toDeviceRows(alice)).toBe(2);
    // Syncing with the new token acknowledges them: they are gone.
    const next = await h.sync(alice, { since: s.next_batch });
    expect(next.to_device.events).toEqual([]);
    expect(await h.toDeviceRows(alice)).toBe(0);
  });

  it('an initial sync delivers pending to-device messages', async () => {
    await h.putToDevice(aliceLaptop, bob.userId, 'm.pending', {});
    expect((await h.sync(aliceLaptop)).to_device.events.map((e) => e.type)).toEqual(['m.pending']);
  });

  it('a to-device message wakes a long-poll', async () => {
    const { next_batch } = await h.sync(alice);
    const poll = h.sync(alice, { since: next_batch, timeout: '10000' });
    await new Promise((r) => setTimeout(r, 200));
    const sentAt = performance.now();
    await h.putToDevice(alice, bob.userId, 'm.wake', {});
    const s = await poll;
    expect(performance.now() - sentAt).toBeLessThan(1000);
    expect(s.to_device.events.map((e) => e.type)).toEqual(['m.wake']);
  });

  it('account data: global at the top level, per room in the room; only changes in incremental syncs', async () => {
    await h.putAccountData(alice, '', 'm.direct', { [bob.userId]: [roomId] });
    await h.putAccountData(alice, roomId, 'm.tag', { tags: { 'm.favourite': {} } });
    const initial = await h.sync(alice);
    expect(initial.account_data.events).toEqual([{ type: 'm.direct', content: { [bob.userId]: [roomId] } }]);
    expect(initial.rooms.join[roomId]?.account_data.events).toEqual([{ type: 'm.tag', content: { tags: { 'm.favourite': {} } } }]);
    const quiet = await h.sync(alice, { since: initial.next_batch });
    expect(quiet.account_data.events).toEqual([]);
    await h.putAccountData(alice, '', 'm.direct', {});
    const changed = await h.sync(alice, { since: initial.next_batch });
    expect(changed.account_data.events).toEqual([{ type: 'm.direct', content: {} }]);
  });

  it('the token covers the three streams', async () => {
    const s = await h.sync(alice);
    const [ev, td, ad] = s.next_batch.slice(1).split('_').map(Number);
    const positions = await t.data.db.prisma.streamPosition.findMany();
    const pos = Object.fromEntries(positions.map((p) => [p.name, Number(p.position)]));
    expect({ ev, td, ad }).toEqual({ ev: pos['events'], td: pos['to_device'], ad: pos['account_data'] });
  });

  it.each([
    ['a malformed since', { since: 'garbage' }, 'M_INVALID_PARAM'],
    ['a since with two parts', { since: 's1_2' }, 'M_INVALID_PARAM'],
    ['a non-numeric timeout', { timeout: 'soon' }, 'M_INVALID_PARAM'],
    ['a negative timeout', { timeout: '-5' }, 'M_INVALID_PARAM'],
    ['full_state=yes', { full_state: 'yes' }, 'M_INVALID_PARAM'],
    ['an inline filter that is not JSON', { filter: '{room' }, 'M_NOT_JSON'],
    ['an inline filter with a bad limit', { filter: '{"room":{"timeline":{"limit":1.5}}}' }, 'M_BAD_JSON'],
  ])('%s is 400 %s', async (_n, query, errcode) => {
    const res = await h.get(alice, `/_matrix/client/v3/sync?${new URLSearchParams(query as Record<string, string>).toString()}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errcode, error: expect.any(String) });
  });

  it('no token is 401 M_MISSING_TOKEN', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/_matrix/client/v3/sync' });
    expect(res.statusCode).toBe(401);
    expect(res.json().errcode).toBe('M_MISSING_TOKEN');
  });
});
