import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from 'matrix-js-sdk';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';

(sdkLogger as unknown as { setLevel(level: string): void }).setLevel('error');

/**
 * matrix-js-sdk 37.5 against issue 15a's endpoints as a client uses them: profiles, room tags,
 * the user directory, presence, forget, the start-up calls and account deactivation.
 */
describe.each(await dbKinds())('matrix-js-sdk profiles, tags, directory, presence on %s', (kind) => {
  let server: ListeningServer;
  let alice: sdk.MatrixClient;
  let bob: sdk.MatrixClient;
  let roomId: string;
  const stamp = Date.now().toString(36);
  const names = { alice: `alice${stamp}`, bob: `bob${stamp}` };
  const password = 'sdk-password-1';

  const connect = async (username: string): Promise<sdk.MatrixClient> => {
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
    await client.startClient({ initialSyncLimit: 10 });
    await prepared;
    return client;
  };

  beforeAll(async () => {
    server = await startListeningServer(kind, { ENABLE_REGISTRATION: 'true' });
    alice = await connect(names.alice);
    bob = await connect(names.bob);
    roomId = (await alice.createRoom({ preset: sdk.Preset.PublicChat, name: 'profiles' })).room_id;
    await bob.joinRoom(roomId);
  });
  afterAll(async () => {
    alice?.stopClient();
    bob?.stopClient();
    await server?.close();
  });

  const waitFor = async (pred: () => boolean, ms = 10_000) => {
    const until = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > until) throw new Error('timed out waiting for /sync');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const aliceId = () => alice.getUserId() as string;

  it('getProfileInfo: a new account is named after its localpart, and the room shows that name', async () => {
    expect(await bob.getProfileInfo(aliceId())).toEqual({ displayname: names.alice });
    await waitFor(() => bob.getRoom(roomId)?.getMember(aliceId())?.name === names.alice);
  });

  it('setDisplayName and setAvatarUrl: the profile changes and the other member sees it through /sync', async () => {
    await alice.setDisplayName('Alice Liddell');
    await alice.setAvatarUrl('mxc://e2e.local/aliceavatar');
    expect(await bob.getProfileInfo(aliceId())).toEqual({ displayname: 'Alice Liddell', avatar_url: 'mxc://e2e.local/aliceavatar' });
    // Two changes, two member events: wait for the second.
    await waitFor(() => bob.getRoom(roomId)?.getMember(aliceId())?.getMxcAvatarUrl() === 'mxc://e2e.local/aliceavatar');
    expect(bob.getRoom(roomId)?.getMember(aliceId())?.name).toBe('Alice Liddell');
  });

  it('setRoomTag / getRoomTags / deleteRoomTag, and room.tags follows through /sync', async () => {
    await alice.setRoomTag(roomId, 'm.favourite', { order: 0.5 });
    expect((await alice.getRoomTags(roomId)).tags).toEqual({ 'm.favourite': { order: 0.5 } });
    await waitFor(() => alice.getRoom(roomId)?.tags['m.favourite']?.order === 0.5);
    await alice.deleteRoomTag(roomId, 'm.favourite');
    await waitFor(() => alice.getRoom(roomId)?.tags['m.favourite'] === undefined);
  });

  it('searchUserDirectory finds the room-mate by display name', async () => {
    const found = await bob.searchUserDirectory({ term: 'liddell' });
    expect(found.results).toEqual([{ user_id: aliceId(), display_name: 'Alice Liddell', avatar_url: 'mxc://e2e.local/aliceavatar' }]);
    expect(found.limited).toBe(false);
  });

  it('setPresence reaches the room-mate as the User presence', async () => {
    await alice.setPresence({ presence: 'unavailable', status_msg: 'reading' });
    await waitFor(() => bob.getUser(aliceId())?.presence === 'unavailable');
    expect(bob.getUser(aliceId())?.presenceStatusMsg).toBe('reading');
    expect((await bob.getPresence(aliceId())).presence).toBe('unavailable');
  });

  it('getThreePids, getThirdpartyProtocols and turnServer answer empty', async () => {
    expect(await alice.getThreePids()).toEqual({ threepids: [] });
    expect(await alice.getThirdpartyProtocols()).toEqual({});
    expect(await alice.turnServer()).toEqual({});
  });

  it('leave then forget: the room is gone from an include_leave sync', async () => {
    const other = (await bob.createRoom({ preset: sdk.Preset.PublicChat })).room_id;
    await alice.joinRoom(other);
    await alice.leave(other);
    await alice.forget(other);
    const res = await alice.http.authedRequest<{ rooms: { leave: Record<string, unknown> } }>(sdk.Method.Get, '/sync', {
      filter: JSON.stringify({ room: { include_leave: true } }),
      timeout: '0',
    });
    expect(Object.keys(res.rooms.leave)).not.toContain(other);
  });

  it('deactivateAccount with the password: the room sees the leave, login then fails', async () => {
    const auth = { type: 'm.login.password', identifier: { type: 'm.id.user', user: names.bob }, password };
    const bobId = bob.getUserId() as string;
    bob.stopClient();
    await bob.deactivateAccount(auth);
    await waitFor(() => alice.getRoom(roomId)?.getMember(bobId)?.membership === 'leave');
    const anon = sdk.createClient({ baseUrl: server.baseUrl });
    await expect(anon.loginRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: names.bob }, password })).rejects.toMatchObject({
      errcode: 'M_USER_DEACTIVATED',
    });
  });
});
