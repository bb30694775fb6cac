import type { FastifyInstance } from 'fastify';
import { mediaCreateRoute, registerMediaUploadRoutes } from './media-upload.route';
import { mediaDownloadRoutes } from './media-download.route';

/** The media repository (content-repo.yaml, authenticated-content-repo.yaml). preview_url is not served (404). */
export async function registerMediaRoutes(app: FastifyInstance): Promise<void> {
  await registerMediaUploadRoutes(app);
  mediaCreateRoute(app);
  mediaDownloadRoutes(app);
}
