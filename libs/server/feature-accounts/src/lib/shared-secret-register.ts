import { randomBytes } from 'node:crypto';
import { MatrixError, badJson, forbidden, invalidParam } from '@courier/shared-matrix-errors';
import {
  UserExistsError,
  assertNoNul,
  hashPassword,
  localpartForUsername,
  optionalBoolean,
  optionalString,
  pythonTruthy,
  verifySharedSecretMac,
} from '@courier/server-domain';
import type { AccountDeps } from './account-deps';
import { openSession, sessionBody } from './open-session';

/** A nonce is good for one registration within a minute (Synapse's NONCE_TIMEOUT). */
export const NONCE_TTL_MS = 60_000;

const notEnabled = () => new MatrixError('M_UNKNOWN', 'Shared secret registration is not enabled', { status: 400 });

function secretOf(deps: AccountDeps): string {
  if (!deps.sharedSecret) throw notEnabled();
  return deps.sharedSecret;
}

/** GET /_synapse/admin/v1/register: a fresh nonce, stored so any instance can accept it. */
export async function issueRegistrationNonce(deps: AccountDeps) {
  secretOf(deps);
  const now = deps.now();
  const nonce = randomBytes(32).toString('hex');
  await deps.registrationNonces.prune(now - NONCE_TTL_MS);
  await deps.registrationNonces.create(nonce, now);
  return { nonce };
}

/** A string field Synapse also requires: present (else M_BAD_JSON), ≤ 512 chars, no NUL. */
function macPart(body: Record<string, unknown>, key: string): string {
  if (body[key] === undefined) throw badJson(`${key} must be specified`);
  const v = body[key];
  if (typeof v !== 'string' || v.length > 512 || v.includes('\u0000')) throw invalidParam(`Invalid ${key}`);
  return v;
}

/**
 * POST /_synapse/admin/v1/register: Synapse's shared-secret registration, so its tooling
 * (register_new_matrix_user) works. The nonce is consumed first, even if the rest then fails,
 * so a nonce never gets a second try; the MAC is checked in constant time. Courier knows no
 * user types, so a `user_type` is refused.
 */
export async function sharedSecretRegister(deps: AccountDeps, body: Record<string, unknown>) {
  const secret = secretOf(deps);
  const nonce = body['nonce'];
  if (typeof nonce !== 'string') throw badJson('nonce must be specified');
  assertNoNul(nonce, 'nonce');
  if (!(await deps.registrationNonces.consume(nonce, deps.now() - NONCE_TTL_MS))) {
    throw new MatrixError('M_UNKNOWN', 'unrecognised nonce', { status: 400 });
  }
  const username = macPart(body, 'username');
  const password = macPart(body, 'password');
  const admin = pythonTruthy(body['admin']);
  if (body['user_type'] !== undefined && body['user_type'] !== null) throw invalidParam('Invalid user type');
  const displayname = optionalString(body, 'displayname');
  const mac = body['mac'];
  if (typeof mac !== 'string') throw badJson('mac must be specified');
  if (!verifySharedSecretMac(secret, { nonce, username, password, admin }, mac)) throw forbidden('HMAC incorrect');

  const localpart = localpartForUsername(username);
  const userId = `@${localpart}:${deps.serverName}`;
  try {
    await deps.accounts.createUser({
      userId,
      localpart,
      passwordHash: await hashPassword(password),
      isAdmin: admin,
      createdAt: deps.now(),
      displayname: displayname ?? localpart,
    });
  } catch (err) {
    if (err instanceof UserExistsError) throw new MatrixError('M_USER_IN_USE', 'User ID already taken.');
    throw err;
  }
  if (optionalBoolean(body, 'inhibit_login')) return { user_id: userId, home_server: deps.serverName };
  const session = await openSession(deps, {
    userId,
    deviceId: optionalString(body, 'device_id', 255),
    displayName: optionalString(body, 'initial_device_display_name'),
  });
  return sessionBody(deps, session);
}
