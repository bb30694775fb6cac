import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';

const MAX = 2 * 1024 * 1024; // above MAX_BODY_BYTES (1 MiB): uploads must not go through the JSON body limit

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 10, b: 10 } } })
    .png()
    .toBuffer();

describe.each(await dbKinds())('media repository (%s)', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let mediaPath: string;
  beforeAll(async () => {
    mediaPath = mkdtempSync(join(tmpdir(), 'courier-media-'));
    t = await startTestApp(kind, { env: { MEDIA_PATH: mediaPath, MEDIA_MAX_BYTES: String(MAX) } });
    alice = await t.user('alice');
    bob = await t.user('bob');
  });
  afterAll(async () => {
    await t.close();
    rmSync(mediaPath, { recursive: true, force: true });
  });

  const upload = (payload: Buffer | Readable, contentType?: string, query = '') =>
    t.as(alice, { method: 'POST', url: `/_matrix/media/v3/upload${query}`, payload, headers: contentType ? { 'content-type': contentType } : {} });
  const idOf = (contentUri: string) => contentUri.replace('mxc://test.local/', '');

  it('an upload answers an mxc URI with an unguessable ID, and the download gives the same bytes', async () => {
    const bytes = await png(8, 8);
    const res = await upload(bytes, 'image/png', '?filename=red.png');
    expect(res.statusCode).toBe(200);
    const uri = res.json().content_uri as string;
    expect(uri).toMatch(/^mxc:\/\/test\.local\/[A-Za-z0-9_-]{32}$/);
    const second = await upload(bytes, 'image/png');
    expect(second.json().content_uri).not.toBe(uri);

    const dl = await t.as(bob, { method: 'GET', url: `/_matrix/client/v1/media/download/test.local/${idOf(uri)}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(bytes)).toBe(true);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['content-disposition']).toBe('inline; filename="red.png"');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-security-policy']).toContain('sandbox');
    expect(dl.headers['content-security-policy']).toContain("script-src 'none'");
  });

  it('Content-Disposition is inline only for safe types: HTML and SVG are attachments', async () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/javascript']) {
      const uri = (await upload(Buffer.from('<script>alert(1)</script>'), type)).json().content_uri as string;
      const dl = await t.app.inject({ method: 'GET', url: `/_matrix/media/v3/download/test.local/${idOf(uri)}` });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-disposition']).toMatch(/^attachment/);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
    }
    const text = (await upload(Buffer.from('hello'), 'text/plain')).json().content_uri as string;
    const dl = await t.app.inject({ method: 'GET', url: `/_matrix/media/v3/download/test.local/${idOf(text)}/h%C3%A9llo.txt` });
    expect(dl.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(dl.headers['content-disposition']).toBe("inline; filename*=utf-8''h%C3%A9llo.txt");
  });

  it('the authenticated download needs a token; the legacy one does not', async () => {
    const uri = (await upload(Buffer.from('x'), 'text/plain')).json().content_uri as string;
    const anon = await t.app.inject({ method: 'GET', url: `/_matrix/client/v1/media/download/test.local/${idOf(uri)}` });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().errcode).toBe('M_MISSING_TOKEN');
    const legacy = await t.app.inject({ method: 'GET', url: `/_matrix/media/v3/download/test.local/${idOf(uri)}` });
    expect(legacy.statusCode).toBe(200);
  });

  it('an upload without a token is 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/_matrix/media/v3/upload', payload: Buffer.from('x') });
    expect(res.statusCode).toBe(401);
  });

  it('an upload over MEDIA_MAX_BYTES is 413 M_TOO_LARGE, declared or streamed, and nothing is kept', async () => {
    const declared = await upload(Buffer.alloc(MAX + 1), 'application/octet-stream');
    expect(declared.statusCode).toBe(413);
    expect(declared.json().errcode).toBe('M_TOO_LARGE');
    // A chunked body (no Content-Length) is cut off once it passes the limit.
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, 1));
    const streamed = await upload(Readable.from(chunks), 'application/octet-stream');
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().errcode).toBe('M_TOO_LARGE');
    expect(readdirSync(join(mediaPath, 'tmp'))).toEqual([]);
  });

  it('an upload larger than MAX_BODY_BYTES but within MEDIA_MAX_BYTES is streamed to disk, not refused', async () => {
    const big = Buffer.alloc(MAX, 7);
    const res = await upload(big, 'application/octet-stream');
    expect(res.statusCode).toBe(200);
    const dl = await t.as(alice, { method: 'GET', url: `/_matrix/client/v1/media/download/test.local/${idOf(res.json().content_uri)}` });
    expect(dl.rawPayload.length).toBe(MAX);
    expect(dl.headers['content-disposition']).toBe('attachment');
  });

  it('async upload: create, then only the creator uploads, once; before it the download is 504 M_NOT_YET_UPLOADED', async () => {
    const created = await t.as(alice, { method: 'POST', url: '/_matrix/media/v1/create' });
    expect(created.statusCode).toBe(200);
    const { content_uri: uri, unused_expires_at: expires } = created.json();
    expect(expires).toBeGreaterThan(Date.now());
    const id = idOf(uri);
    const early = await t.as(bob, { method: 'GET', url: `/_matrix/client/v1/media/download/test.local/${id}?timeout_ms=0` });
    expect(early.statusCode).toBe(504);
    expect(early.json().errcode).toBe('M_NOT_YET_UPLOADED');
    // A download that may wait (timeout_ms) is answered once the upload lands.
    const waiting = t.as(bob, { method: 'GET', url: `/_matrix/client/v1/media/download/test.local/${id}?timeout_ms=10000` });
    const put = (user: TestUser, body: string) =>
      t.as(user, { method: 'PUT', url: `/_matrix/media/v3/upload/test.local/${id}`, payload: Buffer.from(body), headers: { 'content-type': 'text/plain' } });
    const byBob = await put(bob, 'bob');
    expect(byBob.statusCode).toBe(403);
    expect(byBob.json().errcode).toBe('M_FORBIDDEN');
    expect((await put(alice, 'alice')).statusCode).toBe(200);
    const waited = await waiting;
    expect(waited.statusCode).toBe(200);
    expect(waited.body).toBe('alice');
    const again = await put(alice, 'again');
    expect(again.statusCode).toBe(409);
    expect(again.json().errcode).toBe('M_CANNOT_OVERWRITE_MEDIA');
    const dl = await t.as(bob, { method: 'GET', url: `/_matrix/client/v1/media/download/test.local/${id}` });
    expect(dl.body).toBe('alice');
  });

  it('a user holds at most five unused media IDs (429 M_LIMIT_EXCEEDED)', async () => {
    const carol = await t.user('carol');
    for (let i = 0; i < 5; i++) expect((await t.as(carol, { method: 'POST', url: '/_matrix/media/v1/create' })).statusCode).toBe(200);
    const sixth = await t.as(carol, { method: 'POST', url: '/_matrix/media/v1/create' });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().errcode).toBe('M_LIMIT_EXCEEDED');
  });

  it('thumbnails crop and scale with sharp, and are cached', async () => {
    const uri = (await upload(await png(1000, 500), 'image/png')).json().content_uri as string;
    const id = idOf(uri);
    const crop = await t.as(bob, { method: 'GET', url: `/_matrix/client/v1/media/thumbnail/test.local/${id}?width=32&height=32&method=crop` });
    expect(crop.statusCode).toBe(200);
    expect(crop.headers['content-type']).toBe('image/png');
    expect(await sharp(crop.rawPayload).metadata()).toMatchObject({ width: 32, height: 32 });
    const scale = await t.app.inject({ method: 'GET', url: `/_matrix/media/v3/thumbnail/test.local/${id}?width=300&height=200&method=scale` });
    expect(scale.statusCode).toBe(200);
    expect(await sharp(scale.rawPayload).metadata()).toMatchObject({ width: 320, height: 160 });
    const again = await t.as(bob, { method: 'GET', url: `/_matrix/client/v1/media/thumbnail/test.local/${id}?width=32&height=32&method=crop` });
    expect(again.rawPayload.equals(crop.rawPayload)).toBe(true);
    expect(await t.data.db.prisma.mediaThumbnail.count({ where: { media_id: id } })).toBe(2);
  });

  it('a thumbnail of something that is not a raster image is 400; bad sizes are 400 M_INVALID_PARAM', async () => {
    const svg = (await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml')).json().content_uri as string;
    const res = await t.as(bob, { method: 'GET', url: `/_matrix/client/v1/media/thumbnail/test.local/${idOf(svg)}?width=32&height=32` });
    expect(res.statusCode).toBe(400);
    const bad = await t.as(bob, { method: 'GET', url: `/_matrix/client/v1/media/thumbnail/test.local/${idOf(svg)}?width=-1&height=32` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errcode).toBe('M_INVALID_PARAM');
  });

  it('no path traversal: odd media IDs and other servers are 404 M_NOT_FOUND', async () => {
    for (const path of ['test.local/..%2F..%2Fetc%2Fpasswd', 'test.local/tmp', 'other.example/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'test.local/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await t.as(bob, { method: 'GET', url: `/_matrix/client/v1/media/download/${path}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().errcode).toBe('M_NOT_FOUND');
    }
  });

  it('config gives m.upload.size; preview_url is 404', async () => {
    for (const url of ['/_matrix/client/v1/media/config', '/_matrix/media/v3/config']) {
      const res = await t.as(bob, { method: 'GET', url });
      expect(res.json()).toEqual({ 'm.upload.size': MAX });
    }
    const preview = await t.as(bob, { method: 'GET', url: '/_matrix/client/v1/media/preview_url?url=https://example.org' });
    expect(preview.statusCode).toBe(404);
  });
});
