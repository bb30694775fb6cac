import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';
import { nioAvailable, runNioScript } from './nio-runner';

const available = await nioAvailable('matrix-nio media and directory');

type NioResult = Record<string, unknown>;

function runNio(args: string[]): Promise<NioResult> {
  return runNioScript<NioResult>('nio_media_directory.py', args);
}

/** matrix-nio 0.20 (legacy /_matrix/media/r0 paths) on media, aliases and the directory. */
describe.skipIf(!available).each(await dbKinds())('matrix-nio media, aliases and directory on %s', (kind) => {
  let server: ListeningServer;
  let result: NioResult;
  let mediaPath: string;

  beforeAll(async () => {
    mediaPath = mkdtempSync(join(tmpdir(), 'courier-nio-media-'));
    server = await startListeningServer(kind, { MEDIA_PATH: mediaPath });
    const user = await server.newUser('nio');
    result = await runNio([server.baseUrl, user.userId, user.accessToken, user.deviceId]);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(mediaPath, { recursive: true, force: true });
  });

  it('upload, download and thumbnail through nio', () => {
    expect(result['content_uri']).toMatch(/^mxc:\/\/e2e\.local\/[A-Za-z0-9_-]{32}$/);
    expect(result['download_equal']).toBe(true);
    expect(result['download_content_type']).toBe('image/png');
    expect(result['download_filename']).toBe('dot.png');
    expect(result['thumbnail_ok']).toBe(true);
    expect(result['thumbnail_content_type']).toBe('image/png');
  });

  it('room_put_alias, room_resolve_alias, join by alias and room_get_visibility through nio', () => {
    expect(result['put_alias_ok']).toBe(true);
    expect(result['resolved_room_id']).toBe(result['room_id']);
    expect(result['joined_room_id']).toBe(result['room_id']);
    expect(result['visibility']).toBe('private');
  });
});
