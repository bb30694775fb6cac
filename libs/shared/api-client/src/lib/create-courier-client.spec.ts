import { afterEach, describe, expect, it } from 'vitest';
import { MatrixError } from '@courier/shared-matrix-errors';
import { sendJson, startTestServer, type Responder, type TestServer } from '../../test/http-test-server';
import { createCourierClient, type CourierClientOptions } from './create-courier-client';

const SEND = '/_matrix/client/v3/rooms/';
const fast = { retries: 3, minDelayMs: 1, maxDelayMs: 5 };
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(respond: Responder, options: Partial<CourierClientOptions> = {}) {
  server = await startTestServer(respond);
  const client = createCourierClient({ baseUrl: server.baseUrl, accessToken: 'tok', retry: fast, ...options });
  return { client, requests: server.requests };
}

const ok: Responder = (_req, res) => sendJson(res, 200, { event_id: '$ev1' });
const txnIdOf = (url: string) => url.split('/').at(-1);
const sendHello = { roomId: '!room:server', eventType: 'm.room.message', content: { msgtype: 'm.text', body: 'hi' } };

describe('sendMessage', () => {
  it('PUTs the content with the bearer token and returns the event id', async () => {
    const { client, requests } = await setup(ok);
    await expect(client.sendMessage({ ...sendHello, txnId: 't1' })).resolves.toEqual({ event_id: '$ev1' });
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req?.method).toBe('PUT');
    expect(req?.url).toBe(`${SEND}!room%3Aserver/send/m.room.message/t1`);
    expect(req?.headers.authorization).toBe('Bearer tok');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual(sendHello.content);
  });

  it('percent-encodes path params: !room:server, and a txnId with / and %', async () => {
    const { client, requests } = await setup(ok);
    await client.sendMessage({ ...sendHello, eventType: 'com.example/x y', txnId: 'a/b%c' });
    expect(requests[0]?.url).toBe(`${SEND}!room%3Aserver/send/com.example%2Fx%20y/a%2Fb%25c`);
    const segments = (requests[0]?.url ?? '').split('/').map(decodeURIComponent);
    expect(segments.slice(-4)).toEqual(['!room:server', 'send', 'com.example/x y', 'a/b%c']);
  });

  it('refuses a txnId of `..`, which no URL can carry, without sending anything', async () => {
    const { client, requests } = await setup(ok);
    await expect(client.sendMessage({ ...sendHello, txnId: '..' })).rejects.toBeInstanceOf(TypeError);
    expect(requests).toHaveLength(0);
  });

  it('generates a txnId when omitted, once per call', async () => {
    const { client, requests } = await setup(ok);
    await client.sendMessage(sendHello);
    await client.sendMessage(sendHello);
    const [a, b] = requests.map((r) => txnIdOf(r.url));
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).not.toBe(a);
  });

  it('sends no Authorization header without an access token', async () => {
    const { client, requests } = await setup(ok, { accessToken: undefined });
    await client.sendMessage(sendHello);
    expect(requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('errors', () => {
  it('maps a Matrix error body to MatrixError with errcode, message, status and extra fields', async () => {
    const { client } = await setup((_req, res) =>
      sendJson(res, 401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Token expired', soft_logout: true, x: 1 }),
    );
    const err = await client.sendMessage(sendHello).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MatrixError);
    expect(err).toMatchObject({ errcode: 'M_UNKNOWN_TOKEN', message: 'Token expired', status: 401 });
    expect((err as MatrixError).extra).toEqual({ soft_logout: true, x: 1 });
  });

  it('keeps an errcode Courier does not know', async () => {
    const { client } = await setup((_req, res) => sendJson(res, 403, { errcode: 'ORG.EXAMPLE.NOPE', error: 'no' }));
    await expect(client.sendMessage(sendHello)).rejects.toMatchObject({ errcode: 'ORG.EXAMPLE.NOPE', status: 403 });
  });

  it('maps a non-JSON error to M_UNKNOWN with the status', async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not here</h1>');
    });
    await expect(client.sendMessage(sendHello)).rejects.toMatchObject({ errcode: 'M_UNKNOWN', status: 404 });
  });

  it('does not retry a 400', async () => {
    const { client, requests } = await setup((_req, res) => sendJson(res, 400, { errcode: 'M_BAD_JSON', error: 'bad' }));
    await expect(client.sendMessage(sendHello)).rejects.toMatchObject({ errcode: 'M_BAD_JSON', status: 400 });
    expect(requests).toHaveLength(1);
  });
});

describe('retries', () => {
  it('retries 5xx and network errors with the same txnId, generated once', async () => {
    const { client, requests } = await setup((req, res, n) => {
      if (n === 0) return sendJson(res, 500, { errcode: 'M_UNKNOWN', error: 'boom' });
      if (n === 1) return void res.socket?.destroy();
      if (n === 2) return sendJson(res, 502, 'bad gateway');
      sendJson(res, 200, { event_id: '$ev2' });
    });
    await expect(client.sendMessage(sendHello)).resolves.toEqual({ event_id: '$ev2' });
    expect(requests).toHaveLength(4);
    expect(new Set(requests.map((r) => r.url)).size).toBe(1);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
  });

  it('gives up after `retries` retries and throws the last error', async () => {
    const { client, requests } = await setup((_req, res) => sendJson(res, 503, { errcode: 'M_UNKNOWN', error: 'down' }), {
      retry: { ...fast, retries: 2 },
    });
    await expect(client.sendMessage(sendHello)).rejects.toMatchObject({ status: 503 });
    expect(requests).toHaveLength(3);
  });

  it('waits retry_after_ms on 429 before retrying', async () => {
    const { client, requests } = await setup((_req, res, n) =>
      n === 0
        ? sendJson(res, 429, { errcode: 'M_LIMIT_EXCEEDED', error: 'slow down', retry_after_ms: 300 })
        : sendJson(res, 200, { event_id: '$ev3' }),
    );
    await expect(client.sendMessage({ ...sendHello, txnId: 'same' })).resolves.toEqual({ event_id: '$ev3' });
    expect(requests.map((r) => txnIdOf(r.url))).toEqual(['same', 'same']);
    const gap = (requests[1]?.at ?? 0) - (requests[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(290);
  });

  it('waits per the Retry-After header on 429 when the body has no retry_after_ms', async () => {
    const { client, requests } = await setup((_req, res, n) =>
      n === 0
        ? sendJson(res, 429, { errcode: 'M_LIMIT_EXCEEDED', error: 'slow down' }, { 'retry-after': '1' })
        : sendJson(res, 200, { event_id: '$ev4' }),
    );
    await client.sendMessage(sendHello);
    const gap = (requests[1]?.at ?? 0) - (requests[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(990);
  });

  it('stops waiting and sends nothing more once the caller aborts', async () => {
    const { client, requests } = await setup((_req, res) =>
      sendJson(res, 429, { errcode: 'M_LIMIT_EXCEEDED', error: 'slow down', retry_after_ms: 60_000 }),
    );
    const abort = new AbortController();
    const sent = client.sendMessage({ ...sendHello, signal: abort.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    abort.abort();
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests).toHaveLength(1);
  });

  it('never retries when retries is 0', async () => {
    const { client, requests } = await setup((_req, res) => sendJson(res, 500, { errcode: 'M_UNKNOWN', error: 'x' }), {
      retry: { retries: 0 },
    });
    await expect(client.sendMessage(sendHello)).rejects.toBeInstanceOf(MatrixError);
    expect(requests).toHaveLength(1);
  });
});
