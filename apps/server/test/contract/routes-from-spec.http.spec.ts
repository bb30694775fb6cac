import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteOperationId } from '@courier/server-api-routes';
import { OPERATIONS } from '@courier/shared-api-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 13: the server is built from spec/. Every operation in the generated route table is
 * registered at every path it lists, and nothing under /_matrix (or /_synapse) is served that
 * the spec does not describe.
 */
describe('routes come from spec/', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t.close());

  const specRoutes = () =>
    new Set(Object.values(ROUTES).flatMap((r) => r.paths.map((p) => `${r.method} ${p}`)));

  it('every operation in spec/ is registered, at each of its paths', () => {
    const missing: string[] = [];
    for (const [id, r] of Object.entries(ROUTES)) {
      for (const url of r.paths) if (!t.app.hasRoute({ method: r.method, url })) missing.push(`${id}: ${r.method} ${url}`);
    }
    expect(missing).toEqual([]);
  });

  it('every route registered under /_matrix or /_synapse is in spec/ (no undocumented route)', () => {
    const spec = specRoutes();
    const served = t.app.registeredRoutes.filter((r) => r.url.startsWith('/_matrix') || r.url.startsWith('/_synapse'));
    // Fastify adds a HEAD route for each GET by itself; it is the GET's.
    const undocumented = served
      .filter((r) => !(r.method === 'HEAD' && spec.has(`GET ${r.url}`)))
      .filter((r) => !spec.has(`${r.method} ${r.url}`))
      .map((r) => `${r.method} ${r.url}`);
    expect(served.length).toBeGreaterThan(50);
    expect(undocumented).toEqual([]);
  });

  it('the route table and the client operation table name the same operations', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(OPERATIONS).sort());
    for (const id of Object.keys(ROUTES) as RouteOperationId[]) {
      expect(ROUTES[id].method).toBe(OPERATIONS[id].method.toUpperCase());
    }
  });

  it('v3 operations are served under the legacy r0 prefix too', () => {
    const send = ROUTES.sendMessage.paths;
    expect(send).toContain('/_matrix/client/v3/rooms/:roomId/send/:eventType/:txnId');
    expect(send).toContain('/_matrix/client/r0/rooms/:roomId/send/:eventType/:txnId');
    expect(ROUTES.getVersions.paths).toEqual(['/_matrix/client/versions']);
  });
});
