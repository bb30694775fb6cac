import { afterEach, describe, expect, it } from 'vitest';
import { MatrixError } from '@courier/shared-matrix-errors';
import { sendJson, startTestServer, type Responder, type TestServer } from '../../test/http-test-server';
import { createCourierClient } from './create-courier-client';
import { unwrap } from './to-matrix-error';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(respond: Responder) {
  server = await startTestServer(respond);
  return { client: createCourierClient({ baseUrl: server.baseUrl, accessToken: 'tok' }), requests: server.requests };
}

describe('raw client over every spec file', () => {
  it('reaches /versions under its own basePath (/_matrix/client)', async () => {
    const { client, requests } = await setup((_req, res) => sendJson(res, 200, { versions: ['v1.11'] }));
    const versions = unwrap(await client.raw.GET('/_matrix/client/versions'));
    expect(versions.versions).toEqual(['v1.11']);
    expect(requests[0]?.url).toBe('/_matrix/client/versions');
  });

  it('sends an empty state key as an empty segment and serialises query params', async () => {
    const { client, requests } = await setup((_req, res) => sendJson(res, 200, { name: 'Room' }));
    await client.raw.GET('/_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}', {
      params: { path: { roomId: '!r:s', eventType: 'm.room.name', stateKey: '' }, query: { format: 'content' } },
    });
    expect(requests[0]?.url).toBe('/_matrix/client/v3/rooms/!r%3As/state/m.room.name/?format=content');
  });

  it('unwrap turns a raw error result into a MatrixError, and raw never retries', async () => {
    const { client, requests } = await setup((_req, res) =>
      sendJson(res, 503, { errcode: 'M_UNKNOWN', error: 'down' }),
    );
    const result = await client.raw.GET('/_matrix/client/v3/sync', { params: { query: { since: 's1', timeout: 0 } } });
    expect(() => unwrap(result)).toThrow(MatrixError);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('/_matrix/client/v3/sync?since=s1&timeout=0');
  });
});
