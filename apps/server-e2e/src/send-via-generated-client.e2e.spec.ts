import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierClient, type CourierClient } from '@courier/shared-api-client';
import { MatrixError } from '@courier/shared-matrix-errors';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';

/** The send endpoint driven through the generated client lib over a real port. */
describe.each(await dbKinds())('send through the generated client on %s', (kind) => {
  let server: ListeningServer;
  let client: CourierClient;
  let roomId: string;
  let token: string;

  beforeAll(async () => {
    server = await startListeningServer(kind);
    const alice = await server.newUser('alice');
    token = alice.accessToken;
    client = createCourierClient({ baseUrl: server.baseUrl, accessToken: alice.accessToken, retry: { minDelayMs: 10, maxDelayMs: 50 } });
    const created = await client.raw.POST('/_matrix/client/v3/createRoom', { body: { preset: 'private_chat', name: 'e2e' } });
    expect(created.response.status).toBe(200);
    roomId = created.data?.room_id ?? '';
    expect(roomId).toMatch(/^!.+:e2e\.local$/);
  });
  afterAll(async () => server.close());

  it('the same txnId twice returns the same event_id', async () => {
    const a = await client.sendMessage({ roomId, eventType: 'm.room.message', txnId: 'e2e-1', content: { msgtype: 'm.text', body: 'hello' } });
    const b = await client.sendMessage({ roomId, eventType: 'm.room.message', txnId: 'e2e-1', content: { msgtype: 'm.text', body: 'hello' } });
    expect(a.event_id).toMatch(/^\$/);
    expect(b.event_id).toBe(a.event_id);
  });

  it('txnIds with reserved characters round-trip as one transaction', async () => {
    const a = await client.sendMessage({ roomId, eventType: 'm.room.message', txnId: 'a/b%c?d#e', content: { body: 'x' } });
    const b = await client.sendMessage({ roomId, eventType: 'm.room.message', txnId: 'a/b%c?d#e', content: { body: 'y' } });
    expect(b.event_id).toBe(a.event_id);
  });

  it('concurrent duplicates over real sockets produce exactly one event', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, () => client.sendMessage({ roomId, eventType: 'm.room.message', txnId: 'e2e-storm', content: { body: 'storm' } })),
    );
    expect(new Set(results.map((r) => r.event_id)).size).toBe(1);
    expect(await server.data.db.prisma.clientTxn.count({ where: { txn_id: 'e2e-storm' } })).toBe(1);
  });

  it('a malformed body gets the exact errcode and status', async () => {
    const put = (body: string) =>
      fetch(`${server.baseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/bad`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}` },
        body,
      });
    const truncated = await put('{"a": ');
    expect(truncated.status).toBe(400);
    expect(await truncated.json()).toMatchObject({ errcode: 'M_NOT_JSON' });
    const dup = await put('{"a": 1, "a": 2}');
    expect(dup.status).toBe(400);
    expect(await dup.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
  });

  it('a state-only type is 400 M_INVALID_PARAM as a typed MatrixError', async () => {
    const err = await client.sendMessage({ roomId, eventType: 'm.room.member', txnId: 'state-only', content: { membership: 'join' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MatrixError);
    expect((err as MatrixError).errcode).toBe('M_INVALID_PARAM');
    expect((err as MatrixError).status).toBe(400);
  });

  it('a float in the content is 400 M_BAD_JSON through the client too', async () => {
    const err = await client.sendMessage({ roomId, eventType: 'm.room.message', txnId: 'float', content: { n: 1.5 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MatrixError);
    expect((err as MatrixError).errcode).toBe('M_BAD_JSON');
  });

  it('an unknown room is 403 M_FORBIDDEN, not retried', async () => {
    const err = await client.sendMessage({ roomId: '!nope:e2e.local', eventType: 'm.room.message', content: { body: 'x' } }).catch((e: unknown) => e);
    expect((err as MatrixError).errcode).toBe('M_FORBIDDEN');
    expect((err as MatrixError).status).toBe(403);
  });
});
