import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc, type ClientEvent } from './reading-helpers';

/**
 * SEND_CONTRACT §5: the sending device sees `unsigned.transaction_id` on its event in /sync,
 * /messages and /event; another device of the same user and other users do not.
 */
describe.each(await dbKinds())('unsigned.transaction_id on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let aliceOtherDevice: TestUser;
  let aliceSameDeviceNewToken: TestUser;
  let bob: TestUser;
  let roomId: string;
  let eventId: string;
  const h = createReadingHelpers(() => t);

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    aliceOtherDevice = await t.login(alice.userId);
    aliceSameDeviceNewToken = await t.login(alice.userId, alice.deviceId);
    bob = await t.user('bob');
    roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
    eventId = await h.send(alice, roomId, 'mine', 'txn-§5');
  });
  afterAll(async () => t.close());

  const viaSync = async (u: TestUser) => (await h.sync(u)).rooms.join[roomId]?.timeline.events.find((e) => e.event_id === eventId);
  const viaMessages = async (u: TestUser) =>
    ((await h.get(u, `/_matrix/client/v3/rooms/${enc(roomId)}/messages?dir=b&limit=5`)).json().chunk as ClientEvent[]).find((e) => e.event_id === eventId);
  const viaEvent = async (u: TestUser) => (await h.get(u, `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(eventId)}`)).json() as ClientEvent;

  it.each([
    ['/sync', viaSync],
    ['/messages', viaMessages],
    ['/event', viaEvent],
  ])('%s: the sending device sees it, also with a new token for the same device', async (_n, read) => {
    expect((await read(alice))?.unsigned?.transaction_id).toBe('txn-§5');
    expect((await read(aliceSameDeviceNewToken))?.unsigned?.transaction_id).toBe('txn-§5');
  });

  it.each([
    ['/sync', viaSync],
    ['/messages', viaMessages],
    ['/event', viaEvent],
  ])('%s: another device of the sender and another user do not', async (_n, read) => {
    for (const u of [aliceOtherDevice, bob]) {
      const e = await read(u);
      expect(e?.event_id).toBe(eventId);
      expect(e?.unsigned?.transaction_id).toBeUndefined();
      expect(typeof e?.unsigned?.['age']).toBe('number');
    }
  });

  it('an incremental sync carries it too', async () => {
    const { next_batch } = await h.sync(alice);
    const second = await h.send(alice, roomId, 'again', 'txn-2');
    const s = await h.sync(alice, { since: next_batch });
    expect(s.rooms.join[roomId]?.timeline.events.find((e) => e.event_id === second)?.unsigned?.transaction_id).toBe('txn-2');
  });
});
