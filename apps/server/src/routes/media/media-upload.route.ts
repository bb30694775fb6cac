import type { FastifyInstance } from 'fastify';
import { createPendingMedia, uploadMedia, uploadToPendingMedia } from '@courier/server-feature-media';
import { pathParams } from '../client/path-params';
import { bodyStream, declaredLength, queryParam, sentContentType, useStreamingBodies } from './media-request';

/** POST /_matrix/media/v3/upload (content-repo.yaml uploadContent): streamed, 413 over MEDIA_MAX_BYTES. */
function uploadRoute(app: FastifyInstance, version: string): void {
  app.post(`/_matrix/media/${version}/upload`, async (request) => {
    const requester = await app.services.authenticate(request);
    const { contentUri } = await uploadMedia(app.services.media, {
      userId: requester.userId,
      body: bodyStream(request),
      contentType: sentContentType(request),
      fileName: queryParam(request, 'filename'),
      declaredLength: declaredLength(request),
    });
    return { content_uri: contentUri };
  });
}

/** PUT /_matrix/media/v3/upload/{serverName}/{mediaId} (uploadContentToMXC): the creator, once. */
function uploadToMxcRoute(app: FastifyInstance): void {
  app.put('/_matrix/media/v3/upload/:serverName/:mediaId', async (request) => {
    const requester = await app.services.authenticate(request);
    const { serverName, mediaId } = pathParams(request.params, ['serverName', 'mediaId'] as const);
    await uploadToPendingMedia(app.services.media, {
      userId: requester.userId,
      serverName,
      mediaId,
      body: bodyStream(request),
      contentType: sentContentType(request),
      fileName: queryParam(request, 'filename'),
      declaredLength: declaredLength(request),
    });
    return {};
  });
}

/** POST /_matrix/media/v1/create (createContent): an mxc:// URI to upload to within 24 hours. */
export function mediaCreateRoute(app: FastifyInstance): void {
  app.post('/_matrix/media/v1/create', async (request) => {
    const requester = await app.services.authenticate(request);
    const { contentUri, unusedExpiresAt } = await createPendingMedia(app.services.media, requester.userId);
    return { content_uri: contentUri, unused_expires_at: unusedExpiresAt };
  });
}

/** The upload routes, in a scope whose bodies are streams rather than buffers. */
export async function registerMediaUploadRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scoped) => {
    useStreamingBodies(scoped);
    // A refused upload leaves its body unread: close the connection rather than read the rest.
    scoped.addHook('onSend', async (_request, reply) => {
      if (reply.statusCode === 413) reply.header('connection', 'close');
    });
    // r0 as well: older clients (matrix-nio 0.20) still upload there.
    uploadRoute(scoped, 'v3');
    uploadRoute(scoped, 'r0');
    uploadToMxcRoute(scoped);
  });
}
