/**
 * The Matrix error codes Courier emits, with the HTTP status each carries unless a call site
 * says otherwise. One table, mirroring conduit's `to_response` and the Client-Server API's
 * "Standard error response" section.
 */
export const ERRCODE_STATUS = {
  M_FORBIDDEN: 403,
  M_UNKNOWN_TOKEN: 401,
  M_MISSING_TOKEN: 401,
  M_USER_LOCKED: 401,
  M_USER_DEACTIVATED: 403,
  M_BAD_JSON: 400,
  M_NOT_JSON: 400,
  M_NOT_FOUND: 404,
  M_LIMIT_EXCEEDED: 429,
  M_UNRECOGNIZED: 404,
  M_UNKNOWN: 500,
  M_UNAUTHORIZED: 401,
  M_USER_IN_USE: 400,
  M_INVALID_USERNAME: 400,
  M_ROOM_IN_USE: 400,
  M_INVALID_ROOM_STATE: 400,
  M_UNSUPPORTED_ROOM_VERSION: 400,
  M_INCOMPATIBLE_ROOM_VERSION: 400,
  M_BAD_STATE: 400,
  M_GUEST_ACCESS_FORBIDDEN: 403,
  M_MISSING_PARAM: 400,
  M_INVALID_PARAM: 400,
  M_TOO_LARGE: 413,
  M_EXCLUSIVE: 400,
  M_DUPLICATE_ANNOTATION: 400,
  M_USER_SUSPENDED: 403,
  M_WEAK_PASSWORD: 400,
  M_THREEPID_DENIED: 403,
  M_SERVER_NOT_TRUSTED: 401,
  // The media repository (content-repo.yaml).
  M_CANNOT_OVERWRITE_MEDIA: 409,
  M_NOT_YET_UPLOADED: 504,
  M_WRONG_ROOM_KEYS_VERSION: 403,
  M_INVALID_SIGNATURE: 400,
} as const;

export type Errcode = keyof typeof ERRCODE_STATUS;

export function isErrcode(value: unknown): value is Errcode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRCODE_STATUS, value);
}
