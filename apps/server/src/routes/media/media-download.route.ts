import { downloadMedia, getThumbnail, parseUploadWait } from '@courier/server-feature-media';
import { specShaped, type MatrixHandlerGroup, type RouteCtx } from '../matrix/handler-context';
import { sendMedia } from './media-request';

interface DownloadInput {
  params: { serverName: string; mediaId: string; fileName?: string };
  query: { timeout_ms?: string };
  ctx: RouteCtx;
}

/**
 * The bytes, streamed with the download headers. The reply is sent here and returned (Fastify's
 * way to say so); the spec's 200 is not JSON, so its body type is `never` to the handler types.
 */
async function download({ params, query, ctx }: DownloadInput) {
  const waitMs = parseUploadWait(query.timeout_ms);
  const { record, body } = await downloadMedia(ctx.services.media, params.serverName, params.mediaId, waitMs);
  return specShaped<never>(sendMedia(ctx.reply, { ...record, fileName: params.fileName || record.fileName }, body));
}

interface ThumbnailInput {
  params: { serverName: string; mediaId: string };
  query: { width?: string; height?: string; method?: string; timeout_ms?: string };
  ctx: RouteCtx;
}

async function thumbnail({ params, query, ctx }: ThumbnailInput) {
  const thumb = await getThumbnail(ctx.services.media, {
    serverName: params.serverName,
    mediaId: params.mediaId,
    width: query.width,
    height: query.height,
    method: query.method,
    waitMs: parseUploadWait(query.timeout_ms),
  });
  return specShaped<never>(sendMedia(ctx.reply, { contentType: thumb.contentType, fileName: null, size: null }, thumb.body));
}

const config = async ({ ctx }: { ctx: RouteCtx }) => ({ 'm.upload.size': ctx.services.media.maxBytes });

/**
 * Downloads, thumbnails and the upload limit, served twice: under /_matrix/client/v1/media
 * (authenticated-content-repo.yaml, token required) and under the deprecated /_matrix/media/v3
 * and r0 (content-repo.yaml, no token) for older clients.
 */
export const mediaDownloadHandlers = {
  getContentAuthed: download,
  getContentOverrideNameAuthed: download,
  getContentThumbnailAuthed: thumbnail,
  getConfigAuthed: config,
  getContent: download,
  getContentOverrideName: download,
  getContentThumbnail: thumbnail,
  getConfig: config,
} satisfies MatrixHandlerGroup;
