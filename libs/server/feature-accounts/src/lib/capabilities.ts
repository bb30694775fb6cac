import { DEFAULT_ROOM_VERSION, SUPPORTED_ROOM_VERSIONS } from '@courier/server-domain';

/** GET /capabilities (capabilities.yaml): room versions from the domain; password change is supported. */
export function capabilities() {
  return {
    capabilities: {
      'm.room_versions': {
        default: DEFAULT_ROOM_VERSION,
        available: Object.fromEntries(SUPPORTED_ROOM_VERSIONS.map((v) => [v, 'stable'])),
      },
      'm.change_password': { enabled: true },
    },
  };
}
