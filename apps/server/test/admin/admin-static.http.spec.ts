import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCors } from '../../src/plugins/cors.plugin';
import { registerMatrixErrorHandler } from '../../src/plugins/matrix-error-handler.plugin';
import { ADMIN_CSP, registerAdminStatic } from '../../src/plugins/admin-static.plugin';

const INDEX = '<!doctype html><title>admin</title>';
let dir: string;
let app: FastifyInstance;
let unbuilt: FastifyInstance;

async function appWith(root: string): Promise<FastifyInstance> {
  const a = Fastify({ routerOptions: { ignoreTrailingSlash: false } });
  registerMatrixErrorHandler(a);
  registerCors(a);
  registerAdminStatic(a, { root });
  await a.ready();
  return a;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'admin-static-'));
  await mkdir(join(dir, 'dist', 'assets'), { recursive: true });
  await writeFile(join(dir, 'dist', 'index.html'), INDEX);
  await writeFile(join(dir, 'dist', 'assets', 'index-AbCd1234.js'), 'console.log(1)');
  await writeFile(join(dir, 'dist', 'assets', 'index-AbCd1234.css'), 'body{}');
  await writeFile(join(dir, 'dist', 'favicon.svg'), '<svg/>');
  await writeFile(join(dir, 'secret.txt'), 'top secret');
  await symlink(join(dir, 'secret.txt'), join(dir, 'dist', 'leak.txt'));
  app = await appWith(join(dir, 'dist'));
  unbuilt = await appWith(join(dir, 'missing'));
});

afterAll(async () => {
  await app.close();
  await unbuilt.close();
  await rm(dir, { recursive: true, force: true });
});

describe('admin static files', () => {
  it('serves index.html at the root, with the security headers and no credentials', async () => {
    const res = await app.inject({ method: 'GET', url: '/_courier/admin/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toBe(ADMIN_CSP);
    expect(ADMIN_CSP).toContain("connect-src 'self'");
    expect(ADMIN_CSP).not.toContain('unsafe');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('redirects the bare prefix to the trailing slash', async () => {
    const res = await app.inject({ method: 'GET', url: '/_courier/admin' });
    expect(res.statusCode).toBe(308);
    expect(res.headers['location']).toBe('/_courier/admin/');
  });

  it('serves hashed assets as immutable with their content type', async () => {
    const js = await app.inject({ method: 'GET', url: '/_courier/admin/assets/index-AbCd1234.js' });
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log(1)');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await app.inject({ method: 'GET', url: '/_courier/admin/assets/index-AbCd1234.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const svg = await app.inject({ method: 'GET', url: '/_courier/admin/favicon.svg' });
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['cache-control']).toBe('no-cache');
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/_courier/admin/assets/index-AbCd1234.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it('falls back to index.html for paths without a file, and 404s missing assets', async () => {
    const deep = await app.inject({ method: 'GET', url: '/_courier/admin/rooms/some-room' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toBe(INDEX);
    const missing = await app.inject({ method: 'GET', url: '/_courier/admin/assets/nope-12345678.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ errcode: 'M_NOT_FOUND', error: 'No such file' });
    expect(missing.headers['x-frame-options']).toBe('DENY');
  });

  it.each([
    '/_courier/admin/../secret.txt',
    '/_courier/admin/../../secret.txt',
    '/_courier/admin/%2e%2e/secret.txt',
    '/_courier/admin/%2E%2E%2Fsecret.txt',
    '/_courier/admin/assets/..%2f..%2fsecret.txt',
    '/_courier/admin/..%5csecret.txt',
    '/_courier/admin/%2fetc%2fpasswd',
    '/_courier/admin//etc/passwd',
    '/_courier/admin/leak.txt',
    '/_courier/admin/index.html%00.js',
  ])('never leaves the build folder: %s', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.body).not.toContain('top secret');
    expect(res.body).not.toContain('root:');
    expect([200, 400, 404]).toContain(res.statusCode);
    if (res.statusCode === 200) expect(res.body).toBe(INDEX);
  });

  it('refuses raw dot segments sent over a real socket (no client-side normalising)', async () => {
    const real = await appWith(join(dir, 'dist'));
    await real.listen({ port: 0, host: '127.0.0.1' });
    const { port } = real.server.address() as AddressInfo;
    const get = (path: string) =>
      new Promise<{ status: number; body: string }>((done, fail) => {
        const req = request({ host: '127.0.0.1', port, path }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => done({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', fail);
        req.end();
      });
    try {
      for (const path of ['/_courier/admin/../secret.txt', '/_courier/admin/assets/../../secret.txt', '/_courier/admin/./../secret.txt']) {
        const res = await get(path);
        expect(res.body).not.toContain('top secret');
        expect(res.status).toBe(404);
      }
    } finally {
      await real.close();
    }
  });

  it('answers 503 with how to build when the app is not built', async () => {
    for (const url of ['/_courier/admin/', '/_courier/admin/assets/index-AbCd1234.js', '/_courier/admin/users']) {
      const res = await unbuilt.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ errcode: 'M_UNKNOWN', error: 'admin app not built: run npm run build -w @courier/admin' });
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });
});
