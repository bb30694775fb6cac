import { MatrixError, badJson, forbidden, missingParam } from '@courier/shared-matrix-errors';
import { optionalObject, optionalString } from './body-fields';

/** One message for every failed password login, so it does not tell who exists. */
export const LOGIN_FAILED_MESSAGE = 'Invalid username or password';

/**
 * The user a login body names (login.yaml): `identifier: {type: "m.id.user", user}`, or the
 * deprecated top-level `user`. `user` is a localpart or a full user ID; localparts are
 * matched lower-cased (registration lower-cases them too). A user ID of another server, or a
 * third-party identifier (we bind none), fails like a wrong password: 403 M_FORBIDDEN.
 */
export function loginUserId(body: Record<string, unknown>, serverName: string): string {
  const identifier = optionalObject(body, 'identifier');
  let user: string | undefined;
  if (identifier) {
    const type = optionalString(identifier, 'type', 255);
    if (type === 'm.id.thirdparty' || type === 'm.id.phone') throw forbidden(LOGIN_FAILED_MESSAGE);
    if (type !== 'm.id.user') throw new MatrixError('M_UNKNOWN', 'Unknown login identifier type', { status: 400 });
    user = optionalString(identifier, 'user', 512);
    if (user === undefined) throw missingParam('identifier.user is required');
  } else {
    user = optionalString(body, 'user', 512);
    if (user === undefined && (body['medium'] !== undefined || body['address'] !== undefined)) throw forbidden(LOGIN_FAILED_MESSAGE);
    if (user === undefined) throw missingParam('identifier is required');
  }
  if (!user.startsWith('@')) return `@${user.toLowerCase()}:${serverName}`;
  const colon = user.indexOf(':');
  if (colon < 0) throw badJson('user is not a valid user ID');
  if (user.slice(colon + 1).toLowerCase() !== serverName.toLowerCase()) throw forbidden(LOGIN_FAILED_MESSAGE);
  return `@${user.slice(1, colon).toLowerCase()}:${serverName}`;
}
