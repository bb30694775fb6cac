import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from 'matrix-js-sdk';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';

(sdkLogger as unknown as { setLevel(level: string): void }).setLevel('error');

/**
 * matrix-js-sdk 37.5.0 reading around an event: getEventTimeline (/context), fetchRelations
 * (/relations), createThreadListMessagesRequest (/threads), searchRoomEvents (/search), and the
 * bundled aggregations it reads from unsigned.m.relations.
 */
describe.each(await dbKinds())('matrix-js-sdk reading around an event on %s', (kind) => {
  let server: ListeningServer;
  let client: sdk.MatrixClient;
  let roomId: string;
  const ids: string[] = [];
  let root: string;
  let replies: string[];
  let edit: string;
  const username = `around${Date.now().toString(36)}`;
  const password = 'sdk-password-1';

  const waitFor = async (pred: () => boolean, ms = 10_000) => {
    const until = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    server = await startListeningServer(kind, { ENABLE_REGISTRATION: 'true' });
    const anon = sdk.createClient({ baseUrl: server.baseUrl });
    await anon.registerRequest({ username, password, auth: { type: 'm.login.dummy' } });
    const login = await anon.loginRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: username }, password });
    client = sdk.createClient({ baseUrl: server.baseUrl, accessToken: login.access_token, userId: login.user_id, deviceId: login.device_id, timelineSupport: true });
    const prepared = new Promise<void>((resolve, reject) => {
      client.on(sdk.ClientEvent.Sync, (state) => {
        if (state === sdk.SyncState.Prepared) resolve();
        if (state === sdk.SyncState.Error) reject(new Error('sync error'));
      });
    });
    await client.startClient({ initialSyncLimit: 5, threadSupport: true });
    await prepared;
    roomId = (await client.createRoom({ name: 'around', preset: sdk.Preset.PrivateChat })).room_id;
    await waitFor(() => client.getRoom(roomId) !== null);
    for (let i = 0; i < 8; i++) ids.push((await client.sendMessage(roomId, { msgtype: sdk.MsgType.Text, body: `line ${i} papaya` })).event_id);
    root = (await client.sendMessage(roomId, { msgtype: sdk.MsgType.Text, body: 'thread root' })).event_id;
    replies = [];
    for (const body of ['reply one', 'reply two']) {
      const content = { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.thread', event_id: root, is_falling_back: true, 'm.in_reply_to': { event_id: root } } };
      replies.push((await client.http.authedRequest<{ event_id: string }>(sdk.Method.Put, `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/r${replies.length}`, undefined, content)).event_id);
    }
    await client.sendEvent(roomId, sdk.EventType.Reaction, { 'm.relates_to': { rel_type: sdk.RelationType.Annotation, event_id: ids[2] as string, key: '👍' } });
    edit = (
      await client.sendMessage(roomId, {
        msgtype: sdk.MsgType.Text,
        body: '* line 2 edited',
        'm.new_content': { msgtype: sdk.MsgType.Text, body: 'line 2 edited' },
        'm.relates_to': { rel_type: sdk.RelationType.Replace, event_id: ids[2] as string },
      } as never)
    ).event_id;
  });
  afterAll(async () => {
    client?.stopClient();
    await server?.close();
  });

  it('getEventTimeline builds a timeline around an old event from /context', async () => {
    const room = client.getRoom(roomId) as sdk.Room;
    const timeline = await client.getEventTimeline(room.getUnfilteredTimelineSet(), ids[1] as string);
    const events = timeline?.getEvents().map((e) => e.getId()) ?? [];
    expect(events).toContain(ids[1]);
    expect(events).toContain(ids[0]);
    expect(events).toContain(ids[2]);
    expect(events.indexOf(ids[0] as string)).toBeLessThan(events.indexOf(ids[1] as string));
  });

  it('fetchRelations pages through a thread and reads reactions by type', async () => {
    const thread = await client.fetchRelations(roomId, root, sdk.THREAD_RELATION_TYPE.name, null, { limit: 1, dir: sdk.Direction.Backward });
    expect(thread.chunk.map((e) => e.event_id)).toEqual([replies[1]]);
    expect(thread.next_batch).toBeTruthy();
    const rest = await client.fetchRelations(roomId, root, sdk.THREAD_RELATION_TYPE.name, null, { from: thread.next_batch as string, dir: sdk.Direction.Backward });
    expect(rest.chunk.map((e) => e.event_id)).toEqual([replies[0]]);
    const reactions = await client.fetchRelations(roomId, ids[2] as string, sdk.RelationType.Annotation, sdk.EventType.Reaction);
    expect(reactions.chunk.map((e) => (e.content['m.relates_to'] as { key: string }).key)).toEqual(['👍']);
  });

  it('createThreadListMessagesRequest lists the thread root with its m.thread aggregation', async () => {
    const res = await client.createThreadListMessagesRequest(roomId, null, 10, sdk.Direction.Backward, sdk.ThreadFilterType.All);
    expect(res.chunk.map((e) => e.event_id)).toEqual([root]);
    const thread = (res.chunk[0]?.unsigned?.['m.relations'] as Record<string, { count: number; current_user_participated: boolean; latest_event: { event_id: string } }>)['m.thread'];
    expect(thread).toMatchObject({ count: 2, current_user_participated: true, latest_event: { event_id: replies[1] } });
    const mine = await client.createThreadListMessagesRequest(roomId, null, 10, sdk.Direction.Backward, sdk.ThreadFilterType.My);
    expect(mine.chunk.map((e) => e.event_id)).toEqual([root]);
  });

  it('the SDK reads the bundled aggregations of a fetched event (thread summary, latest edit)', async () => {
    const rootEvent = new sdk.MatrixEvent(await client.fetchRoomEvent(roomId, root));
    expect(rootEvent.getServerAggregatedRelation<{ count: number }>(sdk.THREAD_RELATION_TYPE.name)?.count).toBe(2);
    const edited = new sdk.MatrixEvent(await client.fetchRoomEvent(roomId, ids[2] as string));
    expect(edited.getServerAggregatedRelation<{ event_id: string }>(sdk.RelationType.Replace)?.event_id).toBe(edit);
  });

  it('searchRoomEvents finds messages by word, with context', async () => {
    const results = await client.searchRoomEvents({ term: 'papaya' });
    expect(results.count).toBe(8);
    expect(results.results).toHaveLength(8);
    const first = results.results[0] as sdk.SearchResult;
    expect(first.context.getEvent().getContent()['body']).toBe('line 7 papaya');
    expect(first.context.getTimeline().length).toBeGreaterThan(1);
    expect((await client.searchRoomEvents({ term: 'no-such-word' })).results).toEqual([]);
  });
});
