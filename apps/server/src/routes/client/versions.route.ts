import type { MatrixHandlerGroup } from '../matrix/handler-context';

/** The spec versions Courier speaks; clients pick their API from this list. */
export const SUPPORTED_VERSIONS = ['r0.5.0', 'r0.6.0', 'r0.6.1', 'v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', 'v1.7', 'v1.8', 'v1.9', 'v1.10', 'v1.11', 'v1.12'];

/** GET /_matrix/client/versions: public; an Authorization header, valid or not, changes nothing. */
export const versionsHandlers = {
  getVersions: async () => ({ versions: SUPPORTED_VERSIONS, unstable_features: {} }),
} satisfies MatrixHandlerGroup;
