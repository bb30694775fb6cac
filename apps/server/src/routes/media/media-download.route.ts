import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { downloadMedia, getThumbnail, parseUploadWait } from '@courier/server-feature-media';
import { pathParams } from '../client/path-params';
import { queryParam, sendMedia } from './media-request';

/**
 * Downloads and thumbnails, served twice: under /_matrix/client/v1/media (authenticated, spec
 * v1.11+) and under the deprecated /_matrix/media/v3 (no token) for older clients.
 */
const BASES: ReadonlyArray<{ base: string; auth: boolean }> = [
  { base: '/_matrix/client/v1/media', auth: true },
  { base: '/_matrix/media/v3', auth: false },
  // The r0 prefix of the same legacy endpoints, which older clients (matrix-nio 0.20) still use.
  { base: '/_matrix/media/r0', auth: false },
];

async function download(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, auth: boolean, withName: boolean) {
  if (auth) await app.services.authenticate(request);
  const names = withName ? (['serverName', 'mediaId', 'fileName'] as const) : (['serverName', 'mediaId'] as const);
  const p = pathParams(request.params, names) as Record<string, string>;
  const waitMs = parseUploadWait(queryParam(request, 'timeout_ms'));
  const { record, body } = await downloadMedia(app.services.media, p['serverName'] ?? '', p['mediaId'] ?? '', waitMs);
  return sendMedia(reply, { ...record, fileName: p['fileName'] ?? record.fileName }, body);
}

async function thumbnail(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, auth: boolean) {
  if (auth) await app.services.authenticate(request);
  const { serverName, mediaId } = pathParams(request.params, ['serverName', 'mediaId'] as const);
  const thumb = await getThumbnail(app.services.media, {
    serverName,
    mediaId,
    width: queryParam(request, 'width'),
    height: queryParam(request, 'height'),
    method: queryParam(request, 'method'),
    waitMs: parseUploadWait(queryParam(request, 'timeout_ms')),
  });
  return sendMedia(reply, { contentType: thumb.contentType, fileName: null, size: null }, thumb.body);
}

/** GET …/config (getConfig, getConfigAuthed): the upload limit. */
async function config(app: FastifyInstance, request: FastifyRequest) {
  await app.services.authenticate(request);
  return { 'm.upload.size': app.services.media.maxBytes };
}

export function mediaDownloadRoutes(app: FastifyInstance): void {
  for (const { base, auth } of BASES) {
    app.get(`${base}/download/:serverName/:mediaId`, (request, reply) => download(app, request, reply, auth, false));
    app.get(`${base}/download/:serverName/:mediaId/:fileName`, (request, reply) => download(app, request, reply, auth, true));
    app.get(`${base}/thumbnail/:serverName/:mediaId`, (request, reply) => thumbnail(app, request, reply, auth));
    app.get(`${base}/config`, (request) => config(app, request));
  }
}
