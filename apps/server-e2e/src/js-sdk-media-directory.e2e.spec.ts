import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from 'matrix-js-sdk';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';

(sdkLogger as unknown as { setLevel(level: string): void }).setLevel('error');

const MAX = 1024 * 1024;

/** matrix-js-sdk 37.5's own calls for media, aliases and the room directory, over a real port. */
describe.each(await dbKinds())('matrix-js-sdk media, aliases and directory on %s', (kind) => {
  let server: ListeningServer;
  let alice: sdk.MatrixClient;
  let bob: sdk.MatrixClient;
  let mediaPath: string;
  let token: string;

  beforeAll(async () => {
    mediaPath = mkdtempSync(join(tmpdir(), 'courier-e2e-media-'));
    server = await startListeningServer(kind, { MEDIA_PATH: mediaPath, MEDIA_MAX_BYTES: String(MAX) });
    const a = await server.newUser('alice');
    const b = await server.newUser('bob');
    token = a.accessToken;
    alice = sdk.createClient({ baseUrl: server.baseUrl, accessToken: a.accessToken, userId: a.userId, deviceId: a.deviceId });
    bob = sdk.createClient({ baseUrl: server.baseUrl, accessToken: b.accessToken, userId: b.userId, deviceId: b.deviceId });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(mediaPath, { recursive: true, force: true });
  });

  it('uploadContent, then the authenticated mxcUrlToHttp download gives the bytes back', async () => {
    const bytes = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#3050a0' } }).png().toBuffer();
    const { content_uri: uri } = await alice.uploadContent(new Uint8Array(bytes), { type: 'image/png', name: 'blue.png' });
    expect(uri).toMatch(/^mxc:\/\/e2e\.local\//);
    const url = alice.mxcUrlToHttp(uri, undefined, undefined, undefined, false, true, true);
    expect(url).toContain('/_matrix/client/v1/media/download/');
    const res = await fetch(url ?? '', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const thumbUrl = alice.mxcUrlToHttp(uri, 96, 96, 'crop', false, true, true);
    const thumb = await fetch(thumbUrl ?? '', { headers: { authorization: `Bearer ${token}` } });
    expect(thumb.status).toBe(200);
    expect(await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).toMatchObject({ width: 96, height: 96 });
  });

  it('an upload over MEDIA_MAX_BYTES is refused with M_TOO_LARGE over a real connection', async () => {
    await expect(alice.uploadContent(new Uint8Array(MAX + 1), { type: 'application/octet-stream' })).rejects.toMatchObject({ errcode: 'M_TOO_LARGE' });
    // The server still answers afterwards.
    expect((await alice.getMediaConfig(true))['m.upload.size']).toBe(MAX);
  });

  it('createAlias, getRoomIdForAlias, joinRoom("#alias:server"), getLocalAliases, deleteAlias', async () => {
    const { room_id: roomId } = await alice.createRoom({ preset: sdk.Preset.PublicChat, name: 'sdk directory room' });
    await alice.createAlias('#sdk-lobby:e2e.local', roomId);
    expect((await bob.getRoomIdForAlias('#sdk-lobby:e2e.local')).room_id).toBe(roomId);
    const joined = await bob.joinRoom('#sdk-lobby:e2e.local');
    expect(joined.roomId).toBe(roomId);
    expect((await alice.getLocalAliases(roomId)).aliases).toEqual(['#sdk-lobby:e2e.local']);
    await alice.deleteAlias('#sdk-lobby:e2e.local');
    await expect(bob.getRoomIdForAlias('#sdk-lobby:e2e.local')).rejects.toMatchObject({ errcode: 'M_NOT_FOUND' });
  });

  it('setRoomDirectoryVisibility and publicRooms', async () => {
    const { room_id: roomId } = await alice.createRoom({ preset: sdk.Preset.PublicChat, name: 'Listed by the SDK', room_alias_name: 'sdk-listed' });
    await alice.setRoomDirectoryVisibility(roomId, sdk.Visibility.Public);
    expect((await bob.getRoomDirectoryVisibility(roomId)).visibility).toBe('public');
    const all = await bob.publicRooms({});
    expect(all.chunk.find((r) => r.room_id === roomId)).toMatchObject({ name: 'Listed by the SDK', canonical_alias: '#sdk-listed:e2e.local', num_joined_members: 1 });
    const found = await bob.publicRooms({ filter: { generic_search_term: 'listed by' } });
    expect(found.chunk.map((r) => r.room_id)).toEqual([roomId]);
  });
});
