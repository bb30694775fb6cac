import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from 'matrix-js-sdk';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';

// The SDK logs every request at debug level; its errors still reach the test as exceptions.
(sdkLogger as unknown as { setLevel(level: string): void }).setLevel('error');

/** matrix-js-sdk 37.5.0, an independently written client, against Courier over a real port. */
describe.each(await dbKinds())('matrix-js-sdk against Courier on %s', (kind) => {
  let server: ListeningServer;
  let client: sdk.MatrixClient;
  let roomId: string;
  const username = `sdk${Date.now().toString(36)}`;
  const password = 'sdk-password-1';
  const seen: sdk.MatrixEvent[] = [];

  beforeAll(async () => {
    server = await startListeningServer(kind, { ENABLE_REGISTRATION: 'true' });
    const anon = sdk.createClient({ baseUrl: server.baseUrl });
    await anon.registerRequest({ username, password, auth: { type: 'm.login.dummy' } });
    const login = await anon.loginRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: username }, password });
    client = sdk.createClient({ baseUrl: server.baseUrl, accessToken: login.access_token, userId: login.user_id, deviceId: login.device_id });
    client.on(sdk.RoomEvent.Timeline, (event) => {
      seen.push(event);
    });
    const prepared = new Promise<void>((resolve, reject) => {
      client.on(sdk.ClientEvent.Sync, (state) => {
        if (state === sdk.SyncState.Prepared) resolve();
        if (state === sdk.SyncState.Error) reject(new Error('sync error'));
      });
    });
    await client.startClient({ initialSyncLimit: 20 });
    await prepared;
  });
  afterAll(async () => {
    client?.stopClient();
    await server?.close();
  });

  const waitFor = async (pred: () => boolean, ms = 10_000) => {
    const until = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > until) throw new Error('timed out waiting for /sync');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('reaches PREPARED and knows who it is', () => {
    expect(client.getUserId()).toBe(`@${username}:e2e.local`);
  });

  it('createRoom, then the room arrives through /sync', async () => {
    const created = await client.createRoom({ name: 'sdk room', preset: sdk.Preset.PrivateChat });
    roomId = created.room_id;
    await waitFor(() => client.getRoom(roomId) !== null);
    expect(client.getRoom(roomId)?.name).toBe('sdk room');
  });

  it('sendMessage and sendEvent come back through /sync with unsigned.transaction_id', async () => {
    const sent = await client.sendMessage(roomId, { msgtype: sdk.MsgType.Text, body: 'hello from js-sdk' });
    const custom = await client.sendEvent(roomId, 'com.example.custom' as keyof sdk.TimelineEvents, { n: 1 } as never);
    // The local echo takes the real event_id as soon as the PUT answers, before /sync brings the
    // remote echo; only the remote echo carries unsigned.transaction_id, so wait for that.
    const remoteEcho = (eventId: string) => seen.some((e) => e.getId() === eventId && e.getUnsigned().transaction_id);
    await waitFor(() => remoteEcho(sent.event_id) && remoteEcho(custom.event_id));
    const remote = seen.find((e) => e.getId() === sent.event_id && e.getUnsigned().transaction_id);
    expect(remote?.getUnsigned().transaction_id).toBeTruthy();
  });

  it('the same txnId twice gives one event_id', async () => {
    const path = `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/fixed-sdk-txn`;
    const body = { msgtype: 'm.text', body: 'once' };
    const a = await client.http.authedRequest<{ event_id: string }>(sdk.Method.Put, path, undefined, body);
    const b = await client.http.authedRequest<{ event_id: string }>(sdk.Method.Put, path, undefined, body);
    expect(b.event_id).toBe(a.event_id);
    await waitFor(() => seen.some((e) => e.getId() === a.event_id));
    expect(seen.filter((e) => e.getId() === a.event_id && !e.status)).toHaveLength(1);
  });

  it('a reaction (m.annotation) is accepted once; a duplicate is M_DUPLICATE_ANNOTATION', async () => {
    const target = (await client.sendMessage(roomId, { msgtype: sdk.MsgType.Text, body: 'react' })).event_id;
    const content = { 'm.relates_to': { rel_type: sdk.RelationType.Annotation as const, event_id: target, key: '🎉' } };
    const r = await client.sendEvent(roomId, sdk.EventType.Reaction, content);
    expect(r.event_id).toMatch(/^\$/);
    const err = await client.sendEvent(roomId, sdk.EventType.Reaction, content).catch((e: unknown) => e);
    expect((err as sdk.MatrixError).errcode).toBe('M_DUPLICATE_ANNOTATION');
    await waitFor(() => seen.some((e) => e.getId() === r.event_id));
  });

  it('createMessagesRequest returns the events, newest first', async () => {
    const res = await client.createMessagesRequest(roomId, null, 50, sdk.Direction.Backward);
    const bodies = res.chunk.map((e) => (e.content as { body?: string }).body);
    expect(bodies).toContain('hello from js-sdk');
    expect(bodies).toContain('once');
    expect(bodies.filter((b) => b === 'once')).toHaveLength(1);
    const ids = res.chunk.map((e) => e.event_id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
