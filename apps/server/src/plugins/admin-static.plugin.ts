import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where the admin app is mounted; its Vite `base` is the same path. */
export const ADMIN_PREFIX = '/_courier/admin';

/** apps/admin/dist, built by `npm run build -w @courier/admin` (run by the root postinstall). */
export const DEFAULT_ADMIN_DIST = fileURLToPath(new URL('../../../admin/dist/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Self only: the app's own scripts and styles, and fetch/SSE to this origin (the gateway and the
 * login endpoint). No inline script, no framing, no plugins, no base-URI games.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite's content-hashed output (`assets/index-B1a2c3D4.js`): safe to cache forever. */
const HASHED_ASSET = /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

function setSecurityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', ADMIN_CSP);
  reply.header('x-frame-options', 'DENY');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  // The CORS plugin never allows credentials; make sure nothing else does on these paths.
  reply.removeHeader('access-control-allow-credentials');
}

/** The file under `root` that `rel` names, or undefined when it escapes root or is not a file. */
async function resolveFile(root: string, rel: string): Promise<string | undefined> {
  if (rel.includes('\0') || rel.includes('\\')) return undefined;
  const candidate = resolve(root, `./${rel}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  try {
    // realpath too, so a symlink inside dist can never lead outside it.
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .header('cache-control', 'no-store')
    .send({ errcode: 'M_UNKNOWN', error: 'admin app not built: run npm run build -w @courier/admin' });
}

async function sendFile(reply: FastifyReply, file: string, rel: string): Promise<FastifyReply> {
  const info = await stat(file);
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  reply.header('content-type', type).header('content-length', info.size);
  reply.header('cache-control', HASHED_ASSET.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache');
  return reply.send(createReadStream(file));
}

export interface AdminStaticOptions {
  /** The built app's folder; apps/admin/dist by default. */
  root?: string;
}

/**
 * Serves the admin app's static build at /_courier/admin/. A path that names a file gets it;
 * a path without a file extension gets index.html (the app routes by hash, but a reload of a
 * deep link still works); a missing asset is 404. Paths that would leave the build folder are
 * 404 too. Until the app is built, every admin path answers 503 with how to build it.
 */
export function registerAdminStatic(app: FastifyInstance, opts: AdminStaticOptions = {}): void {
  const root = resolve(opts.root ?? DEFAULT_ADMIN_DIST);
  // Resolved lazily: dist may be (re)built while the server runs.
  const realRoot = async (): Promise<string | undefined> => {
    try {
      return await realpath(root);
    } catch {
      return undefined;
    }
  };

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) setSecurityHeaders(reply);
  });

  app.get(ADMIN_PREFIX, async (_request, reply) => reply.redirect(`${ADMIN_PREFIX}/`, 308));

  app.get(`${ADMIN_PREFIX}/*`, async (request: FastifyRequest<{ Params: { '*': string } }>, reply) => {
    const base = await realRoot();
    const index = base === undefined ? undefined : await resolveFile(base, 'index.html');
    if (base === undefined || index === undefined) return notBuilt(reply);
    const rel = request.params['*'];
    if (rel === '' || rel === 'index.html') return sendFile(reply, index, 'index.html');
    const file = await resolveFile(base, rel);
    if (file) return sendFile(reply, file, rel);
    const last = rel.split('/').pop() ?? '';
    const escapes = rel.split('/').some((seg) => seg === '..' || seg === '.');
    if (!escapes && extname(last) === '') return sendFile(reply, index, 'index.html');
    return reply.code(404).header('cache-control', 'no-store').send({ errcode: 'M_NOT_FOUND', error: 'No such file' });
  });
}
