import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from 'matrix-js-sdk';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';

(sdkLogger as unknown as { setLevel(level: string): void }).setLevel('error');

/**
 * Issue 15 through matrix-js-sdk 37.5.0: sendReadReceipt, setRoomReadMarkers and sendTyping,
 * and the unread counts the SDK shows on the Room.
 */
describe.each(await dbKinds())('matrix-js-sdk receipts, read markers, unread counts and typing on %s', (kind) => {
  let server: ListeningServer;
  let alice: sdk.MatrixClient;
  let bob: sdk.MatrixClient;
  let roomId: string;
  const password = 'sdk-password-1';

  const start = async (name: string): Promise<sdk.MatrixClient> => {
    const username = `${name}${Date.now().toString(36)}`;
    const anon = sdk.createClient({ baseUrl: server.baseUrl });
    await anon.registerRequest({ username, password, auth: { type: 'm.login.dummy' } });
    const login = await anon.loginRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: username }, password });
    const client = sdk.createClient({ baseUrl: server.baseUrl, accessToken: login.access_token, userId: login.user_id, deviceId: login.device_id });
    const prepared = new Promise<void>((resolve, reject) => {
      client.on(sdk.ClientEvent.Sync, (state) => {
        if (state === sdk.SyncState.Prepared) resolve();
        if (state === sdk.SyncState.Error) reject(new Error('sync error'));
      });
    });
    await client.startClient({ initialSyncLimit: 20 });
    await prepared;
    return client;
  };

  const waitFor = async (pred: () => boolean, what: string, ms = 10_000) => {
    const until = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    server = await startListeningServer(kind, { ENABLE_REGISTRATION: 'true' });
    alice = await start('alice');
    bob = await start('bob');
    roomId = (await alice.createRoom({ preset: sdk.Preset.PublicChat, name: 'receipts' })).room_id;
    await bob.joinRoom(roomId);
    await waitFor(() => alice.getRoom(roomId)?.getMember(bob.getUserId() ?? '')?.membership === 'join', 'bob to join');
  });
  afterAll(async () => {
    alice?.stopClient();
    bob?.stopClient();
    await server?.close();
  });

  const aliceRoom = () => alice.getRoom(roomId) as sdk.Room;
  const bobRoom = () => bob.getRoom(roomId) as sdk.Room;

  it('Room.getUnreadNotificationCount counts the other member\'s messages; sendReadReceipt resets it', async () => {
    await bob.sendMessage(roomId, { msgtype: sdk.MsgType.Text, body: 'one' });
    const second = await bob.sendMessage(roomId, { msgtype: sdk.MsgType.Text, body: 'two' });
    await waitFor(() => aliceRoom().findEventById(second.event_id) !== undefined, 'the messages');
    await waitFor(() => aliceRoom().getUnreadNotificationCount(sdk.NotificationCountType.Total) === 2, 'an unread count of 2');
    const event = aliceRoom().findEventById(second.event_id) as sdk.MatrixEvent;
    await alice.sendReadReceipt(event, sdk.ReceiptType.Read);
    // Bob's client learns of Alice's receipt through /sync (m.receipt).
    await waitFor(() => bobRoom().getUsersReadUpTo(bobRoom().findEventById(second.event_id) as sdk.MatrixEvent).includes(alice.getUserId() ?? ''), 'the receipt at bob');
    await bob.sendMessage(roomId, { msgtype: sdk.MsgType.Text, body: 'three' });
    await waitFor(() => aliceRoom().getUnreadNotificationCount(sdk.NotificationCountType.Total) === 1, 'an unread count of 1 after the receipt');
    expect(aliceRoom().getUnreadNotificationCount(sdk.NotificationCountType.Highlight)).toBe(0);
  });

  it('a mention highlights', async () => {
    const { event_id } = await bob.sendMessage(roomId, { msgtype: sdk.MsgType.Text, body: 'hi', 'm.mentions': { user_ids: [alice.getUserId() ?? ''] } });
    await waitFor(() => aliceRoom().findEventById(event_id) !== undefined, 'the mention');
    await waitFor(() => aliceRoom().getUnreadNotificationCount(sdk.NotificationCountType.Highlight) >= 1, 'a highlight');
    expect(aliceRoom().getUnreadNotificationCount(sdk.NotificationCountType.Highlight)).toBe(1);
  });

  it('setRoomReadMarkers stores m.fully_read and moves the read receipt', async () => {
    const { event_id } = await bob.sendMessage(roomId, { msgtype: sdk.MsgType.Text, body: 'mark me' });
    await waitFor(() => aliceRoom().findEventById(event_id) !== undefined, 'the message');
    const event = aliceRoom().findEventById(event_id) as sdk.MatrixEvent;
    await alice.setRoomReadMarkers(roomId, event_id, event);
    await waitFor(() => aliceRoom().getAccountData('m.fully_read')?.getContent()['event_id'] === event_id, 'm.fully_read at alice');
    await waitFor(() => bobRoom().getEventReadUpTo(alice.getUserId() ?? '') === event_id, 'the receipt at bob');
    await waitFor(() => aliceRoom().getUnreadNotificationCount(sdk.NotificationCountType.Total) === 0, 'no unread');
    expect(bobRoom().getEventReadUpTo(alice.getUserId() ?? '')).toBe(event_id);
  });

  it('sendTyping shows on the other client\'s RoomMember, and stops', async () => {
    const aliceId = alice.getUserId() ?? '';
    await alice.sendTyping(roomId, true, 20_000);
    await waitFor(() => bobRoom().getMember(aliceId)?.typing === true, 'alice typing at bob');
    await alice.sendTyping(roomId, false, 0);
    await waitFor(() => bobRoom().getMember(aliceId)?.typing === false, 'alice stopped typing at bob');
    expect(bobRoom().getMember(aliceId)?.typing).toBe(false);
  });
});
