import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';

const ORIGIN = 'https://evil.example';

/**
 * CORS never grants credentials: no `Access-Control-Allow-Credentials` on any response, and
 * the allowed origin is `*` (never the caller's Origin echoed back, which together with
 * credentials would let any site act with a user's cookies). Covers the Matrix API, the
 * operator endpoints and the `/_courier/*` admin and tRPC paths, on success and on errors.
 */
describe('CORS never allows credentials', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    user = await t.user('cors', { admin: true });
  });
  afterAll(async () => t.close());

  const paths = [
    '/_matrix/client/versions',
    '/_matrix/client/v3/account/whoami',
    '/_matrix/client/v3/rooms/!r:test.local/send/m.room.message/t1',
    '/_courier/admin',
    '/_courier/admin/users',
    '/_courier/trpc/rooms.sendMessage',
    '/_courier/trpc/users.list?input=%7B%7D',
    '/health',
    '/ready',
    '/metrics',
    '/no/such/path',
  ];
  const methods: InjectOptions['method'][] = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'];

  it.each(paths)('%s: every method, with and without a token', async (url) => {
    for (const method of methods) {
      for (const auth of [{}, { authorization: `Bearer ${user.accessToken}` }, { cookie: 'session=abc' }]) {
        const headers = {
          origin: ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
          ...auth,
        };
        const res = await t.app.inject({ method, url, headers, ...(method === 'GET' || method === 'OPTIONS' ? {} : { payload: {} }) });
        const where = `${method} ${url} → ${res.statusCode}`;
        expect(res.headers['access-control-allow-credentials'], where).toBeUndefined();
        const allowOrigin = res.headers['access-control-allow-origin'];
        expect(allowOrigin === undefined || allowOrigin === '*', `${where}: allow-origin ${String(allowOrigin)}`).toBe(true);
      }
    }
  });
});
