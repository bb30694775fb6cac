import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerResponseValidation } from '../../src/routes/matrix/register-matrix-routes';

/**
 * Issue 13: in the tests every response of a spec route is checked against spec/ for its
 * status (the error schema included), and a mismatch fails. Here on a bare Fastify app with
 * routes that claim spec operations, so each kind of mismatch can be provoked.
 */
async function appWith(status: number, body: unknown, operationId: 'getVersions' | 'getTokenOwner' = 'getVersions') {
  const app = Fastify();
  const mismatches = registerResponseValidation(app);
  app.get('/x', { config: { operationId } }, async (_req, reply) => reply.code(status).send(body));
  const res = await app.inject({ method: 'GET', url: '/x' });
  await app.close();
  return { res, mismatches };
}

describe('response validation against spec/', () => {
  it('a 200 body that fits the spec passes untouched, extra fields kept', async () => {
    const body = { versions: ['v1.12'], unstable_features: {}, 'org.example.extra': true };
    const { res, mismatches } = await appWith(200, body);
    expect([res.statusCode, res.json(), mismatches]).toEqual([200, body, []]);
  });

  it('a 200 body that does not fit is a 500 and recorded', async () => {
    const { res, mismatches } = await appWith(200, { versions: 'v1.12' });
    expect(res.statusCode).toBe(500);
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toContain('getVersions GET /x → 200');
  });

  it('an error status the operation does not list is checked against the standard error schema', async () => {
    expect((await appWith(429, { errcode: 'M_LIMIT_EXCEEDED', error: 'slow down', retry_after_ms: 10 })).mismatches).toEqual([]);
    const bad = await appWith(503, { error: 'no errcode' });
    expect([bad.res.statusCode, bad.mismatches.length]).toEqual([500, 1]);
  });

  it('a declared error status is checked against its own schema', async () => {
    expect((await appWith(401, { errcode: 'M_MISSING_TOKEN', error: 'x' }, 'getTokenOwner')).mismatches).toEqual([]);
    expect((await appWith(401, { errcode: 7 }, 'getTokenOwner')).mismatches).toHaveLength(1);
  });

  it('a 2xx status the spec does not list is a mismatch', async () => {
    expect((await appWith(201, { versions: [] })).mismatches).toHaveLength(1);
  });
});
