import { createPendingMedia, uploadMedia, uploadToPendingMedia } from '@courier/server-feature-media';
import type { MatrixHandlerGroup } from '../matrix/handler-context';
import { bodyStream, declaredLength, sentContentType } from './media-request';

/**
 * Uploads (content-repo.yaml). Their bodies are streams, not buffers (ROUTE_OPTIONS marks
 * them `streamBody`), streamed to storage by the use case with its own limit, MEDIA_MAX_BYTES.
 */
export const mediaUploadHandlers = {
  /** POST /_matrix/media/v3/upload: 413 M_TOO_LARGE over MEDIA_MAX_BYTES. */
  uploadContent: async ({ query, requester, ctx }) => {
    const { contentUri } = await uploadMedia(ctx.services.media, {
      userId: requester.userId,
      body: bodyStream(ctx.request),
      contentType: sentContentType(ctx.request),
      fileName: query.filename,
      declaredLength: declaredLength(ctx.request),
    });
    return { content_uri: contentUri };
  },
  /** PUT /_matrix/media/v3/upload/{serverName}/{mediaId}: the creator, once, before it expires. */
  uploadContentToMXC: async ({ params, query, requester, ctx }) => {
    await uploadToPendingMedia(ctx.services.media, {
      userId: requester.userId,
      serverName: params.serverName,
      mediaId: params.mediaId,
      body: bodyStream(ctx.request),
      contentType: sentContentType(ctx.request),
      fileName: query.filename,
      declaredLength: declaredLength(ctx.request),
    });
    return {};
  },
  /** POST /_matrix/media/v1/create: an mxc:// URI to upload to within 24 hours. */
  createContent: async ({ requester, ctx }) => {
    const { contentUri, unusedExpiresAt } = await createPendingMedia(ctx.services.media, requester.userId);
    return { content_uri: contentUri, unused_expires_at: unusedExpiresAt };
  },
} satisfies MatrixHandlerGroup;
