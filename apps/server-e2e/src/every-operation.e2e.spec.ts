import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCourierClient, OPERATIONS, type CourierClient, type OperationName } from '@courier/shared-api-client';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import sharp from 'sharp';
import { canonicalJson, sharedSecretMac, type JsonObject } from '@courier/server-domain';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';

/**
 * Issue 13: every operationId of spec/ is called at least once through the generated client,
 * over a real port, with the server checking each response against the spec
 * (validateResponses in listening-server). The client records each call's operation from
 * openapi-fetch's schemaPath, and the last test asserts that none is missing.
 */
const BACKUP_ALG = 'm.megolm_backup.v1.curve25519-aes-sha2';
/** A tiny valid PNG, for uploads and thumbnails. */
const PNG = await sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toBuffer();

/** An ed25519 key pair (node:crypto) as Matrix names it: the unpadded base64 public key. */
interface Ed25519 {
  publicKey: string;
  privateKey: KeyObject;
}
function ed25519(): Ed25519 {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
  return { publicKey: Buffer.from(raw, 'base64url').toString('base64').replace(/=+$/, ''), privateKey };
}
/** Signs the canonical JSON of `obj` (without signatures and unsigned) as `userId` with `keyId`. */
function signAs(obj: JsonObject, userId: string, keyId: string, key: Ed25519): JsonObject {
  const { signatures, unsigned: _unsigned, ...rest } = obj;
  const sig = sign(null, Buffer.from(canonicalJson(rest)), key.privateKey).toString('base64').replace(/=+$/, '');
  const existing = (signatures ?? {}) as Record<string, JsonObject>;
  return { ...obj, signatures: { ...existing, [userId]: { ...(existing[userId] ?? {}), [keyId]: sig } } };
}

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
  let mxc = '';
  let mediaPath: string;

  beforeAll(async () => {
    mediaPath = mkdtempSync(join(tmpdir(), 'courier-every-op-'));
    server = await startListeningServer(kind, { REGISTRATION_SHARED_SECRET: SECRET, ENABLE_REGISTRATION: 'true', MEDIA_PATH: mediaPath });
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
  afterAll(async () => {
    await server?.close();
    rmSync(mediaPath, { recursive: true, force: true });
  });

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

  it('media: config, upload, async upload, downloads and thumbnails (legacy and authenticated)', async () => {
    const binary = { bodySerializer: (b: unknown) => b as BodyInit, headers: { 'Content-Type': 'image/png' } };
    ok(await alice.raw.GET('/_matrix/media/v3/config'));
    ok(await alice.raw.GET('/_matrix/client/v1/media/config'));
    const uploaded = await alice.raw.POST('/_matrix/media/v3/upload', { ...binary, params: { query: { filename: 'red.png' } }, body: PNG as unknown as string });
    ok(uploaded);
    mxc = uploaded.data?.content_uri ?? '';
    const media = { serverName: 'e2e.local', mediaId: mxc.replace('mxc://e2e.local/', '') };
    const created = await alice.raw.POST('/_matrix/media/v1/create');
    ok(created);
    const later = { serverName: 'e2e.local', mediaId: (created.data?.content_uri ?? '').replace('mxc://e2e.local/', '') };
    ok(await alice.raw.PUT('/_matrix/media/v3/upload/{serverName}/{mediaId}', { ...binary, params: { path: later }, body: PNG as unknown as string }));

    const bytes = { parseAs: 'arrayBuffer' as const };
    const legacy = await anon.raw.GET('/_matrix/media/v3/download/{serverName}/{mediaId}', { ...bytes, params: { path: media } });
    ok(legacy);
    expect(Buffer.from(legacy.data as unknown as ArrayBuffer).equals(PNG)).toBe(true);
    ok(await anon.raw.GET('/_matrix/media/v3/download/{serverName}/{mediaId}/{fileName}', { ...bytes, params: { path: { ...later, fileName: 'later.png' } } }));
    ok(await anon.raw.GET('/_matrix/media/v3/thumbnail/{serverName}/{mediaId}', { ...bytes, params: { path: media, query: { width: 1, height: 1 } } }));
    const authed = await bob.raw.GET('/_matrix/client/v1/media/download/{serverName}/{mediaId}', { ...bytes, params: { path: media } });
    ok(authed);
    expect(Buffer.from(authed.data as unknown as ArrayBuffer).equals(PNG)).toBe(true);
    ok(await bob.raw.GET('/_matrix/client/v1/media/download/{serverName}/{mediaId}/{fileName}', { ...bytes, params: { path: { ...media, fileName: 'x.png' } } }));
    ok(await bob.raw.GET('/_matrix/client/v1/media/thumbnail/{serverName}/{mediaId}', { ...bytes, params: { path: media, query: { width: 1, height: 1, method: 'scale' } } }));
  });

  it('profile, presence, user directory, 3PIDs, third-party protocols and TURN', async () => {
    const user = { path: { userId: aliceId } };
    ok(await alice.raw.PUT('/_matrix/client/v3/profile/{userId}/displayname', { params: user, body: { displayname: 'Alice Every' } }));
    ok(await anon.raw.GET('/_matrix/client/v3/profile/{userId}/displayname', { params: user }));
    ok(await alice.raw.PUT('/_matrix/client/v3/profile/{userId}/avatar_url', { params: user, body: { avatar_url: mxc } }));
    ok(await anon.raw.GET('/_matrix/client/v3/profile/{userId}/avatar_url', { params: user }));
    const profile = await anon.raw.GET('/_matrix/client/v3/profile/{userId}', { params: user });
    ok(profile);
    expect(profile.data).toMatchObject({ displayname: 'Alice Every', avatar_url: mxc });
    ok(await alice.raw.PUT('/_matrix/client/v3/presence/{userId}/status', { params: user, body: { presence: 'online', status_msg: 'here' } }));
    ok(await alice.raw.GET('/_matrix/client/v3/presence/{userId}/status', { params: user }));
    ok(await bob.raw.POST('/_matrix/client/v3/user_directory/search', { body: { search_term: 'alice', limit: 5 } }));
    ok(await alice.raw.GET('/_matrix/client/v3/account/3pid'));
    ok(await alice.raw.GET('/_matrix/client/v3/thirdparty/protocols'));
    ok(await alice.raw.GET('/_matrix/client/v3/voip/turnServer'));
  });

  it('room aliases, the room directory and public rooms', async () => {
    const created = await alice.raw.POST('/_matrix/client/v3/createRoom', { body: { preset: 'public_chat', name: 'directory room' } });
    ok(created);
    const dirRoom = created.data?.room_id ?? '';
    const alias = { path: { roomAlias: `#every${kind}:e2e.local` } };
    ok(await alice.raw.PUT('/_matrix/client/v3/directory/room/{roomAlias}', { params: alias, body: { room_id: dirRoom } }));
    const resolved = await bob.raw.GET('/_matrix/client/v3/directory/room/{roomAlias}', { params: alias });
    ok(resolved);
    expect(resolved.data?.room_id).toBe(dirRoom);
    ok(await alice.raw.GET('/_matrix/client/v3/rooms/{roomId}/aliases', { params: { path: { roomId: dirRoom } } }));
    const listing = { path: { roomId: dirRoom } };
    ok(await alice.raw.PUT('/_matrix/client/v3/directory/list/room/{roomId}', { params: listing, body: { visibility: 'public' } }));
    ok(await anon.raw.GET('/_matrix/client/v3/directory/list/room/{roomId}', { params: listing }));
    ok(await anon.raw.GET('/_matrix/client/v3/publicRooms', { params: { query: { limit: 5 } } }));
    ok(await bob.raw.POST('/_matrix/client/v3/publicRooms', { body: { limit: 5, filter: { generic_search_term: 'directory' } } }));
    ok(await alice.raw.DELETE('/_matrix/client/v3/directory/room/{roomAlias}', { params: alias }));
  });

  it('tags, typing, receipts, read markers, context, relations, threads and search', async () => {
    const created = await alice.raw.POST('/_matrix/client/v3/createRoom', { body: { preset: 'private_chat', name: 'reading room' } });
    ok(created);
    const readRoom = created.data?.room_id ?? '';
    const room = { path: { roomId: readRoom } };
    const tag = { path: { userId: aliceId, roomId: readRoom, tag: 'u.work' } };
    ok(await alice.raw.PUT('/_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag}', { params: tag, body: { order: 0.5 } }));
    ok(await alice.raw.GET('/_matrix/client/v3/user/{userId}/rooms/{roomId}/tags', { params: { path: { userId: aliceId, roomId: readRoom } } }));
    ok(await alice.raw.DELETE('/_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag}', { params: tag }));
    ok(await alice.raw.PUT('/_matrix/client/v3/rooms/{roomId}/typing/{userId}', { params: { path: { roomId: readRoom, userId: aliceId } }, body: { typing: true, timeout: 5000 } }));

    const send = (txnId: string, body: Record<string, unknown>) =>
      alice.raw.PUT('/_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}', { params: { path: { roomId: readRoom, eventType: 'm.room.message', txnId } }, body });
    const root = await send(`root-${kind}`, { msgtype: 'm.text', body: 'thread root about penguins' });
    ok(root);
    const eventId = root.data?.event_id ?? '';
    ok(await send(`reply-${kind}`, { msgtype: 'm.text', body: 'a reply', 'm.relates_to': { rel_type: 'm.thread', event_id: eventId } }));
    ok(await alice.raw.POST('/_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}', { params: { path: { roomId: readRoom, receiptType: 'm.read', eventId } }, body: {} }));
    ok(await alice.raw.POST('/_matrix/client/v3/rooms/{roomId}/read_markers', { params: room, body: { 'm.fully_read': eventId, 'm.read': eventId } }));
    ok(await alice.raw.GET('/_matrix/client/v3/rooms/{roomId}/context/{eventId}', { params: { path: { roomId: readRoom, eventId }, query: { limit: 5 } } }));
    const relations = await alice.raw.GET('/_matrix/client/v1/rooms/{roomId}/relations/{eventId}', { params: { path: { roomId: readRoom, eventId } } });
    ok(relations);
    expect(relations.data?.chunk).toHaveLength(1);
    ok(await alice.raw.GET('/_matrix/client/v1/rooms/{roomId}/relations/{eventId}/{relType}', { params: { path: { roomId: readRoom, eventId, relType: 'm.thread' } } }));
    ok(
      await alice.raw.GET('/_matrix/client/v1/rooms/{roomId}/relations/{eventId}/{relType}/{eventType}', {
        params: { path: { roomId: readRoom, eventId, relType: 'm.thread', eventType: 'm.room.message' } },
      }),
    );
    const threads = await alice.raw.GET('/_matrix/client/v1/rooms/{roomId}/threads', { params: room });
    ok(threads);
    expect(threads.data?.chunk.map((e) => e.event_id)).toEqual([eventId]);
    const found = await alice.raw.POST('/_matrix/client/v3/search', { body: { search_categories: { room_events: { search_term: 'penguins' } } } });
    ok(found);
    expect(found.data?.search_categories?.room_events?.count).toBe(1);
  });

  it('device keys, cross-signing and key changes', async () => {
    const before = await alice.raw.GET('/_matrix/client/v3/sync', { params: { query: { timeout: 0 } } });
    ok(before);
    const deviceKey = ed25519();
    const device = signAs(
      {
        user_id: aliceId,
        device_id: aliceDevice,
        algorithms: ['m.olm.v1.curve25519-aes-sha2', 'm.megolm.v1.aes-sha2'],
        keys: { [`curve25519:${aliceDevice}`]: `curve-${aliceDevice}`, [`ed25519:${aliceDevice}`]: deviceKey.publicKey },
      },
      aliceId,
      `ed25519:${aliceDevice}`,
      deviceKey,
    );
    ok(await alice.raw.POST('/_matrix/client/v3/keys/upload', { body: { device_keys: device as never } }));
    const master = ed25519();
    const selfSigning = ed25519();
    const userSigning = ed25519();
    const crossKey = (usage: 'master' | 'self_signing' | 'user_signing', key: Ed25519) => ({ user_id: aliceId, usage: [usage], keys: { [`ed25519:${key.publicKey}`]: key.publicKey } });
    ok(
      await alice.raw.POST('/_matrix/client/v3/keys/device_signing/upload', {
        body: {
          master_key: crossKey('master', master),
          self_signing_key: signAs(crossKey('self_signing', selfSigning), aliceId, `ed25519:${master.publicKey}`, master) as never,
          user_signing_key: signAs(crossKey('user_signing', userSigning), aliceId, `ed25519:${master.publicKey}`, master) as never,
        },
      }),
    );
    const signatures = await alice.raw.POST('/_matrix/client/v3/keys/signatures/upload', {
      body: { [aliceId]: { [aliceDevice]: signAs(device, aliceId, `ed25519:${selfSigning.publicKey}`, selfSigning) } } as never,
    });
    ok(signatures);
    expect(signatures.data?.failures).toEqual({});
    const after = await bob.raw.GET('/_matrix/client/v3/sync', { params: { query: { timeout: 0 } } });
    ok(after);
    const from = before.data?.next_batch ?? '';
    ok(await alice.raw.GET('/_matrix/client/v3/keys/changes', { params: { query: { from, to: after.data?.next_batch ?? '' } } }));
  });

  it('key backup: versions and keys at all three levels', async () => {
    const sessionData = { first_message_index: 0, forwarded_count: 0, is_verified: true, session_data: { ciphertext: 'c', ephemeral: 'e', mac: 'm' } };
    const created = await alice.raw.POST('/_matrix/client/v3/room_keys/version', { body: { algorithm: BACKUP_ALG, auth_data: { public_key: 'pk' } } });
    ok(created);
    const version = created.data?.version ?? '';
    const v = { path: { version } };
    ok(await alice.raw.GET('/_matrix/client/v3/room_keys/version/{version}', { params: v }));
    ok(await alice.raw.PUT('/_matrix/client/v3/room_keys/version/{version}', { params: v, body: { algorithm: BACKUP_ALG, auth_data: { public_key: 'pk' }, version } }));
    const q = { query: { version } };
    const backupRoom = `!backup${kind}:e2e.local`;
    const inRoom = { ...q, path: { roomId: backupRoom } };
    const one = { ...q, path: { roomId: backupRoom, sessionId: 's1' } };
    ok(await alice.raw.PUT('/_matrix/client/v3/room_keys/keys', { params: q, body: { rooms: { [backupRoom]: { sessions: { s0: sessionData } } } } }));
    ok(await alice.raw.PUT('/_matrix/client/v3/room_keys/keys/{roomId}', { params: inRoom, body: { sessions: { s2: sessionData } } }));
    ok(await alice.raw.PUT('/_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}', { params: one, body: sessionData }));
    ok(await alice.raw.GET('/_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}', { params: one }));
    ok(await alice.raw.GET('/_matrix/client/v3/room_keys/keys/{roomId}', { params: inRoom }));
    const all = await alice.raw.GET('/_matrix/client/v3/room_keys/keys', { params: q });
    ok(all);
    expect(Object.keys(all.data?.rooms[backupRoom]?.sessions ?? {}).sort()).toEqual(['s0', 's1', 's2']);
    ok(await alice.raw.DELETE('/_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}', { params: one }));
    ok(await alice.raw.DELETE('/_matrix/client/v3/room_keys/keys/{roomId}', { params: inRoom }));
    ok(await alice.raw.DELETE('/_matrix/client/v3/room_keys/keys', { params: q }));
    ok(await alice.raw.DELETE('/_matrix/client/v3/room_keys/version/{version}', { params: v }));
  });

  it('deactivating a throw-away account, with UIA by password', async () => {
    const reg = await anon.raw.POST('/_matrix/client/v3/register', {
      body: { username: `dave${kind}`, password: 'dave pw', auth: { type: 'm.login.dummy' } },
    });
    ok(reg);
    const dave = clientFor(reg.data?.access_token);
    ok(await dave.raw.POST('/_matrix/client/v3/account/deactivate', { body: {} }), 401);
    const auth = { type: 'm.login.password', identifier: { type: 'm.id.user', user: reg.data?.user_id ?? '' }, password: 'dave pw' };
    ok(await dave.raw.POST('/_matrix/client/v3/account/deactivate', { body: { auth, erase: false } }));
    ok(await dave.raw.GET('/_matrix/client/v3/account/whoami'), 401);
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
