import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeningServer, type ListeningServer } from './listening-server';
import { rawExchange, rawRequest, type RawOutcome } from './raw-http';

// Bounded: about 600 requests, some seconds on two busy cores.
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

/**
 * Judges one exchange: an answer (never a hang), never a 5xx, every error a Matrix JSON error.
 * tRPC paths answer in tRPC's error envelope, carrying the errcode in `error.data.errcode`.
 */
function judge(outcome: RawOutcome, what: string, head = false): void {
  if (outcome.kind === 'closed') throw new Error(`${what}: connection closed without a response (got ${JSON.stringify(outcome.partial)})`);
  const { status, headers, body } = outcome.response;
  expect(status, what).toBeLessThan(500);
  if (status < 400 || head) return;
  expect(headers['content-type'] ?? '', `${what} → ${status}`).toMatch(/^application\/json/);
  const parsed = JSON.parse(body.toString('utf8')) as { errcode?: unknown; error?: { data?: { errcode?: unknown } } };
  const errcode = parsed.errcode ?? (what.includes(' /_courier/trpc/') ? parsed.error?.data?.errcode : undefined);
  expect(typeof errcode, `${what} → ${status} ${body.toString('utf8')}`).toBe('string');
}

/** Path segments: valid, percent-encoded noise, broken escapes, raw UTF-8 bytes, dot segments, huge. */
const segment = fc.oneof(
  fc.constantFrom('m.room.message', 'txn1', '', '.', '..', '%', '%z', '%e9', '%ff%fe', '%00', '%2F', '%25', '%C3%A9', '!r:e2e.local'),
  fc.string({ unit: 'binary', maxLength: 12 }).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => Buffer.from(s.replace(/[\s?#]/g, ''), 'utf8').toString('latin1')),
  fc.integer({ min: 100, max: 6000 }).map((n) => 'a'.repeat(n)),
);
const query = fc.constantFrom('', '', '?access_token=x', '?access_token=a&access_token=b', '?timeout=-1&since=zz', '?filter=%7B', '?__proto__[polluted]=1', '?a=%ZZ');

describe('HTTP fuzz against a listening server (SQLite)', () => {
  let server: ListeningServer;
  let port: number;
  let token: string;
  let roomId: string;

  beforeAll(async () => {
    server = await startListeningServer('sqlite');
    port = Number(new URL(server.baseUrl).port);
    token = (await server.newUser('fuzz')).accessToken;
    const res = await fetch(`${server.baseUrl}/_matrix/client/v3/createRoom`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' });
    roomId = ((await res.json()) as { room_id: string }).room_id;
  });
  afterAll(async () => server.close());

  const sendTarget = (room: string, type: string, txn: string, prefix = 'v3') => `/_matrix/client/${prefix}/rooms/${room}/send/${type}/${txn}`;

  it('random methods, paths and queries', async () => {
    const method = fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'TRACE');
    const path = fc.oneof(
      fc.tuple(segment, segment, segment, fc.constantFrom('v3', 'r0', 'v1')).map(([r, t, x, p]) => sendTarget(r, t, x, p)),
      fc.tuple(segment, segment).map(([t, x]) => sendTarget(encodeURIComponent(roomId), t, x)),
      fc.constantFrom('/', '/_matrix', '/_matrix/client/versions', '/_matrix/client/v3/createRoom', '/_matrix/client/v3/login', '/_matrix/client/v3/sync', '/health', '/ready', '/metrics', '/_courier/trpc/rooms.sendMessage', '//', '/_matrix//client'),
      fc.array(segment, { maxLength: 5 }).map((segs) => `/${segs.join('/')}`),
    );
    await fc.assert(
      fc.asyncProperty(method, path, query, async (m, p, q) => {
        const target = p + q;
        judge(await rawExchange(port, rawRequest(m, target, [['Host', 'fuzz'], ['Authorization', `Bearer ${token}`]], m === 'GET' || m === 'HEAD' ? '' : '{}'), { head: m === 'HEAD' }), `${m} ${target.slice(0, 120)}`, m === 'HEAD');
      }),
      { numRuns: RUNS },
    );
  });

  it('malformed, duplicate and huge headers', async () => {
    const auth = fc.oneof(
      fc.constant<Array<[string, string]>>([]),
      fc.constantFrom('Bearer', 'Bearer ', 'Bearer a b', 'Basic abc', 'bearer BAD', 'Bearer \u00ff\u00fe', `Bearer ${'t'.repeat(5000)}`).map((v) => [['Authorization', v]] as Array<[string, string]>),
      fc.constant<Array<[string, string]>>([['Authorization', 'Bearer a'], ['Authorization', 'Bearer b']]),
      fc.integer({ min: 8_000, max: 40_000 }).map((n) => [['Authorization', `Bearer ${'x'.repeat(n)}`]] as Array<[string, string]>),
      fc.integer({ min: 1, max: 300 }).map((n) => Array.from({ length: n }, (_, i) => [`X-Fuzz-${i}`, 'v'.repeat(100)] as [string, string])),
    );
    const contentType = fc.constantFrom(undefined, 'application/json', 'text/plain', 'multipart/form-data; boundary=x', '', 'application/json; charset=latin1');
    await fc.assert(
      fc.asyncProperty(auth, contentType, async (headers, ct) => {
        const all: Array<[string, string]> = [['Host', 'fuzz'], ...headers, ...(ct === undefined ? [] : [['Content-Type', ct] as [string, string]])];
        judge(await rawExchange(port, rawRequest('PUT', sendTarget(encodeURIComponent(roomId), 'm.room.message', `h${Math.random()}`), all, '{"body":"x"}')), `headers ${JSON.stringify(all).slice(0, 160)}`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('hostile bodies: invalid UTF-8, deep nesting, huge strings, random bytes, broken chunking', async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
      fc.constantFrom(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), Buffer.from('\ufeff{}'), Buffer.from('{"a":1.0,"a":-0}')),
      fc.integer({ min: 1, max: 100_000 }).map((n) => Buffer.from('['.repeat(n) + ']'.repeat(n % 3 === 0 ? 0 : n))),
      fc.integer({ min: 1, max: 50_000 }).map((n) => Buffer.from(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`)),
      fc.integer({ min: 1_000, max: 3_000_000 }).map((n) => Buffer.from(`{"body":"${'x'.repeat(n)}"}`)),
    );
    const target = fc.constantFrom(sendTarget(encodeURIComponent(roomId), 'm.room.message', 'TXN'), '/_matrix/client/v3/createRoom', '/_matrix/client/v3/login', '/_matrix/client/v3/user/x/filter');
    const framing = fc.constantFrom('length', 'chunked', 'bad-chunk', 'short-length');
    await fc.assert(
      fc.asyncProperty(body, target, framing, async (b, t, f) => {
        const url = t.replace('TXN', `b${Math.random()}`);
        const headers: Array<[string, string]> = [['Host', 'fuzz'], ['Authorization', `Bearer ${token}`], ['Content-Type', 'application/json']];
        let request: Buffer;
        if (f === 'length') request = rawRequest('PUT', url, headers, b);
        else if (f === 'short-length') request = rawRequest('PUT', url, [...headers, ['Content-Length', String(Math.max(0, b.length - 1))]], b, { noContentLength: true });
        else {
          const size = f === 'chunked' ? b.length.toString(16) : 'zz';
          const chunked = Buffer.concat([Buffer.from(`${size}\r\n`), b, Buffer.from('\r\n0\r\n\r\n')]);
          request = rawRequest('PUT', url, [...headers, ['Transfer-Encoding', 'chunked']], chunked, { noContentLength: true });
        }
        const method = t.includes('/send/') ? 'PUT' : 'POST';
        judge(await rawExchange(port, method === 'PUT' ? request : Buffer.concat([Buffer.from('POST'), request.subarray(3)])), `${f} body of ${b.length} bytes to ${t}`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('the server is alive and still sends afterwards', async () => {
    expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
    const res = await fetch(`${server.baseUrl}${sendTarget(encodeURIComponent(roomId), 'm.room.message', 'after-fuzz')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ msgtype: 'm.text', body: 'still here' }),
    });
    expect(res.status).toBe(200);
  });
});
