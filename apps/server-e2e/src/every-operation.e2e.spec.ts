import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierClient, OPERATIONS, type CourierClient, type OperationName } from '@courier/shared-api-client';
import { sharedSecretMac } from '@courier/server-domain';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';

/**
 * Issue 13: every operationId of spec/ is called at least once through the generated client,
 * over a real port, with the server checking each response against the spec
 * (validateResponses in listening-server). The client records each call's operation from
 * openapi-fetch's schemaPath, and the last test asserts that none is missing.
 */
const byRoute = new Map(Object.entries(OPERATIONS).map(([id, op]) => [`${op.method.toUpperCase()} ${op.fullPath}`, id as OperationName]));

describe.each(await dbKinds())('every operation through the generated client on %s', (kind) => {
  const SECRET = 'every-operation-secret';
  let server: ListeningServer;
  const called = new Set<OperationName>();
  const statuses: string[] = [];

  const clientFor = (accessToken?: string): CourierClient => {
    const client = createCourierClient({ baseUrl: server.baseUrl, ...(accessToken ? { accessToken } : {}) });
    client.raw.use({
      onRequest({ request, schemaPath }) {
        const id = byRoute.get(`${request.method} ${schemaPath}`);
        if (id) called.add(id);
      },
      onResponse({ request, response, schemaPath }) {
        statuses.push(`${request.method} ${schemaPath} ${response.status}`);
      },
    });
    return client;
  };

  let alice: CourierClient;
  let bob: CourierClient;
  let anon: CourierClient;
  let aliceId: string;
  let aliceDevice: string;
  let bobId: string;
  let roomId: string;

  beforeAll(async () => {
    server = await startListeningServer(kind, { REGISTRATION_SHARED_SECRET: SECRET, ENABLE_REGISTRATION: 'true' });
    anon = clientFor();
    // register → login: alice has a password, so the UIA operations can be completed.
    const reg = await anon.raw.POST('/_matrix/client/v3/register', {
      body: { username: `alice${kind}`, password: 'correct horse', auth: { type: 'm.login.dummy' } },
    });
    expect(reg.response.status).toBe(200);
    const login = await anon.raw.POST('/_matrix/client/v3/login', {
      body: { type: 'm.login.password', identifier: { type: 'm.id.user', user: `alice${kind}` }, password: 'correct horse' },
    });
    expect(login.response.status).toBe(200);
    aliceId = login.data?.user_id ?? '';
    aliceDevice = login.data?.device_id ?? '';
    alice = clientFor(login.data?.access_token);
    const b = await server.newUser('bob');
    bobId = b.userId;
    bob = clientFor(b.accessToken);
  });
  afterAll(async () => server?.close());

  /** A call that reached its handler and got an answer the spec allows (else validation made it 500). */
  const ok = (r: { response: Response }, ...allowed: number[]) => {
    expect(allowed.length > 0 ? allowed : [200]).toContain(r.response.status);
  };

  it('public and account operations', async () => {
    ok(await anon.raw.GET('/_matrix/client/versions'));
    ok(await anon.raw.GET('/_matrix/client/v3/login'));
    ok(await anon.raw.GET('/_matrix/client/v3/register/available', { params: { query: { username: `free${kind}` } } }));
    ok(await alice.raw.GET('/_matrix/client/v3/account/whoami'));
    ok(await alice.raw.GET('/_matrix/client/v3/capabilities'));
    ok(await alice.raw.GET('/_matrix/client/v3/pushrules/'));
    ok(await alice.raw.GET('/_matrix/client/v3/pushrules/global/'));
    const rule = { path: { scope: 'global', kind: 'override', ruleId: '.m.rule.master' } };
    ok(await alice.raw.GET('/_matrix/client/v3/pushrules/{scope}/{kind}/{ruleId}', { params: rule }));
    ok(await alice.raw.GET('/_matrix/client/v3/pushrules/{scope}/{kind}/{ruleId}/enabled', { params: rule }));
    ok(await alice.raw.GET('/_matrix/client/v3/pushrules/{scope}/{kind}/{ruleId}/actions', { params: rule }));
    ok(await alice.raw.GET('/_matrix/client/v3/pushers'));
    ok(await alice.raw.GET('/_matrix/client/v3/room_keys/version'), 404);
  });

  it('shared-secret registration', async () => {
    const nonce = await anon.raw.GET('/_synapse/admin/v1/register');
    ok(nonce);
    const fields = { nonce: nonce.data?.nonce ?? '', username: `carol${kind}`, password: 'pw-carol', admin: false };
    ok(await anon.raw.POST('/_synapse/admin/v1/register', { body: { ...fields, mac: sharedSecretMac(SECRET, fields) } }));
  });

  it('devices, including the UIA-protected ones', async () => {
    ok(await alice.raw.GET('/_matrix/client/v3/devices'));
    const device = { params: { path: { deviceId: aliceDevice } } };
    ok(await alice.raw.GET('/_matrix/client/v3/devices/{deviceId}', device));
    ok(await alice.raw.PUT('/_matrix/client/v3/devices/{deviceId}', { ...device, body: { display_name: 'laptop' } }));
    // A second session whose device is deleted, first without auth (401 + flows), then with it.
    const other = await anon.raw.POST('/_matrix/client/v3/login', {
      body: { type: 'm.login.password', identifier: { type: 'm.id.user', user: aliceId }, password: 'correct horse' },
    });
    const otherDevice = { params: { path: { deviceId: other.data?.device_id ?? '' } } };
    const challenge = await alice.raw.DELETE('/_matrix/client/v3/devices/{deviceId}', { ...otherDevice, body: {} });
    ok(challenge, 401);
    const auth = { type: 'm.login.password', identifier: { type: 'm.id.user', user: aliceId }, password: 'correct horse' };
    ok(await alice.raw.DELETE('/_matrix/client/v3/devices/{deviceId}', { ...otherDevice, body: { auth } }));
    ok(await alice.raw.POST('/_matrix/client/v3/delete_devices', { body: { devices: ['NOSUCHDEVICE'], auth } }));
  });

  it('rooms: create, state, send, redact, membership', async () => {
    const created = await alice.raw.POST('/_matrix/client/v3/createRoom', { body: { preset: 'public_chat', name: 'every op' } });
    ok(created);
    roomId = created.data?.room_id ?? '';
    const room = { path: { roomId } };
    ok(await bob.raw.POST('/_matrix/client/v3/join/{roomIdOrAlias}', { params: { path: { roomIdOrAlias: roomId } }, body: {} }));
    ok(await bob.raw.POST('/_matrix/client/v3/rooms/{roomId}/leave', { params: room, body: {} }));
    ok(await bob.raw.POST('/_matrix/client/v3/rooms/{roomId}/forget', { params: room, body: {} }));
    ok(await bob.raw.POST('/_matrix/client/v3/rooms/{roomId}/join', { params: room, body: {} }));
    ok(await alice.raw.POST('/_matrix/client/v3/rooms/{roomId}/kick', { params: room, body: { user_id: bobId, reason: 'test' } }));
    ok(await alice.raw.POST('/_matrix/client/v3/rooms/{roomId}/ban', { params: room, body: { user_id: bobId } }));
    ok(await alice.raw.POST('/_matrix/client/v3/rooms/{roomId}/unban', { params: room, body: { user_id: bobId } }));
    ok(await alice.raw.POST('/_matrix/client/v3/rooms/{roomId}/invite', { params: room, body: { user_id: bobId } }));

    const topic = { path: { roomId, eventType: 'm.room.topic', stateKey: '' } };
    ok(await alice.raw.PUT('/_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}', { params: topic, body: { topic: 'hi' } }));
    ok(await alice.raw.GET('/_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}', { params: topic }));
    const name = { path: { roomId, eventType: 'm.room.name' } };
    ok(await alice.raw.PUT('/_matrix/client/v3/rooms/{roomId}/state/{eventType}', { params: name, body: { name: 'renamed' } }));
    ok(await alice.raw.GET('/_matrix/client/v3/rooms/{roomId}/state/{eventType}', { params: { ...name, query: { format: 'event' } } }));
    ok(await alice.raw.GET('/_matrix/client/v3/rooms/{roomId}/state', { params: room }));

    const sent = await alice.raw.PUT('/_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}', {
      params: { path: { roomId, eventType: 'm.room.message', txnId: `t-${kind}` } },
      body: { msgtype: 'm.text', body: 'hello' },
    });
    ok(sent);
    const eventId = sent.data?.event_id ?? '';
    ok(await alice.raw.GET('/_matrix/client/v3/rooms/{roomId}/event/{eventId}', { params: { path: { roomId, eventId } } }));
    ok(
      await alice.raw.PUT('/_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId}', {
        params: { path: { roomId, eventId, txnId: `r-${kind}` } },
        body: { reason: 'oops' },
      }),
    );
    ok(await alice.raw.GET('/_matrix/client/v3/rooms/{roomId}/messages', { params: { path: { roomId }, query: { dir: 'b', limit: 5 } } }));
    ok(await alice.raw.GET('/_matrix/client/v3/rooms/{roomId}/members', { params: room }));
    ok(await alice.raw.GET('/_matrix/client/v3/rooms/{roomId}/joined_members', { params: room }));
    ok(await alice.raw.GET('/_matrix/client/v3/joined_rooms'));
  });

  it('sync, filters and account data', async () => {
    const user = { path: { userId: aliceId } };
    const filter = await alice.raw.POST('/_matrix/client/v3/user/{userId}/filter', { params: user, body: { room: { timeline: { limit: 5 } } } });
    ok(filter);
    ok(await alice.raw.GET('/_matrix/client/v3/user/{userId}/filter/{filterId}', { params: { path: { userId: aliceId, filterId: filter.data?.filter_id ?? '' } } }));
    ok(await alice.raw.GET('/_matrix/client/v3/sync', { params: { query: { filter: filter.data?.filter_id ?? '', timeout: 0 } } }));
    const global = { path: { userId: aliceId, type: 'org.example.every' } };
    ok(await alice.raw.PUT('/_matrix/client/v3/user/{userId}/account_data/{type}', { params: global, body: { a: 1 } }));
    ok(await alice.raw.GET('/_matrix/client/v3/user/{userId}/account_data/{type}', { params: global }));
    const inRoom = { path: { userId: aliceId, roomId, type: 'org.example.every' } };
    ok(await alice.raw.PUT('/_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}', { params: inRoom, body: { b: 2 } }));
    ok(await alice.raw.GET('/_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}', { params: inRoom }));
  });

  it('keys and to-device', async () => {
    ok(
      await alice.raw.POST('/_matrix/client/v3/keys/upload', {
        body: { one_time_keys: { [`signed_curve25519:AAAA${kind}`]: { key: 'k1', signatures: { [aliceId]: { [`ed25519:${aliceDevice}`]: 'sig' } } } } },
      }),
    );
    ok(await bob.raw.POST('/_matrix/client/v3/keys/query', { body: { device_keys: { [aliceId]: [] } } }));
    ok(await bob.raw.POST('/_matrix/client/v3/keys/claim', { body: { one_time_keys: { [aliceId]: { [aliceDevice]: 'signed_curve25519' } } } }));
    ok(
      await bob.raw.PUT('/_matrix/client/v3/sendToDevice/{eventType}/{txnId}', {
        params: { path: { eventType: 'org.example.ping', txnId: `d-${kind}` } },
        body: { messages: { [aliceId]: { [aliceDevice]: { hello: true } } } },
      }),
    );
  });

  it('password change and logout', async () => {
    const auth = { type: 'm.login.password', identifier: { type: 'm.id.user', user: aliceId }, password: 'correct horse' };
    ok(await alice.raw.POST('/_matrix/client/v3/account/password', { body: { new_password: 'battery staple', logout_devices: false, auth } }));
    ok(await bob.raw.POST('/_matrix/client/v3/logout/all'));
    ok(await alice.raw.POST('/_matrix/client/v3/logout'));
  });

  it('called every operationId of spec/, and every answer fit the spec', () => {
    const missing = Object.keys(OPERATIONS).filter((id) => !called.has(id as OperationName));
    expect(missing).toEqual([]);
    expect(statuses.filter((s) => s.endsWith(' 500'))).toEqual([]);
    expect(server.app.responseMismatches).toEqual([]);
  });
});
