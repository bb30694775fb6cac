import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_SCOPES, createServiceToken, type ServiceScope } from '@courier/server-domain';
import { dbKinds } from '@courier/server-testing';
import { createGatewayClient, gatewayErrcode, gatewayHttpStatus, toMatrixError, type GatewayClient, type GatewayEvent } from '@courier/shared-gateway-client';
import { startListeningServer, type ListeningServer } from './listening-server';

/** The tRPC gateway over a real port, through the typed client lib (HTTP, batching, SSE). */
describe.each(await dbKinds())('the tRPC gateway through the client lib on %s', (kind) => {
  let server: ListeningServer;
  let client: GatewayClient;
  let alice: { userId: string; accessToken: string };
  let roomId: string;
  let n = 0;

  const url = () => `${server.baseUrl}/_courier/trpc`;
  const clientWith = async (...scopes: ServiceScope[]) => {
    const { token } = await createServiceToken(server.data.serviceTokens, { name: `e2e-${n++}`, scopes, now: Date.now() });
    return createGatewayClient({ url: url(), token });
  };
  const rest = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.baseUrl}/_matrix/client/v3${path}`, {
      method,
      headers: { authorization: `Bearer ${alice.accessToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const send = (txnId: string, body: string) =>
    client.events.send.mutate({ roomId, type: 'm.room.message', content: { msgtype: 'm.text', body }, txnId, senderUserId: alice.userId });

  beforeAll(async () => {
    server = await startListeningServer(kind);
    alice = await server.newUser('alice');
    client = await clientWith(...SERVICE_SCOPES);
    const created = await rest('POST', '/createRoom', { preset: 'private_chat', name: 'gateway e2e' });
    expect(created.status).toBe(200);
    roomId = String(created.body['room_id']);
  });
  afterAll(async () => server.close());

  it('events.send twice with the same txnId gives one event', async () => {
    const a = await send('g-1', 'hello');
    const b = await send('g-1', 'hello again');
    expect(b.eventId).toBe(a.eventId);
    expect(await server.data.db.prisma.event.count({ where: { event_id: a.eventId } })).toBe(1);
    expect(await server.data.db.prisma.clientTxn.count({ where: { txn_id: 'g-1' } })).toBe(1);
  });

  it('a token without events:send gets FORBIDDEN with data.errcode M_FORBIDDEN', async () => {
    const reader = await clientWith('events:read', 'stats:read');
    const err = await reader.events.send
      .mutate({ roomId, type: 'm.room.message', content: { body: 'x' }, txnId: 'nope', senderUserId: alice.userId })
      .catch((e: unknown) => e);
    expect(gatewayErrcode(err)).toBe('M_FORBIDDEN');
    expect(gatewayHttpStatus(err)).toBe(403);
    expect(toMatrixError(err)).toMatchObject({ errcode: 'M_FORBIDDEN', status: 403 });
  });

  it('an unknown token is 401 M_UNKNOWN_TOKEN; batched queries work', async () => {
    const stranger = createGatewayClient({ url: url(), token: 'cst_not-a-real-token' });
    const err = await stranger.stats.overview.query().catch((e: unknown) => e);
    expect(gatewayErrcode(err)).toBe('M_UNKNOWN_TOKEN');
    expect(gatewayHttpStatus(err)).toBe(401);
    const [stats, rooms] = await Promise.all([client.stats.overview.query(), client.rooms.list.query({})]);
    expect(stats.rooms).toBe(1);
    expect(rooms.items.map((r) => r.name)).toEqual(['gateway e2e']);
  });

  it('an event sent through REST arrives on an open events.onNew subscription', async () => {
    const received: Array<{ id: string; data: GatewayEvent }> = [];
    let fail: (e: unknown) => void = () => undefined;
    const failed = new Promise<never>((_r, reject) => (fail = reject));
    const started = new Promise<void>((resolve) => {
      const sub = client.events.onNew.subscribe(
        { roomId },
        { onStarted: () => resolve(), onData: (d) => received.push(d), onError: (e) => fail(e) },
      );
      cleanup.push(() => sub.unsubscribe());
    });
    await Promise.race([started, failed]);
    const put = await rest('PUT', `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/rest-1`, { msgtype: 'm.text', body: 'via REST' });
    expect(put.status).toBe(200);
    const eventId = String(put.body['event_id']);
    await Promise.race([waitFor(() => received.some((r) => r.id === eventId)), failed]);
    const got = received.find((r) => r.id === eventId);
    expect(got?.data).toMatchObject({ eventId, roomId, sender: alice.userId, content: { body: 'via REST' } });
  });

  it('resumes after lastEventId without gaps', async () => {
    const first = await send('resume-1', 'one');
    const second = await send('resume-2', 'two');
    const third = await send('resume-3', 'three');
    const ids: string[] = [];
    const sub = client.events.onNew.subscribe({ roomId, lastEventId: first.eventId }, { onData: (d) => ids.push(d.id) });
    cleanup.push(() => sub.unsubscribe());
    await waitFor(() => ids.length >= 2);
    expect(ids.slice(0, 2)).toEqual([second.eventId, third.eventId]);
  });

  it('an event sent through tRPC is visible to REST /messages and /sync', async () => {
    const { eventId } = await send('to-rest', 'via tRPC');
    const messages = await rest('GET', `/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=5`);
    expect(messages.status).toBe(200);
    const chunk = messages.body['chunk'] as Array<{ event_id: string; content: { body?: string } }>;
    expect(chunk.find((e) => e.event_id === eventId)?.content.body).toBe('via tRPC');

    const sync = await rest('GET', '/sync?timeout=0');
    expect(sync.status).toBe(200);
    const rooms = sync.body['rooms'] as { join: Record<string, { timeline: { events: Array<{ event_id: string }> } }> };
    expect(rooms.join[roomId]?.timeline.events.map((e) => e.event_id)).toContain(eventId);
  });

  const cleanup: Array<() => void> = [];
  afterAll(() => cleanup.forEach((c) => c()));
});

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
