import type { MatrixHandlerGroup } from '../matrix/handler-context';
import { mediaDownloadHandlers } from './media-download.route';
import { mediaUploadHandlers } from './media-upload.route';

/** The media repository's handlers. preview_url is not in spec/, so it is not served (404). */
export const mediaHandlers = { ...mediaUploadHandlers, ...mediaDownloadHandlers } satisfies MatrixHandlerGroup;
